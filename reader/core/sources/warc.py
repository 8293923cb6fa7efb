"""Web archives (.warc, .warc.gz): one document per HTML response record, by warcio.

Each HTML response (and each HTML resource record, as wget writes them) is read like a
saved page (reader.core.sources.page): decoded by its HTTP header's charset, the page's
declaration or its bytes, the article and metadata extracted with the record's target
URI as the page's URL. `meta` adds `record_date` (WARC-Date, when it was archived) and
`warc_record` (the record's number in the file); `date` is the page's publication date,
or the archive date when the page gives none.

Requests, warcinfo and metadata records, non-HTML responses (PDFs, images), revisits
(which hold no payload) and HTTP error responses are skipped and counted in one
`LoadNote`. A record that cannot be parsed ends the reading of the file (a WARC has no
index to find the next record by) with a `Problem` naming the record, after the
pages before it have loaded.

warcio and not FastWARC: on our archives warcio's parsing is 1% of the time a record
costs (trafilatura's extraction is the rest; bench/bench_news.py measures both: FastWARC
would save 0.4-0.8%), and warcio is the library the tests write archives with.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from reader.core.decoding import DecodeError
from reader.core.sources.page import NO_ARTICLE_NOTE, decode_page, one_line, page_document

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.core.loading import LoadNote, Source
    from reader.core.problems import Problem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """("text/html", "windows-1256") from a Content-Type header value."""
    if not content_type:
        return "", None
    parts = [part.strip() for part in content_type.split(";")]
    charset = next((part.split("=", 1)[1].strip("\"' ") for part in parts[1:]
                    if part.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _plural(count: int, what: str) -> str:
    return f"{count} {what}" + ("" if count == 1 else "s")


def _html_payload(record: Any) -> tuple[str | None, str | None]:
    """(why the record is skipped, None) or (None, the charset its header declares)."""
    kind = record.rec_type
    if kind == "revisit":
        return "revisit", None
    if kind == "response":
        headers = record.http_headers
        if headers is None:
            return "non-HTTP response", None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return "HTTP error response", None
        media, charset = _media_type(headers.get_header("Content-Type"))
    elif kind == "resource":
        media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
    else:
        return "other record", None
    if media not in _HTML_TYPES:
        return "non-HTML response", None
    return None, charset


def _records(path: str, handle: Any) -> Iterator[tuple[int, Any, Any]]:
    """(number, record, iterator) for each record of an archive, numbered from 1; a
    `Problem` in place of the record that cannot be parsed, and nothing after it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from reader.core.problems import Problem

    records = ArchiveIterator(handle)
    number = 0
    while True:
        number += 1
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as error:
            yield number, Problem(path, f"broken record, the rest of the archive is not read: {one_line(str(error))[:200]}", number), records
            return
        if not record.rec_type:  # what is left of a record cut short (a truncated .gz)
            yield number, Problem(path, "broken record (cut short?), the rest of the archive is not read", number), records
            return
        yield number, record, records


def _page(path: str, doc_id: str, number: int, record: Any, charset: str | None) -> Iterator[Document | Problem]:
    """The document of one HTML record (and a note when it is the whole page)."""
    from reader.core.loading import LoadNote
    from reader.core.problems import Problem

    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    archived = record.rec_headers.get_header("WARC-Date") or None
    try:
        body = record.content_stream().read()
    except Exception as error:  # noqa: BLE001 - a bad chunked/gzip body: this record only
        yield Problem(path, f"cannot read the page's body: {one_line(str(error))[:200]}", number)
        return
    try:
        decoded = decode_page(body, charset)
    except DecodeError as error:
        yield Problem(path, str(error), number)
        return
    document, whole_page = page_document(
        doc_id, path, decoded.text, decoded.encoding, url=uri, source=f"{path}:{number}",
        extra={"date": archived, "url": uri, "record_date": archived, "warc_record": number},
    )
    if document is None:
        yield Problem(path, "no visible text in the page", number)
        return
    if uri:
        document.meta["url"] = uri  # where the archive fetched it, over the page's own claim
    yield document
    if whole_page:
        yield LoadNote(path, NO_ARTICLE_NOTE, number)


def _html_records(path: str, handle: Any, skipped: Counter[str]) -> Iterator[tuple[int, Any, Any, str | None] | Problem]:
    """(number, record, iterator, declared charset) for each HTML response of an archive;
    every other record is counted in `skipped` by why, and a `Problem` stands in for the
    record that cannot be parsed (nothing follows it). What reading and listing share."""
    for number, record, records in _records(path, handle):
        if not hasattr(record, "rec_type"):  # a Problem
            yield record
            return
        reason, charset = _html_payload(record)
        if reason is not None:
            skipped[reason] += 1
            continue
        yield number, record, records, charset


def _skipped_note(path: str, pages: int, skipped: Counter[str]) -> LoadNote:
    from reader.core.loading import LoadNote

    kinds = ", ".join(_plural(count, kind) for kind, count in sorted(skipped.items()))
    return LoadNote(path, f"{_plural(pages, 'HTML page')} read; skipped {kinds}")


def read_warc(path: str, doc_id: str, data: bytes) -> Iterator[Document | Problem]:
    """The HTML pages of one web archive, with what was skipped and what was broken."""
    import io

    from reader.core.document import Document

    skipped: Counter[str] = Counter()
    pages = 0
    for found in _html_records(path, io.BytesIO(data), skipped):
        if not isinstance(found, tuple):
            yield found
            break
        number, record, _, charset = found
        for item in _page(path, f"{doc_id}#{number}", number, record, charset):
            pages += isinstance(item, Document)
            yield item
    if skipped:
        yield _skipped_note(path, pages, skipped)


def list_warc(path: str, doc_id: str) -> Iterator[Document | Source | Problem]:
    """The HTML records of one web archive as `Source`s to read later (`read_record`),
    without extracting any: what a lazily opened library lists. Problems and the note
    of skipped records as `read_warc` gives them (a page opened whole is noted when it
    is read)."""
    import os
    import stat

    from reader.core.loading import Source, read_source
    from reader.core.problems import Problem

    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        regular = False
    if not regular:  # missing, a FIFO, a device: read_source says what it is
        yield from read_source(Source(path, doc_id))
        return
    skipped: Counter[str] = Counter()
    pages = 0
    try:
        with open(path, "rb") as handle:
            for found in _html_records(path, handle, skipped):
                if not isinstance(found, tuple):
                    yield found
                    break
                number, _, records, _ = found
                pages += 1
                yield Source(path, f"{doc_id}#{number}", records.get_record_offset(), number)
    except OSError as error:
        yield Problem(path, f"cannot read: {error.strerror or error}")
        return
    if skipped:
        yield _skipped_note(path, pages, skipped)


def read_record(path: str, doc_id: str, offset: int, number: int) -> Iterator[Document | Problem]:
    """The document of the HTML record at byte `offset` of an archive (listed by
    `list_warc`): only that record is read and extracted."""
    from reader.core.problems import Problem

    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            for _, record, _ in _records(path, handle):
                if not hasattr(record, "rec_type"):
                    yield Problem(path, record.reason, number)
                    return
                reason, charset = _html_payload(record)
                if reason is not None:
                    yield Problem(path, f"the record changed since the archive was listed ({reason})", number)
                    return
                yield from _page(path, doc_id, number, record, charset)
                return
    except OSError as error:
        yield Problem(path, f"cannot read: {error.strerror or error}", number)
