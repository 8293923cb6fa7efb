"""`reader align A B [--json]` run as a real process."""

from __future__ import annotations

import subprocess

import orjson

from conftest import SEEDS


def run(reader_cmd: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*reader_cmd, "align", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_json_pairs_of_seed_translation_by_path(reader_cmd):
    a = next(SEEDS.glob("000_*.txt"))
    b = next(SEEDS.glob("004_*.txt"))
    result = run(reader_cmd, str(a), str(b), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    payload = orjson.loads(lines[0])
    assert payload["pairs"] == [[i, i + 2] for i in range(18)]
    assert payload["unaligned_b"] == [0, 1, 20]


def test_seed_ids_are_accepted_and_the_listing_shows_both_sides(reader_cmd):
    result = run(reader_cmd, "000", "001")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17 ↔ 1" in out
    assert "– ↔ 0   (unaligned)" in out
    # Previews are printed as the terminal must show them: laid out by the bidi engine.
    from reader.bidi.layout import display_line

    first_words = display_line("وقعت روسيا والصين")
    assert first_words != "وقعت روسيا والصين"
    a0 = next(line for line in out.splitlines() if line.startswith("  A 0: "))
    assert a0.endswith(first_words)


def test_missing_file_is_one_line_on_stderr(reader_cmd, tmp_path):
    result = run(reader_cmd, str(tmp_path / "absent.txt"), "004")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"reader: {tmp_path / 'absent.txt'}: no such file or seed id"]
    assert "Traceback" not in result.stderr


def test_undecodable_file_is_named_without_traceback(reader_cmd, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")  # a UTF-16 byte-order mark and half a code unit
    result = run(reader_cmd, str(bad), "004")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reader: {bad}:")
    assert "Traceback" not in result.stderr


def test_a_jsonl_file_with_several_documents_is_refused(reader_cmd, tmp_path):
    many = tmp_path / "many.jsonl"
    many.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    result = run(reader_cmd, str(many), "004")
    assert result.returncode == 1
    assert "holds 2 documents" in result.stderr
