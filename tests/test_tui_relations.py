"""CorpusRelations: library markers, pairing by the user's decisions, partners to offer,
evidence lines; and `o` opening the focused document's related document first."""

from __future__ import annotations

import asyncio

from tui_support import app_for, write_docs

from reader.align.relations import Relation
from reader.annotate.relations import CorpusRelations, evidence_summary, short_id

DUP = Relation("000_f1f32abe7cdf177d", "001_6c56f83bcb0769f5", "duplicate", 0.98, {"shingle_jaccard": 0.98})
TRANS = Relation("000_f1f32abe7cdf177d", "004_d7cbc5efb14dccd9", "translation", 0.8,
                 {"anchor_coverage": 0.8, "anchors_in_place": 1.0, "shared_anchors": ["#2021", "ilrs", "roscosmos"]})
EVENT = Relation("000_f1f32abe7cdf177d", "003_6916f926c97e75ec", "same-event", 0.9,
                 {"anchor_coverage": 0.9, "anchors_in_place": 0.22, "shared_anchors": ["ilrs"]})


def test_short_id_drops_only_a_content_hash_suffix():
    assert short_id("000_f1f32abe7cdf177d") == "000"
    assert short_id("report_2021") == "report_2021"
    assert short_id("d0") == "d0"


def test_marker_names_the_strongest_relation_and_counts_the_rest():
    relations = CorpusRelations([EVENT, TRANS, DUP])
    assert relations.marker(DUP.a) == "≈ 001 duplicate +2"
    assert relations.marker(TRANS.b) == "⇄ 000 translation"
    assert relations.marker("nothing") == ""


def test_marker_leaves_out_rejected_relations_and_ticks_confirmed_ones():
    relations = CorpusRelations([EVENT, TRANS, DUP], {DUP.key: "rejected", TRANS.key: "confirmed"})
    assert relations.marker(DUP.a) == "⇄ 004 translation ✓ +1"
    assert relations.marker(DUP.b) == ""
    assert [r.kind for r in relations.of(DUP.a)] == ["translation", "same-event", "duplicate"]


def test_pairing_follows_the_decisions_in_either_order_of_ids():
    relations = CorpusRelations([TRANS, DUP], {TRANS.key: "rejected"})
    assert relations.pairing(TRANS.a, TRANS.b) == "rejected"
    assert relations.pairing(TRANS.b, TRANS.a) == "rejected"
    assert relations.pairing(DUP.a, DUP.b) is None
    relations.decide(TRANS, "confirmed")
    assert relations.pairing(TRANS.b, TRANS.a) == "confirmed"
    relations.decide(TRANS, None)
    assert relations.pairing(TRANS.a, TRANS.b) is None


def test_partners_put_confirmed_first_then_translations_and_never_rejected():
    relations = CorpusRelations([EVENT, TRANS, DUP], {EVENT.key: "confirmed", DUP.key: "rejected"})
    assert relations.partners(DUP.a) == [EVENT.b, TRANS.b]


def test_evidence_summary_says_the_deciding_measure_and_the_anchors():
    assert evidence_summary(DUP) == "98% of word triples shared"
    line = evidence_summary(TRANS, limit=200)
    assert "anchor coverage 80%, 100% in place" in line and "2021, ilrs, roscosmos" in line
    assert len(evidence_summary(TRANS, limit=20)) == 20


def test_o_opens_the_related_document_before_the_next_one(tmp_path):
    body = ("The ILRS agreement between Roscosmos and CNSA was signed on 9 March 2021 "
            "by Dmitry Rogozin and Zhang Kejian, for 2036.")
    paths = write_docs(
        tmp_path,
        a_first=body + "\n",
        b_unrelated="Tomatoes grow best in warm soil with plenty of sunlight.\n",
        c_copy=body + "\n",
    )

    async def go():
        app = app_for(paths, shown=[0])
        async with app.run_test(size=(160, 30)) as pilot:
            for _ in range(240):
                if app.relations_ready:
                    break
                await pilot.pause(0.05)
            assert app.relations.partners("a_first") == ["c_copy"]
            await pilot.press("o")  # the chooser lists the related document first
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert [p.document.id for p in app.reading.panes] == ["a_first", "c_copy"]

    asyncio.run(go())
