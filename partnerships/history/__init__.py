"""The history timeline of a partnership: every recorded change to it and to what belongs to it.

A timeline reads the historical tables it is given as `Source`s (sources.py; the partnership
page's list is iop/pages/history.py), runs one query per source present on a page, whatever the
number of changes (timeline.py), and computes the field-level differences in Python by comparing
each version with the one before it (changes.py).
"""
