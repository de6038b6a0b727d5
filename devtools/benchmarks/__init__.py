"""Measurements for README: the search benchmark's corpus and figures, the public pages' speed."""
