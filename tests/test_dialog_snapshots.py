"""Snapshots of every dialog (pytest-textual-snapshot) at 80×24 and 160×48, each opened the
way a user opens it (the default keymap's keys) over documents and a database the test
writes: an Arabic article, its English twin and a second Arabic outlet; entity and claim
spans, an entity with aliases, a claim in each of two documents and a link between them.
Records get fixed ids, times and annotators, so nothing on screen changes between runs; each
test waits for the store, the relations and the alignments (threads) before the picture.

Regenerate after reading the screens (not blindly):
`.venv/bin/python -m pytest -p no:xdist tests/test_dialog_snapshots.py --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate_support import wait_for
from tui_support import app_for, write_docs

#: An Arabic article: a date, an amount, Roscosmos twice (the second left untagged, so that
#: "tag all like this" and the known-entity suggestions find it) and the claim.
AR = ("قالت وكالة روسكوزموس في 9 مارس 2021 إن ميزانية روسيا الفضائية هي الثالثة في العالم.\n\n"
      "وتعمل روسكوزموس مع الصين على محطة قمرية تكلف 5 مليارات دولار.\n")
#: Its English twin (the other claim, linked to the Arabic one as contradicting it).
EN = ("Roscosmos said on 9 March 2021 that Russia's space budget is the second largest in the world.\n\n"
      "Roscosmos works with China on a lunar station that costs 5 billion dollars.\n")
#: A second outlet copying the Arabic article (a duplicate relation for the relations dialog).
AR2 = ("موسكو - قالت وكالة روسكوزموس في 9 مارس 2021 إن ميزانية روسيا الفضائية هي الثالثة في العالم.\n\n"
       "وتعمل روسكوزموس مع الصين على محطة قمرية تكلف 5 مليارات دولار.\n")

AR_CLAIM = "ميزانية روسيا الفضائية هي الثالثة في العالم"
EN_CLAIM = "Russia's space budget is the second largest in the world"
WHEN = "2026-01-01T00:00:00.000+00:00"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


def _at(text: str, word: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(word, start + 1)
    return start, start + len(word)


def annotated_corpus(tmp_path: Path) -> tuple[list[Path], Path]:
    """The three documents and their database, built through AnnotationStore with fixed ids."""
    from reader.core.loading import load_documents
    from reader.store.database import AnnotationStore
    from reader.store.model import ClaimAttributes, ClaimLink, Entity, Span

    paths = write_docs(tmp_path, ar=AR, en=EN, ar2=AR2)
    ar, en = load_documents([str(paths[0]), str(paths[1])]).documents
    db = tmp_path / "annotations.db"

    def span(document, word: str, kind: str, label: str, span_id: str, **fields) -> Span:
        start, end = _at(document.text, word)
        return Span(doc_id=document.id, start=start, end=end, kind=kind, label=label, text=word,
                    annotator="rana", id=span_id, created=WHEN, updated=WHEN, **fields)

    with AnnotationStore.open(db, annotator="rana") as store:
        for document in (ar, en):
            store.ensure_document(document)
        entity = store.add_entity(Entity("ORG", "Roscosmos", aliases=["Roskosmos"], id="e-roscosmos", created=WHEN))
        ar_org = store.add_span(span(ar, "روسكوزموس", "entity", "ORG", "s-ar-org"))
        en_org = store.add_span(span(en, "Roscosmos", "entity", "ORG", "s-en-org"))
        store.add_span(span(en, "China", "entity", "GPE", "s-en-gpe"))
        # Russia is known by its English name only: linking the Arabic روسيا asks about the alias.
        store.add_entity(Entity("GPE", "Russia", id="e-russia", created=WHEN))
        store.add_span(span(ar, "روسيا", "entity", "GPE", "s-ar-gpe"))
        for mention in (ar_org, en_org):
            store.link_mention(mention.id, entity.id)
        ar_claim = store.add_span(span(ar, AR_CLAIM, "claim", "CLAIM", "s-ar-claim", attrs=ClaimAttributes(
            speaker=ar_org.id, stance="reported", checkworthy=True, note="الرقم من الوكالة",
            restatement="Russia's space budget ranks third", verdict="mixed", claim_date="2021-03-09").to_dict()))
        en_claim = store.add_span(span(en, EN_CLAIM, "claim", "CLAIM", "s-en-claim", attrs=ClaimAttributes(
            speaker=en_org.id, stance="asserted").to_dict()))
        store.add_link(ClaimLink(source=ar_claim.id, target=en_claim.id, type="contradicts", annotator="rana",
                                 id="l-budget", created=WHEN))
    return paths, db


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run in the test's directory, so that paths on screen are the ones the user typed
    (``ar.txt``), not the test's temporary directory (which changes every run)."""
    monkeypatch.chdir(tmp_path)


def reader_app(tmp_path: Path):
    """`reader ar.txt en.txt ar2.txt --db annotations.db` as the annotator rana, typed in
    the directory that holds them."""
    paths, db = annotated_corpus(tmp_path)
    return app_for([Path(p.name) for p in paths], shown=[0, 1], db_path=Path(db.name), annotator="rana")


async def settled(pilot) -> None:
    """Wait until the threads have landed: the store open, the relations found, the
    alignment of the two panes (whatever it found) in place when both are shown; then one
    more refresh."""
    app = pilot.app
    reading = app.reading

    def aligned() -> bool:
        if reading.has_class("-narrow"):  # one pane shown: nothing is lined up
            return True
        panes = reading.panes  # partners() asks for the alignment the layout asks for anyway
        return all(reading.partners(a.document, b.document).alignment is not None for a, b in zip(panes, panes[1:]))

    await wait_for(pilot, lambda: app.annotation.store is not None, "the annotation store")
    await wait_for(pilot, lambda: app.relations_ready, "the relations")
    await wait_for(pilot, aligned, "the alignment of the two panes")
    await wait_for(pilot, lambda: all(w.is_finished for w in app.workers), "the workers")
    await pilot.pause()


def opened_by(*keys: str, dialog: str, before=None):
    """A run_before: settle, press ``keys`` (awaiting ``before`` first), wait for ``dialog``."""

    async def run_before(pilot) -> None:
        await settled(pilot)
        if before is not None:
            await before(pilot)
        # A toast on the way (C's "claim link started") lasts a few seconds: whether it is
        # still up would depend on the machine's speed, so it goes before the last key (the
        # screen under the dialog keeps what it showed) and again once the dialog is up.
        await pilot.press(*keys[:-1])
        pilot.app.clear_notifications()
        await pilot.pause()
        await pilot.press(keys[-1])
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == dialog, dialog)
        await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers), "the workers")
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


#: dialog -> (keys from the Arabic pane's start, the screen class that must come up).
#: `]` goes to the next span: the first is روسكوزموس (an entity), the second the claim.
READING_DIALOGS = {
    "claim_form": (["right_square_bracket", "right_square_bracket", "enter"], "ClaimForm"),
    "entity_finder": (["right_square_bracket", "E"], "EntityFinder"),
    # ] ] ] to روسيا (inside the claim), E, the finder's first row is Russia: enter links it.
    "alias_confirm": (["right_square_bracket"] * 3 + ["E", "enter"], "AliasConfirm"),
    "label_chooser": (["right_square_bracket", "r"], "LabelChooser"),
    "linked_panel_entity": (["right_square_bracket", "R"], "LinkedPanel"),
    "linked_panel_claim": (["right_square_bracket", "right_square_bracket", "R"], "LinkedPanel"),
    "suggestion_review": (["right_square_bracket", "asterisk"], "SuggestionReview"),
    "suggestions_panel": (["M"], "SuggestionsPanel"),
    "span_list": (["t"], "SpanList"),
    "document_chooser": (["o"], "DocumentChooser"),
    "help": (["question_mark"], "HelpScreen"),
    # C on the Arabic claim starts a link, tab to the English pane, ] to its claim, C again.
    "link_type_chooser": (["right_square_bracket", "right_square_bracket", "C", "tab",
                           "right_square_bracket", "C"], "LinkTypeChooser"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(READING_DIALOGS))
def test_dialog(snap_compare, tmp_path, name, size):
    keys, dialog = READING_DIALOGS[name]
    assert snap_compare(reader_app(tmp_path), terminal_size=size, run_before=opened_by(*keys, dialog=dialog))


@pytest.mark.parametrize("size", SIZES)
def test_relations_dialog_from_the_library(snap_compare, tmp_path, size):
    async def highlight_arabic(pilot) -> None:
        await pilot.press("L")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "LibraryScreen", "the library")
        await pilot.pause()

    assert snap_compare(reader_app(tmp_path), terminal_size=size,
                        run_before=opened_by("ctrl+r", dialog="RelationsDialog", before=highlight_arabic))


def gold_database(tmp_path: Path) -> Path:
    """`reader merge rana.json omar.json --into gold.json`: two annotators who disagree on
    the label of the Arabic روسكوزموس and on the English China, and agree on the claim."""
    from reader.cli import main
    from reader.core.loading import load_documents
    from reader.store.database import AnnotationStore
    from reader.store.model import Span

    paths = write_docs(tmp_path, ar=AR, en=EN)
    ar, en = load_documents([str(p) for p in paths]).documents
    tags = {"rana": [(ar, "روسكوزموس", "entity", "ORG"), (en, "China", "entity", "GPE"),
                     (en, EN_CLAIM, "claim", "CLAIM")],
            "omar": [(ar, "روسكوزموس", "entity", "GPE"), (en, "China", "entity", "LOC"),
                     (en, EN_CLAIM, "claim", "CLAIM")]}
    sources = []
    for name, spans in tags.items():
        path = tmp_path / f"{name}.json"
        with AnnotationStore.open(path, annotator=name) as store:
            for document in (ar, en):
                store.ensure_document(document)
            for n, (document, word, kind, label) in enumerate(spans):
                start, end = _at(document.text, word)
                store.add_span(Span(doc_id=document.id, start=start, end=end, kind=kind, label=label, text=word,
                                    annotator=name, id=f"s-{name}-{n}", created=WHEN, updated=WHEN))
        sources.append(str(path))
    gold = tmp_path / "gold.json"
    assert main(["merge", *sources, "--into", str(gold)]) == 0
    return gold


@pytest.mark.parametrize("size", SIZES)
def test_curation_screen(snap_compare, tmp_path, size):
    """`reader curate gold.json` (the title is the path as typed)."""
    from reader.annotate.curation import Curation
    from reader.store.database import AnnotationStore
    from reader.tui.curate_app import CurationApp

    gold = Path(gold_database(tmp_path).name)
    with AnnotationStore.open(gold, annotator="lea") as store:
        assert snap_compare(CurationApp(Curation(store), title=str(gold)), terminal_size=size)
