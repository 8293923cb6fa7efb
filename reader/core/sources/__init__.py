"""News as it arrives: saved web pages, RSS/Atom feeds and web archives (WARC).

Each module turns one kind of file into `Document`s whose canonical text is the
extracted article, one paragraph per block (heading, paragraph, list item, quote), the
blocks separated by a blank line, and whose `meta` carries what the source says about
it: `title`, `site`, `date` (ISO 8601 or None), `url` (or None), `author`, and
`extraction` ("article", or "whole page" when no article was found).

- `page.py`: `.html`/`.htm`/`.xhtml` with trafilatura (main text and metadata, htmldate
  for the date), decoded by what the page declares or the bytes suggest.
- `feed.py`: `.xml`/`.rss`/`.atom` with feedparser, one document per item.
- `warc.py`: `.warc`/`.warc.gz` with warcio, one document per HTML response record.

Nothing here fetches anything: every library gets bytes or text, never a URL to open.
The libraries are imported when the first file of their kind is read, so a corpus of
text files never pays for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.core.loading import LoadNote, Source
    from reader.core.problems import Problem

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
NEWS_SUFFIXES = PAGE_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


def news_suffix(path: str) -> str | None:
    """The news suffix of `path` (".html", ".warc.gz"…), None for any other file."""
    lower = path[-9:].lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    dot = lower.rfind(".")
    suffix = lower[dot:] if dot >= 0 else ""
    return suffix if suffix in NEWS_SUFFIXES else None


def holds_many(path: str) -> bool:
    """Whether a news file holds several documents (a feed, an archive)."""
    suffix = news_suffix(path)
    return suffix in FEED_SUFFIXES or suffix in WARC_SUFFIXES


def read_news(path: str, doc_id: str, data: bytes) -> Iterator[Document | Problem]:
    """The documents of one news file (its bytes `data`), with a `Problem` for each
    part that cannot be read and a `LoadNote` for what the user should know."""
    suffix = news_suffix(path)
    if suffix in PAGE_SUFFIXES:
        from reader.core.sources.page import read_page

        yield from read_page(path, doc_id, data)
    elif suffix in FEED_SUFFIXES:
        from reader.core.sources.feed import read_feed

        yield from read_feed(path, doc_id, data)
    elif suffix in WARC_SUFFIXES:
        from reader.core.sources.warc import read_warc

        yield from read_warc(path, doc_id, data)
