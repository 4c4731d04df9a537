"""The tables of the crosswalk exports, generated from the mapping tables into
``api/crosswalk/README.md`` (``manage.py crosswalk_tables --write``; a test checks that the
file holds them as generated)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils import translation

from api.crosswalk import FORMATS
from api.crosswalk.mapping import Field, Unfilled

FILE = Path(__file__).with_name("README.md")
INTRODUCTION = """\
# Exports to other registers' formats: the mapping tables

Generated from the tables in `api/crosswalk/` by `manage.py crosswalk_tables --write`; do not
edit by hand. Each row is one field of the other register: the path of our source in a
version's frozen record (`register/snapshots.py`; `meta.*` is the version's publication
metadata), and the transformation, listed at the end. Fields we cannot fill say why. For the
public, a field whose source the public card does not show is left out and listed under
`withheld` (in CSV its cell says `withheld`).
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _source(row: Field) -> str:
    return " + ".join(f"`{path}`" for path in row.sources) or "—"


def lines() -> Iterator[str]:
    transforms: dict[str, str] = {}
    with translation.override("en"):
        yield INTRODUCTION
        for fmt in FORMATS.values():
            yield ""
            yield f"**{fmt.title}** (`{fmt.slug}`; {', '.join(fmt.media_types)})"
            yield ""
            yield "| Their field | Our source | Transformation |"
            yield "| --- | --- | --- |"
            for row in fmt.table:
                if isinstance(row, Unfilled):
                    yield f"| `{row.target}` | *not filled* | {_cell(str(row.reason))} |"
                else:
                    note = f" ({row.note})" if row.note else ""
                    name = row.transform.__name__
                    transforms.setdefault(name, _cell(row.transform.__doc__ or ""))
                    yield f"| `{row.target}` | {_source(row)} | `{name}`{note} |"
        yield ""
        yield "## Transformations"
        yield ""
        for name, doc in sorted(transforms.items()):
            yield f"- `{name}`: {doc}"


def tables() -> str:
    return "\n".join(lines()) + "\n"
