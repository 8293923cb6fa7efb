"""reader.annotate.curation without a screen: groups, deciding again, undo of a decision."""

from __future__ import annotations

from reader.annotate.curation import Curation
from reader.cli import main
from reader.store.database import AnnotationStore
from team_support import ENGLISH, team


def merged(tmp_path, capsys, *names):
    paths = team(tmp_path, *names)
    gold = tmp_path / "gold.json"
    assert main(["merge", *map(str, paths), "--into", str(gold)]) == 0
    capsys.readouterr()
    return gold


def nasa(curation: Curation):
    return next(g for g in curation.disagreements() if g.versions[0].text == "NASA")


def test_groups_hold_overlapping_candidates_with_their_states(tmp_path, capsys):
    gold = merged(tmp_path, capsys, "rana", "omar")
    with AnnotationStore.open(gold, read_only=True) as store:
        groups = Curation(store).disagreements()
    shown = [(g.doc_id, sorted((v.label, v.text, v.proposed_by, v.state) for v in g.versions)) for g in groups]
    assert shown == [
        (ENGLISH, [("GPE", "NASA", ("omar",), "disagreed"), ("ORG", "NASA", ("rana",), "disagreed")]),
        (ENGLISH, [("ORG", "Roscosmos", ("rana",), "disagreed"), ("ORG", "Roscosmos said", ("omar",), "disagreed")]),
    ]


def test_deciding_again_replaces_the_earlier_decision_and_undo_restores_it(tmp_path, capsys):
    gold = merged(tmp_path, capsys, "rana", "omar")
    with AnnotationStore.open(gold, annotator="curator") as store:
        curation = Curation(store)
        group = nasa(curation)
        org = next(v for v in group.candidates if v.label == "ORG")
        gpe = next(v for v in group.candidates if v.label == "GPE")
        curation.accept(group, org.key)
        assert [s.label for s in store.spans(ENGLISH) if s.text == "NASA"] == ["ORG"]
        curation.accept(nasa(curation), gpe.key)
        assert [s.label for s in store.spans(ENGLISH) if s.text == "NASA"] == ["GPE"]
        states = {v.label: v.state for v in nasa(curation).versions}
        assert states == {"GPE": "accepted", "ORG": "rejected"}
        curation.reject_all(nasa(curation))
        assert [s for s in store.spans(ENGLISH) if s.text == "NASA"] == []
        assert store.undo().startswith("curate: reject")
        assert [s.label for s in store.spans(ENGLISH) if s.text == "NASA"] == ["GPE"]
        assert Curation(store).progress() == (1, 2)
