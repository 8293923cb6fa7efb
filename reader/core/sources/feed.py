"""RSS and Atom feeds (.xml, .rss, .atom): one document per item, by feedparser.

An item's text is its full content when the feed carries it (`content:encoded`, Atom
`<content>`), otherwise its summary; HTML in either becomes paragraphs the way a
page's visible text does (reader.core.sources.page.visible_blocks), the item's title
first. `meta` has the item's `title`, `url` (its link), `date` (published, else
updated, as ISO 8601 UTC), `author` and the feed's title as `site`.

feedparser gets the file's bytes as a stream, never a string (a string that looks like a
URL or a path would be opened), and decodes them by what the feed declares. A feed that
cannot be read at all is a `Problem`; so is a malformed feed whose items were still
read (they load), and an item with neither title nor text (`path:item: reason`).
"""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING, Any, Iterator

from reader.core.document import Document
from reader.core.sources.page import one_line, visible_blocks

if TYPE_CHECKING:
    from reader.core.problems import Problem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iso_time(parsed: Any) -> str | None:
    """A feedparser date (a UTC `time.struct_time`) as ISO 8601, None when there is none."""
    if not isinstance(parsed, time.struct_time):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)


def _detail_blocks(detail: Any) -> list[str]:
    """The paragraphs of a feedparser text construct (`{"type": ..., "value": ...}`)."""
    if not detail:
        return []
    value = detail.get("value") or ""
    if detail.get("type") in _HTML_TYPES or ("<" in value and ">" in value):
        return visible_blocks(value)
    return [text for text in (one_line(part) for part in value.split("\n")) if text]


def _item_blocks(entry: Any) -> tuple[list[str], str]:
    """The blocks of an item and where they come from ("content" or "summary")."""
    contents = [_detail_blocks(content) for content in entry.get("content") or []]
    contents = [blocks for blocks in contents if blocks]
    if contents:
        return max(contents, key=lambda blocks: sum(map(len, blocks))), "feed content"
    return _detail_blocks(entry.get("summary_detail")), "feed summary"


def _title(entry_or_feed: Any) -> str | None:
    detail = entry_or_feed.get("title_detail")
    blocks = _detail_blocks(detail) if detail else []
    return " ".join(blocks) or None


def read_feed(path: str, doc_id: str, data: bytes) -> Iterator[Document | Problem]:
    """The items of one feed as documents, with the problems found on the way."""
    import feedparser

    from reader.core.problems import Problem

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if broken is not None and isinstance(broken, feedparser.CharacterEncodingOverride):
        broken = None  # declared one encoding, was another: feedparser decoded it anyway
    entries = parsed.get("entries") or []
    if not entries:
        if broken is not None:
            yield Problem(path, f"not a readable RSS or Atom feed: {one_line(str(broken))}")
        elif not parsed.get("version"):
            yield Problem(path, "not an RSS or Atom feed")
        else:
            yield Problem(path, "the feed has no items")
        return
    if broken is not None:
        yield Problem(path, f"malformed feed, {len(entries)} items read up to the error: {one_line(str(broken))}")
    feed = parsed.get("feed") or {}
    site = _title(feed)
    feed_lang = (feed.get("language") or "").split("-")[0].lower() or None
    for number, entry in enumerate(entries, start=1):
        title = _title(entry)
        blocks, origin = _item_blocks(entry)
        if title and title not in blocks[:2]:
            blocks.insert(0, title)
        if not blocks:
            yield Problem(path, "item has no title and no text", number)
            continue
        meta: dict[str, Any] = {
            "source": f"{path}:{number}",
            "title": title,
            "site": site,
            "date": iso_time(entry.get("published_parsed")) or iso_time(entry.get("updated_parsed")),
            "url": entry.get("link") or None,
            "author": one_line(entry.get("author") or "") or None,
            "extraction": origin,
        }
        lang = ((entry.get("content") or [{}])[0].get("language") or feed_lang or "").split("-")[0].lower()
        if lang.isalpha():
            meta["lang_hint"] = lang
        text = "\n\n".join(blocks) + "\n"
        yield Document(f"{doc_id}#{number}", path, text, meta, parsed.get("encoding") or "utf-8")
