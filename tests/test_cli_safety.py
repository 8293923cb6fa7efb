"""No control character from a document reaches the terminal through any command that
prints document text (titles, previews, paths) for people to read."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

HOSTILE = "Hello \x1b[41mred\x1b]0;TITLE\x07 \x9b31m world 2021 ILRS\nSecond 2022 NASA\n"
HOSTILE_RTL = "مرحبا \x1b[41m 2021 ILRS \u202e\nثاني 2022 NASA\n"
# Tabs separate `reader ls` columns; every other control is the document's.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_files(tmp_path):
    a = tmp_path / "bad\x1b[31mname.txt"
    a.write_text(HOSTILE, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(HOSTILE_RTL, encoding="utf-8")
    return str(a), str(b)


@pytest.mark.parametrize(
    "command",
    [
        ["ls", "{a}", "{b}"],
        ["align", "{a}", "{b}"],
        ["render", "{a}", "{b}"],
        ["render", "--no-wrap", "--order", "logical", "{a}", "{b}"],
    ],
)
def test_document_text_is_printed_without_control_characters(command, hostile_files, reader_cmd):
    a, b = hostile_files
    args = [part.format(a=a, b=b) for part in command]
    run = subprocess.run(reader_cmd + args, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()
    assert not CONTROLS.search(run.stdout), repr(run.stdout)


def test_error_messages_show_control_characters_as_placeholders(tmp_path, reader_cmd):
    bad = tmp_path / "evil\x1b]0;pwned\x07.txt"
    bad.write_bytes(b"")  # empty: reported with its name
    run = subprocess.run(reader_cmd + ["ls", str(bad)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1
    assert "empty file" in run.stderr and "evil␛]0;pwned␇.txt" in run.stderr
    assert not CONTROLS.search(run.stderr), repr(run.stderr)


@pytest.mark.parametrize("command", [["ls", "--json", "{a}", "{b}"], ["align", "--json", "{a}", "{b}"]])
def test_json_output_escapes_control_characters_and_keeps_the_data(command, hostile_files, reader_cmd):
    a, b = hostile_files
    run = subprocess.run(reader_cmd + [part.format(a=a, b=b) for part in command],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert not CONTROLS.search(run.stdout.replace("\t", "")), repr(run.stdout)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows
    if command[0] == "ls":
        # The document's own title, control characters and all, survives as data.
        assert any("\x1b[41mred" in (row.get("title") or "") for row in rows), rows


def test_the_reader_without_a_terminal_says_so_and_does_not_hang(tmp_path, reader_cmd):
    # `ssh host reader` without -t, or a pipe: no keys would ever come, and the screen
    # would go wherever standard error goes.
    doc = tmp_path / "a.txt"
    doc.write_text("مرحبا\n", encoding="utf-8")
    run = subprocess.run(reader_cmd + ["--db", str(tmp_path / "a.db"), str(doc)], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "needs a terminal" in run.stderr and "reader render" in run.stderr
    assert "Traceback" not in run.stderr and "\x1b" not in run.stderr + run.stdout
    assert not (tmp_path / "a.db").exists()
