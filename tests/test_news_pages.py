"""Saved web pages open as their article: paragraphs, encoding, metadata, hints, problems."""

from __future__ import annotations

import json

import pytest

from news_pages import all_pages, arabic_page
from reader.cli import main
from reader.core.loading import load_documents


@pytest.mark.parametrize("page", all_pages(), ids=lambda page: page.name)
def test_the_extracted_paragraphs_are_the_articles_paragraphs(tmp_path, page):
    path = tmp_path / f"{page.name}.html"
    path.write_bytes(page.bytes())
    result = load_documents([path])
    assert result.problems == [] and result.notes == []
    [document] = result.documents
    assert [p.text for p in document.paragraphs] == page.paragraphs
    # The canonical text is the extracted text: every paragraph is where its offsets say.
    assert all(document.text[p.start:p.end] == p.text for p in document.paragraphs)
    assert document.encoding == page.encoding
    assert {key: document.meta[key] for key in page.meta} == page.meta
    assert document.meta["extraction"] == "article"
    assert (document.lang, document.direction) == (page.lang, page.direction)


def test_nothing_around_the_article_is_kept():
    page = arabic_page()
    from reader.core.sources.page import decode_page, page_document

    document, _ = page_document("a", "a.html", decode_page(page.bytes()).text, "utf-8")
    for chrome in ("اقرأ أيضا", "ناسا تعلن", "شارك على", "التعليقات", "خبر رائع", "إعلان", "الرئيسية",
                   "الأكثر قراءة", "جميع الحقوق", "سارة أحمد ·"):
        assert chrome not in document.text, chrome


def test_ls_json_gives_title_date_site_url_lang_and_direction(tmp_path, capsys):
    pages = all_pages()
    for page in pages:
        (tmp_path / f"{page.name}.html").write_bytes(page.bytes())
    (tmp_path / "notes.txt").write_text("A plain text file still loads beside the pages.\n", encoding="utf-8")
    assert main(["ls", "--json", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    rows = {row["id"]: row for row in map(json.loads, out.out.splitlines())}
    assert set(rows) == {page.name for page in pages} | {"notes"}
    for page in pages:
        row = rows[page.name]
        expected = {"title": page.meta["title"], "date": page.meta["date"], "site": page.meta["site"],
                    "url": page.meta["url"], "lang": page.lang, "direction": page.direction}
        assert {key: row[key] for key in expected} == expected
    assert {rows["notes"][key] for key in ("site", "date", "url")} == {None}


def test_a_page_without_an_article_opens_its_whole_visible_text_and_says_so(tmp_path, capsys):
    path = tmp_path / "index.htm"
    path.write_text(
        "<html><head><title>Portal</title><style>p { color: red }</style></head><body>"
        "<div><a href='/a'>Sport</a></div><div>Weather <b>today</b>: 21°</div>"
        "<script>var hidden = 'never shown';</script><ul><li>Markets</li></ul></body></html>",
        encoding="utf-8")
    result = load_documents([path])
    assert result.problems == []
    assert [str(note) for note in result.notes] == [f"{path}: no article found: opened the page's whole visible text"]
    [document] = result.documents
    assert [p.text for p in document.paragraphs] == ["Sport", "Weather today: 21°", "Markets"]
    assert document.meta["extraction"] == "whole page"
    assert main(["render", str(path)]) == 0  # a note, not a problem: the exit status stays 0
    out = capsys.readouterr()
    assert out.err == f"reader: {path}: no article found: opened the page's whole visible text\n"
    assert "Weather today: 21°" in out.out


def test_broken_pages_are_reported_and_the_rest_loads(tmp_path):
    good = arabic_page()
    (tmp_path / "good.html").write_bytes(good.bytes())
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02\x03PK\x00\x00" * 50)
    (tmp_path / "empty.htm").write_bytes(b"")
    (tmp_path / "blank.xhtml").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    result = load_documents([tmp_path])
    assert [d.id for d in result.documents] == ["good"]
    messages = sorted(str(problem) for problem in result.problems)
    assert messages == sorted([
        f"{tmp_path / 'binary.html'}: binary file (contains NUL bytes and no UTF-16/32 byte-order mark)",
        f"{tmp_path / 'blank.xhtml'}: no visible text in the page",
        f"{tmp_path / 'empty.htm'}: empty file",
    ])


def test_a_declaration_the_bytes_contradict_is_not_trusted(tmp_path):
    # Saved as UTF-8 by a browser, the page still says windows-1256: the bytes win.
    page = arabic_page("cp1256")
    path = tmp_path / "resaved.html"
    path.write_bytes(page.html.encode("utf-8"))
    [document] = load_documents([path]).documents
    assert document.encoding == "utf-8" and [p.text for p in document.paragraphs] == page.paragraphs
    # No declaration at all: the legacy code page is detected from the bytes.
    undeclared = page.html.replace('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "")
    path.write_bytes(undeclared.encode("cp1256"))
    [document] = load_documents([path]).documents
    assert document.encoding == "cp1256" and [p.text for p in document.paragraphs] == page.paragraphs


def test_dir_and_lang_are_hints_not_orders(tmp_path):
    from reader.core.sources.page import decode_page, page_document

    # An Arabic page whose neutral paragraph (a date) follows the page's dir="rtl"…
    markup = arabic_page().html.replace("<p>ولم يتضح", "<p>2021-03-10</p><p>ولم يتضح")
    document, _ = page_document("a", "a.html", decode_page(markup.encode()).text, "utf-8")
    dated = next(p for p in document.paragraphs if p.text == "2021-03-10")
    assert dated.direction == "rtl" and document.meta["dir_hint"] == "rtl"
    # …but an English page a template marked dir="rtl" lang="ar" stays English and LTR.
    from news_pages import english_page

    wrong = english_page().html.replace('<html lang="en">', '<html lang="ar" dir="rtl">')
    document, _ = page_document("e", "e.html", wrong, "utf-8")
    assert document.lang == "en" and document.direction == "ltr" and "dir_hint" not in document.meta
    assert all(p.direction == "ltr" for p in document.paragraphs)
