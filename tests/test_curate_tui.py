"""`reader curate` with Pilot: every disagreement of a three-annotator merge decided from the
keyboard (accept, choose another version, reject all, edit boundaries), undo and redo, then
an export of the gold."""

from __future__ import annotations

import asyncio
import json


from reader.annotate.curation import STATES, Curation
from reader.cli import main
from reader.store.database import AnnotationStore
from reader.tui.curate_app import CurationApp
from reader.tui.screens.curate import STATE_STYLES
from team_support import ENGLISH, ITALIAN, claim_range, seed, team
from tui_support import screen_lines


def test_states_differ_by_attribute_and_sign_not_colour_alone():
    attributes = {state: tuple(bool(getattr(style, name)) for name in ("bold", "italic", "underline", "strike", "dim"))
                  for state, (_sign, style) in STATE_STYLES.items()}
    assert set(attributes) == set(STATES)
    assert len(set(attributes.values())) == len(STATES)
    assert all(any(a) for a in attributes.values())
    assert len({sign for sign, _ in STATE_STYLES.values()}) == len(STATES)


async def press_until(pilot, screen, condition, key: str, limit: int = 5) -> None:
    for _ in range(limit):
        if condition():
            return
        await pilot.press(key)
    assert condition()


def test_curate_every_disagreement_then_export(tmp_path, capsys):
    asyncio.run(_curate_every_disagreement_then_export(tmp_path))


async def _curate_every_disagreement_then_export(tmp_path):
    paths = team(tmp_path, "rana", "omar", "lea")
    gold = tmp_path / "gold.json"
    assert main(["merge", *map(str, paths), "--into", str(gold)]) == 0
    store = AnnotationStore.open(gold, annotator="curator")
    try:
        app = CurationApp(Curation(store), title="gold.json")
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert (screen.left, len(screen.groups)) == (4, 4)
            assert any("4/4 left" in line for line in screen_lines(app))
            # 1. the English claim only rana and omar made ("incomplete"): accept it
            assert screen.group.kind == "claim" and screen.version.state == "incomplete"
            assert any("? incomplete" in line for line in screen_lines(app))
            await pilot.press("a")
            assert screen.left == 3
            # 2. China: GPE (omar, rana) against LOC (lea); choose GPE and accept
            assert screen.group.versions[0].text == "China"
            assert any("≠ disagreed" in line for line in screen_lines(app))
            await press_until(pilot, screen, lambda: screen.version.label == "GPE", "down")
            await pilot.press("enter")
            # 3. NASA: ORG (rana) against GPE (omar): reject both
            assert screen.group.versions[0].text == "NASA"
            await pilot.press("r")
            # 4. "Roscosmos said" (omar) against "Roscosmos" (lea, rana): take omar's and
            #    edit its end five characters back
            assert {v.text for v in screen.group.candidates} == {"Roscosmos", "Roscosmos said"}
            await press_until(pilot, screen, lambda: screen.version.text == "Roscosmos said", "down")
            for _ in range(5):
                await pilot.press("left_curly_bracket")
            assert any("(edited)" in line and "“Roscosmos”" in line for line in screen_lines(app))
            await pilot.press("a")
            assert screen.left == 0
            assert any("0/4 left" in line for line in screen_lines(app))
            # undo takes the last decision back, redo makes it again
            await pilot.press("u")
            assert screen.left == 1
            assert not [s for s in store.spans(ENGLISH) if s.label == "ORG"]
            await pilot.press("U")
            assert screen.left == 0
            # a decided group shows its states: China's accepted version and rejected one
            await pilot.press("p", "p")
            assert screen.group.versions[0].text == "China"
            lines = "\n".join(screen_lines(app))
            assert "✓ accepted" in lines and "✗ rejected" in lines
    finally:
        store.close()

    exported = tmp_path / "gold.jsonl"
    assert main(["export", "--db", str(gold), "-o", str(exported)]) == 0
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    spans = {(r["id"], s["label"], s["text"], s["annotator"]) for r in records if r["record"] == "document"
             for s in r["spans"]}
    english, italian = seed(ENGLISH).text, seed(ITALIAN).text
    rogozin = italian[italian.index("Dmitry Rogozin"):italian.index("Research Station).") + len("Research Station).")]
    assert spans == {
        (ENGLISH, "GPE", "Russia", "merge"),
        (ENGLISH, "GPE", "China", "curator"),
        (ENGLISH, "CLAIM", english[slice(*claim_range(english))], "curator"),
        (ENGLISH, "ORG", "Roscosmos", "curator"),
        (ITALIAN, "ORG", "Roscosmos", "merge"),
        (ITALIAN, "CLAIM", rogozin, "merge"),
    }
    # the accepted claim brought its link to the Italian claim; the edited Roscosmos is a
    # mention of the one gold Roscosmos entity, like the Italian one
    links = [r for r in records if r["record"] == "link"]
    assert [link["type"] for link in links] == ["same"]
    entity_ids = {s["entity_id"] for r in records if r["record"] == "document" for s in r["spans"] if s["label"] == "ORG"}
    assert len(entity_ids) == 1 and None not in entity_ids


def test_an_arabic_disagreement_is_laid_out_right_to_left(tmp_path):
    asyncio.run(_an_arabic_disagreement_is_laid_out_right_to_left(tmp_path))


async def _an_arabic_disagreement_is_laid_out_right_to_left(tmp_path):
    from reader.core.loading import load_documents
    from reader.store.model import Span
    from conftest import SEEDS

    (document,) = [d for d in load_documents([str(SEEDS / "002_66cdbcb3364ed331.txt")]).documents]
    word = "روسيا"
    start = document.text.index(word)
    paths = []
    for name, end in (("rana", start + len(word)), ("omar", start + len(word) + 1)):
        path = tmp_path / f"{name}.json"
        with AnnotationStore.open(path, annotator=name) as source:
            source.ensure_document(document)
            source.add_span(Span(document.id, start, end, "entity", "GPE", document.text[start:end]))
        paths.append(path)
    gold = tmp_path / "gold.json"
    assert main(["merge", *map(str, paths), "--into", str(gold)]) == 0
    with AnnotationStore.open(gold, annotator="curator") as store:
        app = CurationApp(Curation(store), title="gold")
        async with app.run_test(size=(90, 30)) as pilot:
            await pilot.pause()
            lines = screen_lines(app)
            from reader.bidi.layout import display_line

            first_line = document.text.split("\n")[0]
            # the paragraph is drawn as the bidi engine lays it out (shaped, reordered),
            # never in logical order
            expected = display_line(first_line)[-20:]
            assert any(expected in line for line in lines), lines
            assert not any(first_line[:20] in line for line in lines)


def test_curate_names_a_missing_database_and_needs_a_terminal(tmp_path, capsys):
    missing = tmp_path / "nothing.json"
    assert main(["curate", str(missing)]) == 1
    assert f"{missing}: no database there" in capsys.readouterr().err
    paths = team(tmp_path, "rana", "omar")
    gold = tmp_path / "gold.json"
    assert main(["merge", *map(str, paths), "--into", str(gold)]) == 0
    capsys.readouterr()
    assert main(["curate", str(gold)]) == 1     # pytest's stdin is no terminal
    assert "curation needs a terminal" in capsys.readouterr().err
