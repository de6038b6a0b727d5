"""Search backends tuned for pre-analysed text (see textkit.analysis and search.analysis)."""
