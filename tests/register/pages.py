"""Reading a workspace page's form as a browser would submit it."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self.disabled: set[str] = set()
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "option" and self._select is not None and "selected" in attributes:
            self.data[self._select] = attributes.get("value") or ""
        name = attributes.get("name")
        if not name or tag not in ("input", "textarea", "select"):
            return
        if "disabled" in attributes:
            self.disabled.add(name)
            return
        if tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""
        elif attributes.get("type") == "radio":
            if "checked" in attributes:
                self.data[name] = attributes.get("value") or ""
        elif attributes.get("type") == "checkbox":
            if "checked" in attributes:
                self.data.setdefault(name, []).append(attributes.get("value") or "on")
        elif attributes.get("type") != "submit":
            self.data[name] = attributes.get("value") or ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.data[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea" and self._textarea is not None:
            # Browsers drop the line break that follows <textarea>.
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None


def text_inputs(html: str) -> dict[str, Any]:
    """What a browser would send from the inputs, selects and textareas of ``html`` (disabled
    ones and buttons left out), by name: ticked checkboxes as a list."""
    reader = _FormReader()
    reader.feed(html)
    return reader.data


def disabled_inputs(html: str) -> set[str]:
    reader = _FormReader()
    reader.feed(html)
    return reader.disabled
