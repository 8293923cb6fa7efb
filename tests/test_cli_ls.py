"""`reader ls` lists the bundled seeds (the default corpus) with language and direction."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from conftest import SEEDS


def test_ls_json_lists_the_five_seeds_with_language_and_direction(reader_cmd):
    run = subprocess.run(reader_cmd + ["ls", "--json"], capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["lang"] for r in rows] == ["ar", "ar", "ar", "it", "en"]
    assert [r["direction"] for r in rows] == ["rtl", "rtl", "rtl", "ltr", "ltr"]
    for row in rows:
        assert {"id", "path", "lang", "direction", "paragraphs", "chars", "sha256"} <= row.keys()
        text = (SEEDS / (row["id"] + ".txt")).read_text(encoding="utf-8").replace("\r\n", "\n")
        assert row["chars"] == len(text)
        assert row["sha256"] == hashlib.sha256(text.encode()).hexdigest()
        assert row["paragraphs"] == sum(1 for line in text.split("\n") if line.strip())


def test_seed_languages_are_detected_not_only_catalogued():
    # The catalog records the seeds' languages; detection must agree with it.
    from reader.core.language import detect_language
    from reader.core.loading import load_documents

    for doc in load_documents().documents:
        assert detect_language(doc.text) == doc.meta["lang"], doc.id


def test_every_subcommand_has_help(reader_cmd):
    from reader.cli import COMMANDS

    for name in COMMANDS:
        run = subprocess.run(reader_cmd + [name, "--help"], capture_output=True, text=True)
        assert run.returncode == 0, (name, run.stderr)
        assert f"usage: reader {name}" in run.stdout


def test_documents_of_one_jsonl_file_are_told_apart_by_their_ids(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "a1", "text": "First story."}\n{"text": "Second story."}\n', encoding="utf-8")
    rows = subprocess.run([sys.executable, "-m", "reader", "ls", str(corpus)],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    assert [row.split("\t")[0] for row in rows] == [f"{corpus} (a1)", f"{corpus} (news#2)"]
    shown = subprocess.run([sys.executable, "-m", "reader", "render", str(corpus)],
                           capture_output=True, text=True, check=True).stdout
    assert f"==> {corpus} (a1) <==" in shown and f"==> {corpus} (news#2) <==" in shown
