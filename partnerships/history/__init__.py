"""The history timeline of a partnership: every recorded change to it and to what belongs to it.

A timeline reads the historical tables it is given as `Source`s (sources.py; the partnership
page's list, grouped into the parts its filter offers, is iop/pages/history.py), runs one query
per source present on a page, whatever the number of changes, with its filters (a person, a
period) inside that query (timeline.py), and computes the field-level differences in Python by
comparing each version with the one before it (changes.py), a long text's word by word
(words.py).
"""
