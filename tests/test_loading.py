"""Loading files, directories and JSONL: bad input is reported and the rest loads."""

from __future__ import annotations

import codecs
import json
import subprocess

from reader.core.loading import list_sources, load_documents


def test_directory_loads_recursively_txt_md_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("First article\n\nSecond paragraph\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# مرحبا\nنص عربي\n", encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Hello\r\nworld", "url": "http://example.org"}) + "\n"
        + json.dumps({"text": "שלום עולם"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")  # not a text suffix: skipped
    result = load_documents([tmp_path])
    assert result.problems == []
    by_id = {d.id: d for d in result.documents}
    assert set(by_id) == {"a", "sub/b", "x1", "sub/c#2"}
    assert by_id["x1"].text == "Hello\nworld"
    assert by_id["x1"].meta["url"] == "http://example.org"
    assert by_id["sub/c#2"].direction == "rtl"
    assert [p.text for p in by_id["a"].paragraphs] == ["First article", "Second paragraph"]


def test_a_directory_is_listed_in_the_order_of_its_paths_parts(tmp_path):
    # Directories and files whose names sort around each other ("a", "a b", "a-b",
    # "a.txt"), nested, with hidden and unloadable entries skipped: the order is that
    # of the paths' parts compared name by name, as load_documents always gave.
    names = ["a/z.txt", "a/b/c.md", "a b.txt", "a.txt", "a-b/x.txt", "A.TXT", "b.jsonl",
             "a/.hidden.txt", ".dot/x.txt", "a/b.txt", "a/b/a.txt", "c.png", "ä.txt", "a/Z.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    loadable = [n for n in names if not any(p.startswith(".") for p in n.split("/"))
                and n.lower().rsplit(".", 1)[-1] in ("txt", "md", "jsonl")]
    expected = sorted(tuple(n.split("/")) for n in loadable)
    sources = list(list_sources([tmp_path]))
    assert [tuple(s.path[len(str(tmp_path)) + 1:].split("/")) for s in sources] == expected
    assert [s.id for s in sources] == ["/".join(parts)[: "/".join(parts).rindex(".")] for parts in expected]


def test_bad_files_are_reported_with_path_and_reason_and_others_still_load(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Still here", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02ELF\x00")
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "fine"}\n{"text": broken\n[1, 2]\n{"title": "no text"}\n', encoding="utf-8"
    )
    result = load_documents([tmp_path, tmp_path / "missing.txt"])
    assert [d.text for d in result.documents] == ["fine", "Still here"]
    messages = sorted(str(p) for p in result.problems)
    assert any(m.startswith(f"{tmp_path / 'empty.txt'}: empty file") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'binary.txt'}: binary file") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'bad.jsonl'}:2: malformed JSON") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'bad.jsonl'}:3: expected a JSON object") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'bad.jsonl'}:4: no \"text\" field") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'missing.txt'}: no such file") for m in messages)


def test_cli_reports_bad_files_on_stderr_without_traceback(tmp_path, reader_cmd):
    (tmp_path / "ok.txt").write_text("Hello", encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")
    run = subprocess.run(reader_cmd + ["ls", str(tmp_path)], capture_output=True, text=True)
    assert "Traceback" not in run.stderr
    assert f"{tmp_path / 'utf16.txt'}: has a utf-16-le byte-order mark" in run.stderr
    assert "ok.txt" in run.stdout
    assert run.returncode == 1  # something was not loaded: scripts can tell


def test_paragraphs_are_non_empty_lines_with_offsets_into_the_text():
    from reader.core.document import Document

    doc = Document("d", "d.txt", "Title\n\n  \nBody one\nBody two")
    paragraphs = doc.paragraphs
    assert [(p.index, p.text) for p in paragraphs] == [(0, "Title"), (1, "Body one"), (2, "Body two")]
    assert all(doc.text[p.start:p.end] == p.text for p in paragraphs)
    assert doc.paragraph_at(doc.text.index("one")).index == 1


def test_direction_follows_the_first_strong_character_and_can_be_overridden():
    from reader.core.document import Document

    doc = Document("d", "d.txt", "2021 (ILRS) روسيا\n« » 123\n\u2067abc\u2069 שלום")
    assert [p.direction for p in doc.paragraphs] == ["ltr", "ltr", "rtl"]
    forced = Document("f", "f.txt", "abc", meta={"direction": "rtl"})
    assert forced.direction == "rtl" and forced.paragraphs[0].direction == "rtl"
