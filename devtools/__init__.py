"""Development tools: demo content and benchmarks. Installed by the dev and test settings only."""
