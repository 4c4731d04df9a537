"""The only way a report's HTML reaches anything outside itself.

WeasyPrint's stock fetcher opens any URL the document names: ``<img>``, stylesheets and CSS
``url()`` to a local address were fetched, and ``<a rel="attachment" href="file:///…">``
embedded a local file in the PDF (GHSA-35jj-wx47-4w8r). ``StaticOnlyFetcher`` answers two kinds
of URL and refuses every other one before any socket or file is opened:

- ``data:`` URLs, decoded in memory;
- the project's own static files, named by the report's base URL (``BASE_URL``) followed by
  ``STATIC_URL`` (``{% static %}`` in a template rendered against that base), read from disk
  through Django's staticfiles finders (the source files, by their own names) or, for the names
  that only the collected files have (``report.1a2b3c.css`` under the manifest storage of
  production), through the staticfiles storage; neither leaves its directories.

No http(s), no ``file://``, no other scheme, no redirect: a refused URL is an error that
WeasyPrint records as a warning and renders without.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The origin the report's relative URLs resolve against. ``.invalid`` is reserved (RFC 2606):
# it names no host, so even a fetcher that did go to the network could not reach one.
BASE_URL = "https://register.invalid/"
# What a static file may weigh: a report's stylesheet and images are a few kilobytes.
MAX_STATIC_BYTES = 2 * 1024 * 1024


class RefusedURL(ValueError):
    """The report named a URL that the fetcher does not open."""


class StaticOnlyFetcher(URLFetcher):
    """A ``weasyprint.urls.URLFetcher`` that serves ``data:`` URLs and the project's static
    files (see the module docstring) and refuses everything else; it has no network handler."""

    def __init__(self) -> None:
        # The parent installs urllib's handlers (http, ftp, file …); ``fetch`` below never calls
        # them, and ``allowed_protocols`` refuses every other scheme should anything try.
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        try:
            if url[:5].lower() == "data:":
                return self._data(url)
            return self._static(url)
        except RefusedURL:
            self.refused.append(url)
            raise

    def open(self, url: object, data: object = None, timeout: object = None) -> URLFetcherResponse:
        # urllib's entry point, which the parent routes to its handlers: never here.
        raise RefusedURL("The report fetcher opens no URL through urllib.")

    def _data(self, url: str) -> URLFetcherResponse:
        header, comma, payload = url[5:].partition(",")
        if not comma:
            raise RefusedURL("A data: URL without data.")
        parameters = header.split(";")
        is_base64 = parameters[-1].strip().lower() == "base64"
        media_type = (parameters[0] if parameters[0] else "text/plain").strip().lower()
        try:
            body = (
                base64.b64decode(unquote(payload), validate=False)
                if is_base64
                else unquote_to_bytes(payload)
            )
        except ValueError as error:
            raise RefusedURL("A data: URL that does not decode.") from error
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    def _static(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
            raise RefusedURL("Only the project's own static files are fetched.")
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        path = unquote(parts.path)
        if not path.startswith(prefix):
            raise RefusedURL("Only the project's own static files are fetched.")
        relative = path.removeprefix(prefix)
        normalised = posixpath.normpath(relative)
        if (
            not relative
            or normalised != relative
            or normalised.startswith(("/", ".."))
            or "\\" in relative
            or "\x00" in relative
        ):
            raise RefusedURL("A static path that leaves the static files.")
        try:
            body = _read_static(normalised)
        except SuspiciousFileOperation as error:
            raise RefusedURL("A static path that leaves the static files.") from error
        if len(body) > MAX_STATIC_BYTES:
            raise RefusedURL("A static file too large for a report.")
        media_type = mimetypes.guess_type(normalised)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


def _read_static(name: str) -> bytes:
    """The first ``MAX_STATIC_BYTES + 1`` bytes of the static file ``name``: a source file
    found by the finders, else a collected one of the staticfiles storage."""
    found = finders.find(name)
    if found and not isinstance(found, list):
        with open(found, "rb") as handle:
            return handle.read(MAX_STATIC_BYTES + 1)
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read(MAX_STATIC_BYTES + 1)
    raise RefusedURL("No such static file.")
