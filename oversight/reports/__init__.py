"""Audit reports as PDF: ``context`` reads what a report says, ``document`` renders it to
HTML and PDF (``render``, with the URL fetcher of ``fetcher``), ``verify`` checks a report
against the register."""
