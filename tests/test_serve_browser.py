"""`reader serve` in a real browser: Debian's Chromium, driven by Playwright, reads the
reader's screen from xterm.js, types its documented keys, and looks at the pixels.

One server for the module (tests that need their own say why), one browser for all.
Screenshots (1280×800) are kept in the directory printed by the test (READER_ARTIFACTS,
else .artifacts/serve at the top of the repository; not committed).
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

from browser_support import ReaderServer, Visitor, chromium_available, launch_browser, process_gone, until
from reader.core.loading import load_documents
from reader.core.search import find_next
from reader.store.database import AnnotationStore

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not chromium_available(), reason="Debian's chromium (/usr/bin/chromium) is not installed")

REPO = Path(__file__).resolve().parent.parent
ROSCOSMOS_AR = "روسكوزموس"
ARTIFACTS = Path(os.environ.get("READER_ARTIFACTS") or REPO / ".artifacts") / "serve"


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`reader serve` on the seeds with a new database (created by the server)."""
    where = tmp_path_factory.mktemp("serve")
    server = ReaderServer(["--db", str(where / "annotations.db"), "--annotator", "web"],
                          cwd=where, log=where / "serve.log")
    server.db = where / "annotations.db"
    try:
        yield server
    finally:
        server.stop()


def _seeds():
    return {d.id[:3]: d for d in load_documents([]).documents}


def _snapshot(db: Path):
    store = AnnotationStore.open(db, read_only=True)
    try:
        return store.snapshot()
    finally:
        store.close()


def _lock_free(db: Path) -> bool:
    store = AnnotationStore.open(db, annotator="probe")
    try:
        return not store.read_only
    finally:
        store.close()


def _pane_geometry(cells: list[list[str]]) -> tuple[int, int]:
    """(column of the separator between the two panes, first row of the text): the
    separator is the column holding ▏ on most rows."""
    counts: dict[int, int] = {}
    for row in cells:
        for x, cell in enumerate(row):
            if cell == "▏":
                counts[x] = counts.get(x, 0) + 1
    separator = max(counts, key=counts.get)
    return separator, 1


def _render(paragraph: str, width: int, tmp_path: Path) -> list[str]:
    source = tmp_path / "first.txt"
    source.write_text(paragraph + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reader", "render", "--width", str(width), str(source)],
                          capture_output=True, text=True, timeout=60, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout.rstrip("\n").split("\n")


def _font_faces(visitor: Visitor, base_url: str) -> list[dict]:
    """The page's @font-face rules with their fonts' character maps (fetched from the
    server as the browser fetched them) and whether the browser loaded each."""
    from fontTools.ttLib import TTFont

    faces = visitor.page.evaluate("""() => {
      const faces = [];
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule instanceof CSSFontFaceRule) {
            faces.push({family: rule.style.getPropertyValue("font-family").replaceAll('"', ''),
                        src: rule.style.getPropertyValue("src"),
                        weight: rule.style.getPropertyValue("font-weight"),
                        range: rule.style.getPropertyValue("unicode-range")});
          }
        }
      }
      const loaded = [];
      document.fonts.forEach(face => loaded.push(face.status));
      return {faces, loaded};
    }""")
    assert faces["faces"] and set(faces["loaded"]) == {"loaded"}, faces
    for face in faces["faces"]:
        url = face["src"].split('url("', 1)[1].split('")', 1)[0]
        with urllib.request.urlopen(base_url.rstrip("/") + url, timeout=30) as answer:
            face["cmap"] = TTFont(io.BytesIO(answer.read()), lazy=True).getBestCmap()
        face["spans"] = []
        for part in face["range"].replace("U+", "").split(","):
            low, _, high = part.strip().partition("-")
            face["spans"].append((int(low, 16), int(high or low, 16)))
    return faces["faces"]


def _missing_glyphs(text: str, faces: list[dict]) -> list[str]:
    """Characters of ``text`` that a face whose unicode-range takes them does not have
    (or that no face takes)."""
    missing = []
    for ch in sorted(set(text) - {" "}):
        takers = [f for f in faces if any(low <= ord(ch) <= high for low, high in f["spans"])]
        if not takers or any(ord(ch) not in f["cmap"] for f in takers):
            missing.append(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}")
    return missing


#: Whether the presentation form joins the cell on its left (the next letter: initial,
#: medial) and on its right (the previous letter: medial, final).
def _joins(ch: str) -> tuple[bool, bool]:
    tag = unicodedata.decomposition(ch[:1]).split(" ", 1)[0] if ch.strip() else ""
    return tag in ("<initial>", "<medial>"), tag in ("<medial>", "<final>")


INK_AT_BOUNDARIES = """
async ([png, boundaries, cell]) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  const at = (x, y) => { const i = (y * image.width + x) * 4; return [pixels[i], pixels[i + 1], pixels[i + 2]]; };
  const differs = (a, b) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) > 48;
  return boundaries.map(([row, col]) => {
    const top = Math.round(cell.top + row * cell.height), bottom = Math.round(cell.top + (row + 1) * cell.height);
    const edge = Math.round(cell.left + col * cell.width);
    // The background of the two cells: their top corners, away from any glyph.
    const background = at(edge - 2, top + 1);
    let left = false, right = false;
    for (let y = top; y < bottom; y++) {
      left = left || differs(at(edge - 1, y), background);
      right = right || differs(at(edge, y), background);
    }
    return left && right;
  });
}
"""


def _gaps_in_joins(visitor: Visitor, cells: list[list[str]], rows: list[int], columns: range) -> tuple[int, list]:
    """(joins checked, joins with no ink across the cell boundary) on ``rows``: for two
    cells whose letters join (left one joins right, right one joins left), the glyphs
    must leave ink on both sides of the boundary between the cells."""
    boundaries = []
    for y in rows:
        for x in columns[1:]:
            left, right = cells[y][x - 1], cells[y][x]
            if _joins(right)[0] and _joins(left)[1]:
                boundaries.append((y, x))
    cell = visitor.page.evaluate("""() => {
      const t = window.readerTerminals[0];
      const box = t.element.querySelector(".xterm-screen").getBoundingClientRect();
      return {left: box.left, top: box.top, width: box.width / t.cols, height: box.height / t.rows};
    }""")
    png = base64.b64encode(visitor.page.screenshot()).decode("ascii")
    ink = visitor.page.evaluate(INK_AT_BOUNDARIES, [png, boundaries, cell])
    return len(boundaries), [(y, x, cells[y][x - 1], cells[y][x]) for (y, x), ok in zip(boundaries, ink) if not ok]


def test_reader_in_the_browser_shows_lays_out_tags_and_quits(browser, served, tmp_path):
    seeds = _seeds()
    d000 = seeds["000"]
    visitor = Visitor(browser, served.url)
    try:
        assert visitor.page.title() == "reader: bundled seeds (5 documents)"
        visitor.wait_for("annotations.db: saved")  # the first visitor holds the writer lock
        cells = visitor.cells()
        separator, _ = _pane_geometry(cells)
        width = separator - 1  # the 000 pane's text, then its scrollbar, then ▏
        expected = _render(d000.paragraphs[0].text, width, tmp_path)
        pane = ["".join(row[:width]) for row in cells]
        starts = [y for y in range(len(pane) - len(expected) + 1) if pane[y:y + len(expected)] == expected]
        assert starts, "seed 000's first paragraph, as `reader render` lays it out, is not on the screen:\n" + \
            "\n".join(expected) + "\n---\n" + "\n".join(pane)

        # Screenshot of the seeds side by side; fonts and joins of the Arabic rows.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "seeds-000-004-1280x800.png"
        visitor.page.screenshot(path=str(shot))
        print(f"screenshots in {ARTIFACTS}")
        arabic_rows = [y for y, row in enumerate(cells) if any("\u0600" <= c[:1] <= "\u06ff" or "\ufb50" <= c[:1] <= "\ufeff" for c in row[:width])]
        assert len(arabic_rows) > 10
        arabic_text = "".join("".join(cells[y][:width]) for y in arabic_rows)
        assert "\ufffd" not in arabic_text
        faces = _font_faces(visitor, served.url)
        assert _missing_glyphs(arabic_text + "".join("".join(row) for row in cells), faces) == []
        checked, gaps = _gaps_in_joins(visitor, cells, arabic_rows, range(0, width))
        assert checked > 200 and not gaps, (checked, len(gaps), sorted({g[0] for g in gaps}), gaps[:20])

        # Tag روسكوزموس with the documented keys: / query Enter, 2 (entity type 2), q.
        start, end = find_next(d000, ROSCOSMOS_AR, -1)
        visitor.keys("/")
        visitor.wait_for("search forward")
        visitor.type(ROSCOSMOS_AR)
        visitor.keys("Enter")
        visitor.wait_for(f"offset {start} ")
        visitor.keys("2")
        until(lambda: len(_snapshot(served.db).spans) == 1, "the span in the database")
        visitor.keys("q")
        until(visitor.ended, "the page to say the reader ended")
    finally:
        visitor.close()
    until(lambda: _lock_free(served.db), "the writer lock to be released")

    done = subprocess.run([sys.executable, "-m", "reader", "export", "--format", "jsonl", "--db", str(served.db)],
                          capture_output=True, text=True, timeout=60, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    (document,) = [r for r in records if r["record"] == "document" and r["id"] == d000.id]
    (span,) = document["spans"]
    assert (span["start"], span["end"], span["text"]) == (start, end, ROSCOSMOS_AR)
    assert span["annotator"] == "web"


def test_visitors_share_the_database_and_ctrl_c_ends_them_all(browser, served):
    """The last test of the module: it stops the module's server."""
    first = Visitor(browser, served.url)
    second = third = None
    try:
        first.wait_for("annotations.db: saved")
        until(lambda: len(served.visitors()) == 1, "the first visitor's reader")
        (first_pid,) = served.visitors()
        # A second browser context: another person, with their own reader process.
        second = Visitor(browser, served.url)
        # What a terminal shows, in the page: who holds the database, and what it means.
        notice = until(lambda: "opened read-only" in second.notifications() and second.notifications(),
                       "the read-only notice in the second page")
        # (Compared without spaces: the notification wraps long words, a path, anywhere.)
        compact = "".join(notice.split())
        for part in (f"{served.db} is in use by pid {first_pid} on", "(web, since",
                     "opened read-only, changes cannot be saved until it is closed"):
            assert "".join(part.split()) in compact, (part, notice)
        second.wait_for("annotations.db: read-only")  # and it stays in the status line
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        second.page.screenshot(path=str(ARTIFACTS / "second-visitor-read-only-1280x800.png"))
        assert "annotations.db: saved" in first.text()
        assert len(served.visitors()) == 2

        # Closing the first tab ends its reader, which releases the lock...
        first.close()
        first = None
        until(lambda: process_gone(first_pid), "the first visitor's reader to end")
        until(lambda: _lock_free(served.db), "the writer lock to be released")
        # ...and the next visitor writes.
        third = Visitor(browser, served.url)
        third.wait_for("annotations.db: saved")
        spans = len(_snapshot(served.db).spans)
        third.keys("/")
        third.wait_for("search forward")
        third.type("ILRS")
        third.keys("Enter")
        third.wait_for("¶ 1/")
        third.keys("2")
        until(lambda: len(_snapshot(served.db).spans) == spans + 1, "the third visitor's span")

        # Ctrl+C (SIGINT to the server alone, not to its process group as a terminal
        # would): the server ends both readers, the lock is free, the pages say so.
        readers = served.visitors()
        assert len(readers) == 2
        began = time.monotonic()
        assert served.interrupt(timeout=60) == 0
        # Promptly (0.4 s measured): the server closes the visitors' websockets and waits
        # for their readers, rather than for aiohttp's shutdown timeout (23 s measured).
        # A reader may take a moment more to be reaped on a loaded machine: polled, but
        # within the same 10 s from the Ctrl+C.
        until(lambda: all(process_gone(pid) for pid in readers), "both readers to end",
              timeout=max(0.1, 10 - (time.monotonic() - began)))
        assert time.monotonic() - began < 10
        assert _lock_free(served.db)
        for visitor in (second, third):
            until(visitor.ended, "the page to say the reader ended")
    finally:
        for visitor in (first, second, third):
            if visitor is not None:
                visitor.close()
