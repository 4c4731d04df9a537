"""Helpers of the audit report tests: reading a PDF back, and a local listener that records
every connection made to it."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pypdf import PdfReader

# Kazakh letters that fonts without Kazakh lack: the report must carry them as text.
KAZAKH_NAME = "Әлеуметтік жәрдемақы көмекшісі"


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf_reader(pdf).pages)


def embedded_files(pdf: bytes) -> list[str]:
    """The names of the files embedded in the PDF (its /EmbeddedFiles name tree and any file
    attachment annotation)."""
    reader = pdf_reader(pdf)
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                names.append("annotation")
    return names


def outline_titles(pdf: bytes) -> list[str]:
    def walk(items: list) -> Iterator[str]:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(pdf_reader(pdf).outline))


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that accepts and records every connection."""

    port: int = 0
    connections: list[bytes] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def local_listener() -> Iterator[Listener]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    listener = Listener(port=server.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    listener.connections.append(conn.recv(4096))
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nleaked")
                except OSError:
                    listener.connections.append(b"")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()
