"""Bench: opening a directory of saved news pages, against reading the same pages' bytes.

The corpus is written to a temporary directory: `--count` saved pages (default 1,000) in
the shapes news sites give them (menu, ad, byline, "read also" list, share buttons,
comments, sidebar, footer around the article), their articles made of seed sentences:
Arabic in UTF-8 and in windows-1256, English, Italian, and Hebrew in windows-1255.

Figures, each the median of `--repeat` runs:
- reference: reading every page's raw bytes (os.scandir + read), what any loader pays;
- eager: reader.core.loading.load_documents on the directory (every page decoded and
  extracted with trafilatura), ratio against the reference;
- lazy: from nothing to a painted library screen (LazyCorpus + LibraryScreen, as `reader
  DIR` opens), ratio against the reference: only the pages on screen are extracted;
- usable while extracting: page-down on the lazy library, milliseconds per key (wall,
  and CPU of the UI thread: wall time on a loaded machine includes waiting for the GIL
  and the CPU), while most pages are still unread: at once (the next screen of pages is
  extracted then, on the UI thread) and after 1.5 s on each screen (the library has read
  the next screen ahead in a thread);
- archives: iterating a .warc.gz of the same pages and reading each HTML payload, warcio
  against FastWARC (when installed), and against extracting those pages; listing the
  archive's pages for a lazy library (each extracted when shown).

    .venv/bin/python bench/bench_news.py              # 1,000 pages
    .venv/bin/python bench/bench_news.py --quick      # 60 pages, 1 repeat (for the test suite)

The last line is a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App  # noqa: E402

from reader.core.bundled import seeds_dir  # noqa: E402
from reader.core.lazy_loading import LazyCorpus  # noqa: E402
from reader.core.loading import load_documents  # noqa: E402
from reader.tui.screens.library import DocumentList, LibraryScreen  # noqa: E402

HEBREW = [
    "רוסיה וסין חתמו על הסכם להקמת תחנת מחקר בינלאומית על הירח.",
    "לפי ההודעה, התחנה תכלול מתקנים ניסיוניים על פני הירח או במסלול סביבו.",
    "הסוכנויות אמרו כי התחנה תהיה פתוחה לכל המדינות והשותפים הבינלאומיים.",
    "תקציב החלל הרוסי מדורג במקום השלישי בעולם אחרי ארצות הברית וסין.",
    "סין ערכה שיחות גם עם סוכנות החלל האירופית על שיתוף פעולה במשימות.",
]
# (language, encoding, charset declaration, "read also" heading, direction)
KINDS = [
    ("ar", "utf-8", '<meta charset="utf-8">', "اقرأ أيضا", "rtl"),
    ("ar", "cp1256", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "اقرأ أيضا", "rtl"),
    ("en", "utf-8", '<meta charset="utf-8">', "Read more", None),
    ("it", "utf-8", '<meta charset="utf-8">', "Leggi anche", None),
    ("he", "cp1255", '<meta charset="windows-1255">', "ראו גם", "rtl"),
]


def seed_sentences() -> dict[str, list[str]]:
    """Sentences of the seed articles by language (Arabic 000/002, Italian 003, English 004)."""
    by_lang: dict[str, list[str]] = {"ar": [], "it": [], "en": [], "he": HEBREW}
    for path in sorted(seeds_dir().glob("*.txt")):
        lang = {"000": "ar", "002": "ar", "003": "it", "004": "en"}.get(path.name[:3])
        if lang is None:
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            for sentence in line.replace("؟", ".").split(". "):
                if 40 <= len(sentence.strip()) <= 400 and sentence.strip().encode("cp1256", "ignore"):
                    by_lang[lang].append(sentence.strip().rstrip(".") + ".")
    return by_lang


def page(number: int, sentences: dict[str, list[str]], rng: random.Random) -> tuple[bytes, str]:
    lang, encoding, charset, read_also, direction = KINDS[number % len(KINDS)]
    pool = sentences[lang]
    title = rng.choice(pool)[:90].rstrip(" .") + f" ({number})"
    body = "\n".join(f"<p>{escape(' '.join(rng.sample(pool, k=min(len(pool), 3))))}</p>" for _ in range(rng.randint(4, 10)))
    links = "".join(f'<li><a href="/n/{rng.randint(1, 9999)}">{escape(rng.choice(pool)[:60])}</a></li>' for _ in range(4))
    dir_attr = f' dir="{direction}"' if direction else ""
    html = f"""<!DOCTYPE html>
<html lang="{lang}"{dir_attr}><head>{charset}
<title>{escape(title)} | News {number % 7}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="News {number % 7}">
<meta property="article:published_time" content="2021-03-{1 + number % 28:02}T09:00:00Z">
<script>var ads = [{number}]; function track() {{ return ads; }}</script></head>
<body><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/tech">Tech</a></li></ul></nav>
<div class="ad">Advertisement {number}</div>
<main><article><h1>{escape(title)}</h1><div class="byline">Staff · 2021</div>
{body}
<div class="read-also"><h3>{escape(read_also)}</h3><ul>{links}</ul></div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div></article>
<section class="comments"><h3>Comments</h3><div class="comment"><p>{escape(rng.choice(pool)[:80])}</p></div></section></main>
<aside class="sidebar"><h3>Most read</h3><ul>{links}</ul></aside><footer>© 2021 News {number % 7}</footer></body></html>
"""
    return html.encode(encoding, errors="replace"), f"page{number:05}"


def write_pages(directory: Path, count: int, seed: int = 11) -> list[Path]:
    sentences, rng = seed_sentences(), random.Random(seed)
    paths = []
    for number in range(count):
        data, name = page(number, sentences, rng)
        sub = directory / f"site{number // 250:02}"
        sub.mkdir(exist_ok=True)
        path = sub / f"{name}.html"
        path.write_bytes(data)
        paths.append(path)
    return paths


def read_raw(directory: Path) -> int:
    """The reference: every page's bytes read, as any loader must."""
    total = 0
    stack = [str(directory)]
    while stack:
        with os.scandir(stack.pop()) as listing:
            for entry in listing:
                if entry.is_dir():
                    stack.append(entry.path)
                else:
                    with open(entry.path, "rb") as handle:
                        total += len(handle.read())
    return total


def timed(function, *args) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


class LibraryBenchApp(App):
    def __init__(self, documents) -> None:
        super().__init__()
        self.documents = documents

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.documents))


def first_row_painted(app: App, doc_id: str) -> bool:
    screen = app.screen
    if not isinstance(screen, LibraryScreen):
        return False
    lines = ("".join(s.text for s in strip) for strip in screen._compositor.render_strips())
    return any(doc_id[-20:] in line for line in lines)


async def painted(app: App, doc_id: str) -> None:
    """Until the row of `doc_id` is on the screen. Polled with short sleeps, not with
    Pilot.pause: that waits for the app to be idle, which a reading-ahead thread delays
    (it takes the GIL) although the screen is already there and answering keys."""
    while not first_row_painted(app, doc_id):
        await asyncio.sleep(0.002)


async def lazy_library(directory: Path, page_downs: int, pause: float = 0.0) -> tuple[float, list[float], int, int]:
    """(seconds to a painted library, (wall, UI-thread CPU) seconds per page-down, pages
    extracted, pages);
    with `pause`, that many seconds of reading each screen before the next page-down
    (the library reads the next screen ahead meanwhile)."""
    gc.collect()
    start = time.perf_counter()
    corpus = LazyCorpus([str(directory)])
    app = LibraryBenchApp(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await painted(app, corpus.id_of(0))
        usable = time.perf_counter() - start
        keys = []
        listing = app.screen.query_one(DocumentList)
        for _ in range(page_downs):
            before = listing.cursor
            if before >= len(corpus) - 1:
                break
            if pause:
                await asyncio.sleep(pause)
            pressed, cpu = time.perf_counter(), time.thread_time()
            await pilot.press("pagedown")
            target = corpus.id_of(listing.current_index)
            await painted(app, target)
            keys.append((time.perf_counter() - pressed, time.thread_time() - cpu))
            assert listing.cursor > before
        extracted = sum(1 for i in range(len(corpus)) if corpus.is_read(i))
    return usable, keys, extracted, len(corpus)


def write_warc(path: Path, pages: list[Path]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, page_path in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{number}", "response", payload=io.BytesIO(page_path.read_bytes()), http_headers=headers))


def iterate_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    total = 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                total += len(record.content_stream().read())
    return total


def iterate_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    total = 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True):
            total += len(record.reader.read())
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 pages, 1 repeat")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    count, repeat = (60, 1) if args.quick else (args.count, args.repeat)
    figures: dict[str, float | int | None] = {"pages": count}
    with tempfile.TemporaryDirectory(prefix="bench-news-") as temp:
        directory = Path(temp) / "pages"
        directory.mkdir()
        pages = write_pages(directory, count)
        load_documents([pages[0], pages[1]])  # warm-up: imports (trafilatura, lxml, charset detection)
        asyncio.run(lazy_library(directory, 0))  # warm-up: Textual
        raw, eager, lazy, keys, paused = [], [], [], [], []
        for _ in range(repeat):
            raw.append(timed(read_raw, directory)[0])
            elapsed, result = timed(load_documents, [directory])
            assert len(result.documents) == count and not result.problems, result.problems[:3]
            eager.append(elapsed)
            usable, presses, extracted, total = asyncio.run(lazy_library(directory, 3))
            lazy.append(usable)
            keys.extend(presses)
            paused.extend(asyncio.run(lazy_library(directory, 3, pause=1.5))[1])
        raw_t, eager_t, lazy_t = (statistics.median(x) for x in (raw, eager, lazy))
        key_t = statistics.median(wall for wall, _ in keys)
        key_cpu = statistics.median(cpu for _, cpu in keys)
        paused_cpu = statistics.median(cpu for _, cpu in paused)
        paused_walls = [wall for wall, _ in paused]
        print(f"read the raw bytes of {count} pages:   {raw_t * 1000:9.1f} ms  (reference, median of {repeat})")
        print(f"load_documents (every page extracted): {eager_t * 1000:9.1f} ms  ratio {eager_t / raw_t:7.1f}"
              f"  ({eager_t / count * 1000:.2f} ms a page)")
        print(f"lazy library, first screen painted:    {lazy_t * 1000:9.1f} ms  ratio {lazy_t / raw_t:7.1f}")
        print(f"  page-down while {total - extracted} of {total} pages are still unread: "
              f"{key_t * 1000:.1f} ms median, {max(w for w, _ in keys) * 1000:.1f} ms max ({len(keys)} keys); "
              f"UI thread CPU {key_cpu * 1000:.1f} ms")
        paused_t = statistics.median(paused_walls)
        print(f"  page-down after reading a screen for 1.5 s (the next one read ahead meanwhile): "
              f"{paused_t * 1000:.1f} ms median, {max(paused_walls) * 1000:.1f} ms max; UI thread CPU {paused_cpu * 1000:.1f} ms")
        figures.update(page_down_after_pause_s=paused_t, page_down_after_pause_max_s=max(paused_walls),
                       page_down_cpu_s=key_cpu, page_down_after_pause_cpu_s=paused_cpu)
        figures.update(raw_s=raw_t, eager_s=eager_t, lazy_s=lazy_t, eager_ratio=eager_t / raw_t,
                       lazy_ratio=lazy_t / raw_t, page_down_s=key_t, page_down_max_s=max(w for w, _ in keys),
                       unread_after=total - extracted)

        archive = Path(temp) / "pages.warc.gz"
        write_warc(archive, pages)
        warcio_t = statistics.median(timed(iterate_warcio, archive)[0] for _ in range(repeat))
        from reader.core.sources.warc import read_warc

        extract_t = timed(lambda: sum(1 for _ in read_warc(str(archive), "w", archive.read_bytes())))[0]
        print(f"WARC of the {count} pages: warcio reads every payload in {warcio_t * 1000:.1f} ms, "
              f"{warcio_t / extract_t * 100:.1f}% of reading and extracting them ({extract_t * 1000:.0f} ms)")
        listed_t, listed = timed(LazyCorpus, [str(archive)])
        assert len(listed) == count and not listed.is_read(0)
        print(f"  opened lazily (LazyCorpus lists the {count} HTML records, extracts none): {listed_t * 1000:.1f} ms, "
              f"ratio to warcio reading every payload {listed_t / warcio_t:.2f}")
        figures.update(warcio_s=warcio_t, warc_extract_s=extract_t, fastwarc_s=None, warc_lazy_s=listed_t)
        try:
            fast_t = statistics.median(timed(iterate_fastwarc, archive)[0] for _ in range(repeat))
        except ImportError:
            print("FastWARC is not installed: not compared")
        else:
            print(f"  FastWARC: {fast_t * 1000:.1f} ms, ratio warcio / FastWARC {warcio_t / fast_t:.2f}; "
                  f"the time FastWARC would save: {(warcio_t - fast_t) / extract_t * 100:.1f}% of the archive's loading")
            figures["fastwarc_s"] = fast_t
    print(orjson.dumps(figures).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
