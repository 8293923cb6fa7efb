"""RSS/Atom feeds (one document per item) and web archives (one per HTML response)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from news_pages import arabic_page, english_page, hebrew_page
from reader.core.lazy_loading import LazyCorpus
from reader.core.loading import load_documents

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>أخبار الفضاء</title>
  <link>https://space.example/</link>
  <description>Space news in Arabic and English</description>
  <language>ar</language>
  <item>
    <title>روسيا والصين تتفقان على محطة قمرية</title>
    <link>https://space.example/ar/lunar</link>
    <pubDate>Wed, 10 Mar 2021 09:30:00 +0300</pubDate>
    <dc:creator>سارة أحمد</dc:creator>
    <description>ملخص قصير للخبر.</description>
    <content:encoded><![CDATA[<p>وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية.</p>
<p>وقالت روسكوزموس إن المحطة ستكون مفتوحة لجميع الدول.</p>]]></content:encoded>
  </item>
  <item>
    <title>Russia and China agree on a lunar station</title>
    <link>https://space.example/en/lunar</link>
    <pubDate>Wed, 10 Mar 2021 08:00:00 GMT</pubDate>
    <author>jane@space.example (Jane Miller)</author>
    <description><![CDATA[<p>Russia and China signed an agreement to build a research station on the Moon.</p>]]></description>
  </item>
  <item>
    <link>https://space.example/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Lunar Wire</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2021-03-11T12:00:00Z</updated>
  <entry>
    <title>The station will be open to all countries</title>
    <link href="https://lunar.example/open"/>
    <id>urn:uuid:1</id>
    <published>2021-03-11T07:00:00+02:00</published>
    <updated>2021-03-11T09:00:00Z</updated>
    <author><name>Dana Cohen</name></author>
    <content type="html">&lt;p&gt;The agencies said the station would be open to all interested countries.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Robotic missions first.&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
  <entry>
    <title>محطة القمر مفتوحة للجميع</title>
    <link href="https://lunar.example/ar/open"/>
    <id>urn:uuid:2</id>
    <updated>2021-03-12T10:00:00Z</updated>
    <summary>قالت الوكالتان إن المحطة ستكون مفتوحة لجميع الدول المهتمة.</summary>
  </entry>
</feed>
"""


def test_an_rss_feed_gives_one_document_per_item_with_its_metadata(tmp_path):
    path = tmp_path / "space.rss"
    path.write_text(RSS, encoding="utf-8")
    result = load_documents([path])
    assert [str(p) for p in result.problems] == [f"{path}:3: item has no title and no text"]
    arabic, english = result.documents
    assert (arabic.id, english.id) == ("space#1", "space#2")
    # content:encoded wins over the description; the title comes first.
    assert [p.text for p in arabic.paragraphs] == [
        "روسيا والصين تتفقان على محطة قمرية",
        "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية.",
        "وقالت روسكوزموس إن المحطة ستكون مفتوحة لجميع الدول.",
    ]
    assert {k: arabic.meta[k] for k in ("title", "url", "date", "author", "site", "extraction")} == {
        "title": "روسيا والصين تتفقان على محطة قمرية", "url": "https://space.example/ar/lunar",
        "date": "2021-03-10T06:30:00Z", "author": "سارة أحمد", "site": "أخبار الفضاء", "extraction": "feed content"}
    assert [p.text for p in english.paragraphs] == [
        "Russia and China agree on a lunar station",
        "Russia and China signed an agreement to build a research station on the Moon.",
    ]
    assert english.meta["extraction"] == "feed summary" and english.meta["date"] == "2021-03-10T08:00:00Z"
    assert (arabic.lang, arabic.direction, english.lang, english.direction) == ("ar", "rtl", "en", "ltr")


def test_an_atom_feed_gives_one_document_per_entry(tmp_path):
    path = tmp_path / "lunar.atom"
    path.write_text(ATOM, encoding="utf-8")
    result = load_documents([path])
    assert result.problems == []
    english, arabic = result.documents
    assert [p.text for p in english.paragraphs] == [
        "The station will be open to all countries",
        "The agencies said the station would be open to all interested countries.",
        "Robotic missions first.",
    ]
    assert english.meta["date"] == "2021-03-11T05:00:00Z" and english.meta["author"] == "Dana Cohen"
    assert english.meta["url"] == "https://lunar.example/open" and english.meta["site"] == "Lunar Wire"
    assert arabic.meta["date"] == "2021-03-12T10:00:00Z"  # no <published>: <updated>
    assert arabic.text.startswith("محطة القمر مفتوحة للجميع\n\n") and arabic.direction == "rtl"


def test_broken_feeds_are_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "good.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "not-a-feed.xml").write_text("<config><value>1</value></config>", encoding="utf-8")
    (tmp_path / "cut.rss").write_text(RSS[: RSS.index("<item>", RSS.index("<item>") + 1) + 40], encoding="utf-8")
    (tmp_path / "garbage.atom").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = load_documents([tmp_path])
    messages = sorted(str(p) for p in result.problems)
    assert [m.split(": ", 1)[0] for m in messages] == [
        str(tmp_path / n) for n in ("cut.rss", "cut.rss:2", "garbage.atom", "not-a-feed.xml")]
    assert "malformed feed, 2 items read up to the error" in messages[0]
    assert messages[1].endswith("item has no title and no text")  # cut inside its title
    assert "not a readable RSS or Atom feed: " in messages[2]
    assert messages[3].endswith("not an RSS or Atom feed")
    assert [d.id for d in result.documents] == ["cut#1", "good#1", "good#2"]


def write_warc(path: Path, compress: bool) -> list:
    """A web archive as a crawler writes one: warcinfo, then for each page a request and
    its response; three HTML pages (one in windows-1256 declared only by its HTTP
    header), a PDF, a revisit of the first page and a 404."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [english_page(), arabic_page("cp1256"), hebrew_page()]
    pages[1].html = pages[1].html.replace('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))

        def response(uri: str, content_type: str, body: bytes, status: str = "200 OK", date: str = "2021-03-12T08:00:00Z"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
            return record

        first = None
        charsets = ["text/html; charset=utf-8", "text/html; charset=windows-1256", "text/html; charset=windows-1255"]
        for number, (page, content_type) in enumerate(zip(pages, charsets)):
            uri = f"https://crawl.example/page{number}"
            request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""),
                                                http_headers=StatusAndHeaders("GET /page HTTP/1.1", [("Host", "crawl.example")], is_http_request=True))
            writer.write_record(request)
            record = response(uri, content_type, page.bytes())
            first = first or record
        response("https://crawl.example/report.pdf", "application/pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        revisit = writer.create_revisit_record("https://crawl.example/page0", first.rec_headers.get_header("WARC-Payload-Digest"),
                                               "https://crawl.example/page0", "2021-03-12T08:00:00Z")
        writer.write_record(revisit)
        response("https://crawl.example/missing", "text/html", b"<html><body><p>Not found</p></body></html>", status="404 Not Found")
    return pages


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_gives_one_document_per_html_response(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    pages = write_warc(path, compress)
    result = load_documents([tmp_path])
    assert result.problems == []
    assert [str(n) for n in result.notes] == [
        f"{path}: 3 HTML pages read; skipped 1 HTTP error response, 1 non-HTML response, 4 other records, 1 revisit"]
    assert len(result.documents) == 3
    for document, page, number in zip(result.documents, pages, (3, 5, 7)):
        assert document.id == f"crawl#{number}"
        assert [p.text for p in document.paragraphs] == page.paragraphs
        assert document.meta["url"] == f"https://crawl.example/page{(number - 3) // 2}"
        assert document.meta["record_date"] == "2021-03-12T08:00:00Z"
        assert document.meta["date"] == page.meta["date"]  # the page's own date, not the crawl's
        assert document.meta["source"] == f"{path}:{number}"
    assert [d.encoding for d in result.documents] == ["utf-8", "cp1256", "cp1255"]


def test_a_broken_record_is_named_and_the_pages_before_it_load(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, compress=False)
    data = path.read_bytes()
    # Damage the header line of the fourth record (the second page's request).
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)]
    broken = data[:starts[3]] + b"NOT A WARC RECORD\r\n" + data[starts[3] + 9:]
    path.write_bytes(broken)
    result = load_documents([path])
    assert [d.id for d in result.documents] == ["crawl#3"]
    [problem] = result.problems
    assert str(problem).startswith(f"{path}:4: broken record, the rest of the archive is not read")


def test_a_gzip_archive_cut_short_keeps_its_first_pages(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    result = load_documents([path])
    assert len(result.documents) >= 1 and [d.id for d in result.documents][0] == "cut#3"
    assert len(result.problems) == 1 and str(result.problems[0]).startswith(f"{path}:")


def test_a_directory_mixes_pages_feeds_archives_and_text_lazily(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text\n", encoding="utf-8")
    (tmp_path / "b.html").write_bytes(arabic_page().bytes())
    (tmp_path / "c.atom").write_text(ATOM, encoding="utf-8")
    write_warc(tmp_path / "d.warc.gz", compress=True)
    eager = load_documents([tmp_path])
    corpus = LazyCorpus([tmp_path])
    assert [corpus.id_of(i) for i in range(len(corpus))] == [d.id for d in eager.documents] == [
        "a", "b", "c#1", "c#2", "d#3", "d#5", "d#7"]
    # A page, and each page of an archive, is extracted when it is first needed.
    assert not any(corpus.is_read(i) for i in (1, 4, 5, 6))
    assert corpus[1].text == eager.documents[1].text and corpus[1].meta["site"] == "الجريدة"
    assert corpus[5].text == eager.documents[5].text and corpus[5].encoding == "cp1256"
    assert corpus[5].meta == eager.documents[5].meta and not corpus.is_read(4) and not corpus.is_read(6)
    assert [str(n) for n in corpus.notes] == [str(n) for n in eager.notes]
