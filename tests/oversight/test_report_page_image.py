"""A rendered page of the audit reports looked at as an image (poppler's ``pdftoppm``, installed
by the set-up): the pages are kept as test artefacts in ``TEST_ARTIFACTS_DIR`` (``.data/
test-artifacts`` by default) for a person to look at, and checked here for what a broken
rendering loses: the page's A4 shape, its margins, ink where the text and the running header
are, and Kazakh letters drawn rather than left out."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from PIL import Image

from oversight.reports.collection import Scope, collection_html, scope_digest
from oversight.reports.document import system_report
from oversight.reports.render import html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR") or ROOT / ".data" / "test-artifacts")
DPI = 60
# From Debian's poppler-utils, which the set-up installs (.ci/run, the README).
PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"


def _pages(pdf: bytes, name: str, first: int, last: int) -> list[Image.Image]:
    folder = ARTIFACTS / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    for old in folder.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-r",
            str(DPI),
            "-f",
            str(first),
            "-l",
            str(last),
            source,
            folder / name,
        ],
        check=True,
        timeout=60,
    )
    return [Image.open(path).convert("L") for path in sorted(folder.glob(f"{name}-*.png"))]


def _ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of dark pixels in ``box`` (fractions of the page's width and height)."""
    width, height = image.size
    region = image.crop(
        (int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height))
    )
    pixels = list(region.get_flattened_data())
    return sum(1 for value in pixels if value < 128) / max(len(pixels), 1)


def test_a_kazakh_reports_cover_and_second_page_look_like_a_report(reported_system):
    report = system_report(reported_system, language="kk")
    cover, second = _pages(report.pdf.content, "system-report-kk", 1, 2)
    # A4 portrait: 210 × 297 mm.
    assert abs(cover.size[0] / cover.size[1] - 210 / 297) < 0.01
    # Ink on the page, as text draws it, and white margins around it (15 mm left, 18 mm top).
    assert 0.01 < _ink(cover, (0, 0, 1, 1)) < 0.3
    assert _ink(cover, (0, 0, 0.05, 1)) == 0
    assert _ink(second, (0, 0, 1, 0.03)) == 0
    # The running header and the page number of a later page are drawn in its margins.
    assert _ink(second, (0.07, 0.03, 0.93, 0.06)) > 0
    assert _ink(second, (0.8, 0.95, 0.93, 0.99)) > 0


def test_kazakh_letters_are_drawn_in_the_page():
    letters = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"
    html = f'<html lang="kk"><body><p style="font-size: 40pt">{letters}</p></body></html>'
    without = '<html lang="kk"><body><p style="font-size: 40pt"></p></body></html>'
    drawn = _pages(html_to_pdf(html).content, "kazakh-letters", 1, 1)[0]
    empty = _pages(html_to_pdf(without).content, "no-letters", 1, 1)[0]
    # Every letter is drawn: a font without them would leave them out or draw empty boxes of
    # the same outline, which ink the line far less.
    assert _ink(drawn, (0, 0, 1, 0.2)) > 0.02
    assert _ink(empty, (0, 0, 1, 0.2)) == 0


def test_the_summary_of_a_report_of_several_systems_draws_its_charts(regulator, reported_system):
    scope = Scope(reported_system.organisation)
    pdf = html_to_pdf(collection_html(scope, "ru", digest=scope_digest(scope)).html).content
    pages = _pages(pdf, "organisation-report-ru", 1, 2)
    # The cover, then the summary with its bar charts: a page with ink across its width.
    assert all(0.005 < _ink(page, (0, 0, 1, 1)) < 0.3 for page in pages)
    assert _ink(pages[1], (0.1, 0.1, 0.9, 0.5)) > 0.01
