"""HTML to PDF with WeasyPrint: archival (PDF/A), with document metadata, bookmarks, tags and
nothing fetched but what ``StaticOnlyFetcher`` allows.

The document's HTML says everything WeasyPrint puts in the PDF: ``<title>`` (Title),
``<meta name="author">`` (Author), ``<meta name="description">`` (Subject), ``<html lang>``
(the catalogue's Lang) and the register's own ``<meta name="Register…">`` fields, which
``custom_metadata`` copies into the document information (``verify`` reads them back).
Bookmarks follow the ``h1`` and ``h2`` of the document (the stylesheet turns off the others).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

# PDF/A-3b: archival, with an sRGB output intent and every font embedded; tagged as well
# (``pdf_tags``), which WeasyPrint supports for headings, paragraphs, lists and tables.
PDF_VARIANT = "pdf/a-3b"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    seconds: float
    refused: tuple[str, ...]


def html_to_pdf(html: str) -> RenderedPDF:
    """The PDF of ``html``, a complete document whose relative URLs resolve against the
    fetcher's ``BASE_URL``. ``refused`` lists the URLs the document named and was not given."""
    # WeasyPrint is imported on first use: it parses its own stylesheets when imported, which
    # every process that loads the URLs would otherwise pay for.
    from weasyprint import HTML

    from oversight.reports.fetcher import BASE_URL, StaticOnlyFetcher

    started = time.perf_counter()
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    content = document.write_pdf(
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        custom_metadata=True,
        # Attachments come only from the document (``<a rel="attachment">``, refused by the
        # fetcher); none is ever added here.
        attachments=None,
    )
    seconds = time.perf_counter() - started
    if fetcher.refused:
        logger.warning("A report named %d URLs that were not fetched.", len(fetcher.refused))
    return RenderedPDF(content=content, seconds=seconds, refused=tuple(fetcher.refused))
