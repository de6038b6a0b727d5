"""Importing Word, Markdown and text files as pages under an index that takes imports."""
