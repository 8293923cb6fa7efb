"""`reader agree` end to end: annotators' databases made through the store's API on the seeds,
figures worked out by hand from what tests/team_support.py says each one tagged."""

from __future__ import annotations

import json
import subprocess

import pytest

from reader.cli import main
from team_support import ENGLISH, ITALIAN, claim_range, seed, team


def non_space(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def agree_json(capsys, *args) -> dict:
    assert main(["agree", "--json", *map(str, args)]) == 0
    return json.loads(capsys.readouterr().out)


def test_two_annotators(tmp_path, capsys):
    rana, omar = team(tmp_path, "rana", "omar")
    report = agree_json(capsys, rana, omar)
    assert report["annotators"] == ["omar", "rana"]
    assert report["documents"] == [ITALIAN, ENGLISH]
    (pair,) = report["pairs"]
    assert (pair["a"], pair["b"], pair["spans_a"], pair["spans_b"]) == ("omar", "rana", 7, 7)
    # exact: Russia, China, both claims, the Italian Roscosmos; overlap adds "Roscosmos said"
    assert pair["f1_exact"] == pytest.approx(2 * 5 / 14)
    assert pair["f1_overlap"] == pytest.approx(2 * 6 / 14)
    assert pair["labels"] == {
        "CLAIM": {"f1_exact": 1.0, "f1_overlap": 1.0},
        "GPE": {"f1_exact": pytest.approx(0.8), "f1_overlap": pytest.approx(0.8)},   # omar's NASA is GPE
        "ORG": {"f1_exact": pytest.approx(0.4), "f1_overlap": pytest.approx(0.8)},
    }
    # characters: GPE/GPE 11, ORG/ORG 18, omar ORG/rana O 4 ("said"), omar GPE/rana ORG 4 (NASA)
    n = non_space(seed(ENGLISH).text) + non_space(seed(ITALIAN).text)
    observed = (n - 8) / n
    expected = (15 * 11 + 22 * 22 + (n - 37) * (n - 33)) / n ** 2
    assert pair["kappa_entities"] == pytest.approx((observed - expected) / (1 - expected))
    assert pair["kappa_claims"] == pytest.approx(1.0)
    assert pair["entity_links"] == {"compared": 2, "same": 2, "share": 1.0}
    assert pair["claim_links"] == {"compared": 1, "same": 1, "share": 1.0}
    assert report["fleiss_kappa_entities"] is None     # two annotators
    assert report["alpha_claims"] == pytest.approx(1.0)


def test_three_annotators(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar", "lea")
    report = agree_json(capsys, *paths)
    assert report["annotators"] == ["lea", "omar", "rana"]
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    # lea annotated the English article only: 3 spans there; omar and rana 5 each there
    lea_omar, lea_rana = pairs[("lea", "omar")], pairs[("lea", "rana")]
    assert (lea_omar["spans_a"], lea_omar["spans_b"]) == (3, 5)
    assert (lea_omar["f1_exact"], lea_omar["f1_overlap"]) == (pytest.approx(2 / 8), pytest.approx(4 / 8))
    assert (lea_rana["f1_exact"], lea_rana["f1_overlap"]) == (pytest.approx(4 / 8), pytest.approx(4 / 8))
    assert pairs[("omar", "rana")]["f1_exact"] == pytest.approx(10 / 14)
    # claim layer, worked out on the coincidence matrix: English claim characters are rated
    # (CLAIM, CLAIM, O), the Italian ones (CLAIM, CLAIM, missing)
    english, italian = seed(ENGLISH).text, seed(ITALIAN).text
    c_e = non_space(english[slice(*claim_range(english))])
    start = italian.index("Dmitry Rogozin")
    c_i = non_space(italian[start:italian.index("Research Station).") + len("Research Station).")])
    n_e, n_i = non_space(english), non_space(italian)
    o_oo = 3 * (n_e - c_e) + 2 * (n_i - c_i)
    n_claim, n_out = 2 * c_e + 2 * c_i, c_e + o_oo
    total = n_claim + n_out
    assert report["alpha_claims"] == pytest.approx(1 - (total - 1) * 2 * c_e / (2 * n_claim * n_out))
    # Fleiss' κ over the English article (the only one all three touched), claim layer
    units = n_e
    p_bar = (c_e / 3 + (units - c_e)) / units
    p_claim = 2 * c_e / (3 * units)
    p_e = p_claim ** 2 + (1 - p_claim) ** 2
    assert report["fleiss_kappa_claims"] == pytest.approx((p_bar - p_e) / (1 - p_e))
    assert -1 <= report["fleiss_kappa_entities"] <= 1
    assert any("LOC: only 1 span" in w for w in report["warnings"])
    assert any("lea and omar: 1 of 2 overlapping matches differ" in w for w in report["warnings"])


def test_a_jsonl_export_is_a_source_like_its_database(tmp_path, capsys):
    rana, omar = team(tmp_path, "rana", "omar")
    exported = tmp_path / "rana.jsonl"
    assert main(["export", "--db", str(rana), "-o", str(exported)]) == 0
    capsys.readouterr()
    from_db = agree_json(capsys, rana, omar)
    from_jsonl = agree_json(capsys, exported, omar)
    assert from_jsonl == from_db


def test_label_and_document_filters(tmp_path, capsys):
    rana, omar = team(tmp_path, "rana", "omar")
    report = agree_json(capsys, rana, omar, "--label", "GPE", "--doc", ENGLISH)
    assert report["documents"] == [ENGLISH]
    (pair,) = report["pairs"]
    assert list(pair["labels"]) == ["GPE"]
    assert (pair["spans_a"], pair["spans_b"], pair["f1_exact"]) == (3, 2, pytest.approx(0.8))


def test_the_table_fits_80_columns_and_warnings_go_to_stderr(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar", "lea")
    assert main(["agree", *map(str, paths)]) == 0
    out, err = capsys.readouterr()
    assert "omar/rana" in out and "Krippendorff" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "reader: warning: label LOC: only 1 span" in err


@pytest.mark.parametrize("content, reason", [
    (None, "no such database or file"),
    ('{"record": "document", "id": "x", "text": "abc", "spans": [{"start": 0, "end": 9, "kind": "entity", '
     '"label": "ORG"}]}\n', ".jsonl:1: document x: offsets [0, 9) out of range"),
    ('{"record": "document"\n', ".jsonl:1:"),
])
def test_bad_sources_give_a_clear_error(tmp_path, capsys, content, reason):
    (rana,) = team(tmp_path, "rana")
    bad = tmp_path / "bad.jsonl"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    assert main(["agree", str(rana), str(bad)]) != 0
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert str(bad) in err


def test_one_annotator_is_not_enough(tmp_path, capsys):
    (rana,) = team(tmp_path, "rana")
    assert main(["agree", str(rana)]) == 1
    assert "agreement needs two annotators" in capsys.readouterr().err


def test_the_installed_command_prints_json(tmp_path, reader_cmd):
    rana, omar = team(tmp_path, "rana", "omar")
    run = subprocess.run([*reader_cmd, "agree", "--json", str(rana), str(omar)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["pairs"][0]["f1_exact"] == pytest.approx(10 / 14)


def test_no_control_character_from_a_source_reaches_the_terminal(tmp_path, capsys):
    import hashlib

    text = "Roscosmos and CNSA"
    sha = hashlib.sha256(text.encode()).hexdigest()
    evil = "ev\x1b]0;pwned\x07il"
    lines = []
    for name, end in ((evil, 9), ("omar", 8)):
        lines.append(json.dumps({"record": "document", "id": "d\x1b[2J1", "text": text, "meta": {"sha256": sha},
                                 "spans": [{"start": 0, "end": end, "kind": "entity", "label": "ORG\x1b[31m",
                                            "text": text[:end], "annotator": name}]}))
    sources = []
    for i, line in enumerate(lines):
        path = tmp_path / f"s{i}.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        sources.append(str(path))
    assert main(["agree", *sources]) == 0
    out, err = capsys.readouterr()
    assert "ORG" in out and "ev" in out
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert main(["merge", *sources, "--into", str(tmp_path / "gold.json")]) == 0
    out, err = capsys.readouterr()
    assert "merged" in err and "\x1b" not in out + err and "\x07" not in out + err
