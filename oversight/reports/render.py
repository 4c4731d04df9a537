"""HTML to PDF with WeasyPrint: archival (PDF/A), with document metadata, bookmarks, tags and
nothing fetched but what ``StaticOnlyFetcher`` allows.

The document's HTML says everything WeasyPrint puts in the PDF: ``<title>`` (Title),
``<meta name="author">`` (Author), ``<meta name="description">`` (Subject), ``<html lang>``
(the catalogue's Lang) and the register's own ``<meta name="Register…">`` fields, which
``custom_metadata`` copies into the document information (``verify`` reads them back).
Bookmarks follow the ``h1`` and ``h2`` of the document (the stylesheet turns off the others).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
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
    pages: int


class _PageCounter(logging.Handler):
    """Counts the pages WeasyPrint lays out in one thread, from its progress log."""

    def __init__(self, on_page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self.thread = threading.get_ident()
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and record.msg == PAGE_MESSAGE:
            self.on_page(int(record.args[0]))  # type: ignore[index]


# What WeasyPrint logs on ``weasyprint.progress`` as it starts laying out each page.
PAGE_MESSAGE = "Step 5 - Creating layout - Page %d"


@contextlib.contextmanager
def _pages_counted(on_page: Callable[[int], None] | None) -> Iterator[None]:
    if on_page is None:
        yield
        return
    progress = logging.getLogger("weasyprint.progress")
    handler, level, propagate = _PageCounter(on_page), progress.level, progress.propagate
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    progress.propagate = False  # counted here, not written to the log
    try:
        yield
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)
        progress.propagate = propagate


def html_to_pdf(html: str, *, on_page: Callable[[int], None] | None = None) -> RenderedPDF:
    """The PDF of ``html``, a complete document whose relative URLs resolve against the
    fetcher's ``BASE_URL``. ``refused`` lists the URLs the document named and was not given;
    ``on_page(number)`` is called as each page is laid out."""
    # WeasyPrint is imported on first use: it parses its own stylesheets when imported, which
    # every process that loads the URLs would otherwise pay for.
    from weasyprint import HTML

    from oversight.reports.fetcher import BASE_URL, StaticOnlyFetcher

    started = time.perf_counter()
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    options = {
        "pdf_variant": PDF_VARIANT,
        "pdf_tags": True,
        "custom_metadata": True,
        # Attachments come only from the document (``<a rel="attachment">``, refused by the
        # fetcher); none is ever added here.
        "attachments": None,
    }
    # What ``HTML.write_pdf`` does, in its two steps: the layout, then the PDF.
    with _pages_counted(on_page):
        rendered = document.render(**options)
    content = rendered.write_pdf(**options)
    seconds = time.perf_counter() - started
    if fetcher.refused:
        logger.warning("A report named %d URLs that were not fetched.", len(fetcher.refused))
    return RenderedPDF(
        content=content,
        seconds=seconds,
        refused=tuple(fetcher.refused),
        pages=len(rendered.pages),
    )
