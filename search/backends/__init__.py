"""Search backends tuned for pre-analysed text (see search.analysis)."""
