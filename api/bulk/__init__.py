"""Bulk downloads of the public register (CSV, XLSX, JSON), its publication history and the
data dictionary of the files (``api.columns``)."""
