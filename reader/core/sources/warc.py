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
index to find the next record by) with a `LoadProblem` naming the record, after the
pages before it have loaded.

warcio and not FastWARC: on our archives warcio's parsing is 1% of the time a record
costs (trafilatura's extraction is the rest; bench/bench_news.py measures both: FastWARC
would save 0.4%), and warcio is the library the tests write archives with.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from reader.core.decoding import DecodeError
from reader.core.sources.page import NO_ARTICLE_NOTE, decode_page, one_line, page_document

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


def read_warc(path: str, doc_id: str, data: bytes) -> Iterator:
    """The HTML pages of one web archive, with what was skipped and what was broken."""
    import io

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from reader.core.loading import LoadNote, LoadProblem

    skipped: Counter[str] = Counter()
    pages = 0
    number = 0
    records = ArchiveIterator(io.BytesIO(data))
    while True:
        number += 1
        try:
            record = next(records)
        except StopIteration:
            break
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as error:
            yield LoadProblem(path, f"broken record, the rest of the archive is not read: {one_line(str(error))[:200]}", number)
            break
        if not record.rec_type:  # what is left of a record cut short (a truncated .gz)
            yield LoadProblem(path, "broken record (cut short?), the rest of the archive is not read", number)
            break
        reason, charset = _html_payload(record)
        if reason is not None:
            skipped[reason] += 1
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or None
        archived = record.rec_headers.get_header("WARC-Date") or None
        try:
            body = record.content_stream().read()
        except Exception as error:  # noqa: BLE001 - a bad chunked/gzip body: this record only
            yield LoadProblem(path, f"cannot read the page's body: {one_line(str(error))[:200]}", number)
            continue
        try:
            decoded = decode_page(body, charset)
        except DecodeError as error:
            yield LoadProblem(path, str(error), number)
            continue
        document, whole_page = page_document(
            f"{doc_id}#{number}", path, decoded.text, decoded.encoding, url=uri, source=f"{path}:{number}",
            extra={"date": archived, "url": uri, "record_date": archived, "warc_record": number},
        )
        if document is None:
            yield LoadProblem(path, "no visible text in the page", number)
            continue
        if uri:
            document.meta["url"] = uri  # where the archive fetched it, over the page's own claim
        pages += 1
        yield document
        if whole_page:
            yield LoadNote(path, NO_ARTICLE_NOTE, number)
    if skipped:
        kinds = ", ".join(_plural(count, kind) for kind, count in sorted(skipped.items()))
        yield LoadNote(path, f"{_plural(pages, 'HTML page')} read; skipped {kinds}")
