"""Saved web pages (.html, .htm, .xhtml): the article's text and metadata, by trafilatura.

The bytes are decoded first (`decode_page`: a BOM, then UTF-8 when the bytes are valid
UTF-8, then the charset the page or its HTTP header declares, then the legacy code pages
reader.core.decoding detects), so trafilatura always gets text and the document's
`encoding` says what was used. trafilatura finds the main text (without navigation, ads,
"read also" lists, comments, cookie banners, share buttons) and the metadata; its
`favor_precision` mode is the one that drops link lists next to the article.

The canonical text is built here from trafilatura's block tree: one paragraph per
heading, paragraph, list item, quote paragraph or table row, the white space inside a
block made single spaces, blocks separated by a blank line, the headline first. A page
where trafilatura finds no article opens with its whole visible text, and a `LoadNote`
says so.

The page's `lang` and `dir` attributes are kept as hints (`lang_hint`, `dir_hint`):
the language is still detected (reader.core.language), the hint only answers when
detection cannot; `dir` is kept only when the text's own first strong character agrees,
and then gives the direction of the paragraphs that have no strong character (a date, a
number) instead of LTR.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from reader.core.decoding import Decoded, DecodeError, canonicalize, decode
from reader.core.direction import first_strong_direction
from reader.core.document import Document

if TYPE_CHECKING:
    from reader.core.problems import Problem

#: What a page says about its encoding, looked for in its first bytes (the HTML
#: standard's prescan reads 1024; saved pages put comments before the head).
_PRESCAN_BYTES = 8192
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# The HTML standard reads these labels as windows-1252 (a superset), and ISO-8859-8-I
# (logical order Hebrew) is ISO-8859-8 to a decoder.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
                    "iso-8859-8-i": "iso8859_8", "iso-8859-6-i": "iso8859_6"}

_ROOT_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = {name: re.compile(rf"""\b{name}\s*=\s*["']?\s*([A-Za-z0-9-]+)""", re.IGNORECASE)
              for name in ("lang", "dir")}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

WHOLE_PAGE = "whole page"
ARTICLE = "article"
NO_ARTICLE_NOTE = "no article found: opened the page's whole visible text"

# Elements whose text is never shown by a browser, and those that end a line of text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "svg",
                        "object", "embed", "canvas", "select", "option", "button", "input", "textarea"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div",
                    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
                    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
                    "summary", "table", "td", "th", "tr", "ul", "caption", "tbody", "thead", "tfoot"})


@dataclass(frozen=True, slots=True)
class Article:
    """What a page gives: its paragraphs (blocks), metadata, and whether the blocks are an
    article (trafilatura found one) or the page's whole visible text."""

    blocks: list[str]
    meta: dict[str, Any]
    whole_page: bool


def _quiet_libraries() -> None:
    """trafilatura, htmldate and courlan log what they discard at WARNING; with no
    handler Python would print that on stderr, over the TUI's screen."""
    for name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares (meta tag or XML declaration)."""
    found = _DECLARED_CHARSET.search(data[:_PRESCAN_BYTES])
    if found is None:
        return None
    return codec_of((found.group(1) or found.group(2)).decode("ascii"))


def codec_of(label: str | None) -> str | None:
    """The Python codec for a charset label ("windows-1256" → "cp1256"), None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        return codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None


def decode_page(data: bytes, header_charset: str | None = None) -> Decoded:
    """A page's bytes as canonical text: BOM, UTF-8 when valid, then what the HTTP
    header (`header_charset`) or the page declares, then a detected legacy code page.

    Bytes that are valid UTF-8 win over a declaration: a page saved as UTF-8 by a browser
    keeps the meta tag of its server's code page, and legacy Arabic or Hebrew bytes are
    (almost) never valid UTF-8.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:_PRESCAN_BYTES]:
        return decode(data)  # BOM, UTF-16/32, or binary: reader.core.decoding says which
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode(data) if not text.strip() else Decoded(canonicalize(text), "utf-8")
    for codec in (codec_of(header_charset), declared_charset(data)):
        if codec is None or codec == "utf-8":
            continue
        try:
            return Decoded(canonicalize(data.decode(codec)), codec)
        except UnicodeDecodeError:
            continue  # the declaration is wrong: the bytes decide
    return decode(data)


def page_hints(markup: str) -> dict[str, str]:
    """The `lang` and `dir` attributes of the page's <html> (or <body>) element."""
    hints: dict[str, str] = {}
    for tag in (_ROOT_TAG, _BODY_TAG):
        found = tag.search(markup, 0, 200_000)
        if found is None:
            continue
        for name, attribute in _ATTRIBUTE.items():
            value = attribute.search(found.group(0))
            if value and name not in hints:
                hints[name] = value.group(1).lower()
    return hints


def one_line(text: str) -> str:
    """A block's text: every run of white space (newlines, no-break spaces) one space."""
    return " ".join(text.split())


def _flat_text(element: Any, skip: frozenset[str] = frozenset()) -> str:
    """The text of an element of trafilatura's tree, a line break (<lb/>) a space, the
    children tagged `skip` left out (a nested list inside a list item)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag not in skip:
            parts.append(_flat_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks_of(element: Any, blocks: list[str]) -> None:
    """Append the blocks of one element of trafilatura's output tree to `blocks`."""
    tag = element.tag
    if tag == "list":
        for item in element:
            if item.tag != "item":
                continue
            text = one_line(_flat_text(item, frozenset({"list"})))
            if text:
                blocks.append(text)
            for nested in item.iter("list"):
                if nested is not item:
                    _blocks_of(nested, blocks)
                    break
        return
    if tag == "table":
        for row in element.iter("row"):
            cells = [one_line(_flat_text(cell)) for cell in row if cell.tag == "cell"]
            text = " · ".join(cell for cell in cells if cell)
            if text:
                blocks.append(text)
        return
    if tag in ("quote", "div") and any(child.tag in ("p", "head", "list", "quote", "table") for child in element):
        for child in element:
            _blocks_of(child, blocks)
        return
    if tag == "graphic":
        return
    text = one_line(_flat_text(element))
    if text:
        blocks.append(text)


def visible_blocks(markup: str) -> list[str]:
    """The text a browser shows of `markup` (a page or a fragment), one block per line of
    block-level elements; scripts, styles and form controls left out."""
    import lxml.html
    from lxml.etree import ParserError

    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses one in a str
    if not markup.strip():
        return []
    try:
        root = lxml.html.fromstring(markup)
    except (ParserError, ValueError):
        return []
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = one_line("".join(current))
        current.clear()
        if text:
            blocks.append(text)

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is not None and tag not in _INVISIBLE:
            block = tag in _BLOCK
            if block:
                flush()
            current.append(element.text or "")
            for child in element:
                walk(child)
            if block:
                flush()
        current.append(element.tail or "")

    walk(root)
    flush()
    return blocks


def extract_article(markup: str, url: str | None = None) -> Article:
    """The article of a page's `markup` with its metadata, or its whole visible text
    when trafilatura finds no article."""
    import trafilatura

    _quiet_libraries()
    markup = _XML_DECLARATION.sub("", markup, count=1)  # an XHTML declaration names bytes' encoding
    try:
        found = trafilatura.bare_extraction(
            markup, url=url, favor_precision=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, with_metadata=True,
        )
    except Exception:  # noqa: BLE001 - a page the extractor chokes on still opens (whole text)
        found = None
    blocks: list[str] = []
    body = getattr(found, "body", None)  # (trafilatura's Document; None when nothing was found)
    if body is not None:
        for element in body:
            _blocks_of(element, blocks)
    meta: dict[str, Any] = {
        "title": _clean(getattr(found, "title", None)),
        "site": _clean(getattr(found, "sitename", None)) or _clean(getattr(found, "hostname", None)),
        "date": _clean(getattr(found, "date", None)),
        "url": _clean(getattr(found, "url", None)) or url,
        "author": _clean(getattr(found, "author", None)),
    }
    whole_page = not blocks
    if whole_page:
        blocks = visible_blocks(markup)
    title = meta["title"] = _page_own_title(meta["title"], markup, blocks)
    if title and not whole_page and not any(_same_text(title, block) for block in blocks[:3]):
        blocks.insert(0, title)  # the headline stood outside the article's element
    return Article(blocks, meta, whole_page)


_TITLE_SOURCES = re.compile(
    r"""<h1\b[^>]*>(.*?)</h1>|<meta[^>]+?(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'][^>]*?content\s*=\s*"([^"]*)"|<title\b[^>]*>(.*?)</title>""",
    re.IGNORECASE | re.DOTALL,
)
_TAGS = re.compile(r"<[^>]*>")


def _key(text: str) -> str:
    """Text compared without format characters (ZWNJ, marks) and case."""
    return "".join(ch for ch in one_line(text) if unicodedata.category(ch) != "Cf").casefold()


def _same_text(a: str, b: str) -> bool:
    # Format characters are few: texts whose lengths differ by more cannot match.
    return abs(len(a) - len(b)) <= len(a) // 10 + 2 and _key(a) == _key(b)


def _page_own_title(title: str | None, markup: str, blocks: list[str]) -> str | None:
    """trafilatura's title as the page writes it: its metadata drops format characters
    (the Persian ZWNJ of "می‌سازند"), which would make the headline another text than
    the page's. The article's own heading, else the page's <h1>, og:title or <title>
    that reads the same."""
    if not title:
        return title
    wanted = _key(title)
    for block in blocks[:3]:
        if _same_text(title, block):
            return block
    for found in _TITLE_SOURCES.finditer(markup, 0, 500_000):
        candidate = one_line(html.unescape(_TAGS.sub("", next(group for group in found.groups() if group is not None))))
        if _key(candidate) == wanted:
            return candidate
    return title


def _clean(value: Any) -> str | None:
    return one_line(value) or None if isinstance(value, str) else None


def page_document(doc_id: str, path: str, markup: str, encoding: str, *, url: str | None = None,
                  source: str | None = None, extra: dict[str, Any] | None = None) -> tuple[Document | None, bool]:
    """The document of a decoded page (None when the page has no text at all), and
    whether it is the whole page (no article found)."""
    article = extract_article(markup, url)
    if not article.blocks:
        return None, article.whole_page
    text = "\n\n".join(article.blocks) + "\n"
    meta: dict[str, Any] = {"source": source or path, **article.meta,
                            "extraction": WHOLE_PAGE if article.whole_page else ARTICLE}
    if extra:
        for key, value in extra.items():
            if meta.get(key) is None:  # what the page itself says wins
                meta[key] = value
    hints = page_hints(markup)
    if "lang" in hints:
        meta["lang_hint"] = hints["lang"].split("-")[0]
    if hints.get("dir") in ("ltr", "rtl"):
        meta["declared_dir"] = hints["dir"]
        if first_strong_direction(text) == hints["dir"]:
            meta["dir_hint"] = hints["dir"]  # the text agrees: neutral paragraphs follow it
    return Document(doc_id, path, text, meta, encoding), article.whole_page


def read_page(path: str, doc_id: str, data: bytes) -> Iterator[Document | Problem]:
    """The one document of a saved page, or why it cannot be read."""
    from reader.core.loading import LoadNote
    from reader.core.problems import Problem

    try:
        decoded = decode_page(data)
    except DecodeError as error:
        yield Problem(path, str(error))
        return
    document, whole_page = page_document(doc_id, path, decoded.text, decoded.encoding)
    if document is None:
        yield Problem(path, "no visible text in the page")
        return
    yield document
    if whole_page:
        yield LoadNote(path, NO_ARTICLE_NOTE)
