"""The reading screen's discrepancy marks and keys on 000 beside its translation 004:
jump to the budget's rank (third / second) with the documented keys, make the two linked
claims, export them as ClaimReview and FEVER."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import orjson
from annotate_support import create_db
from tui_support import app_for

from reader.tui.annotation.discrepancies import COUNTERPART_STYLE, CURRENT_STYLE, DISCREPANCY_STYLE

SIZE = (160, 48)


async def wait_until(pilot, condition, what: str, timeout: float = 15.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{what} never happened")


def marks_of(view) -> dict[int, list]:
    return {i: list(view.annotation_marks(i)) for i in range(len(view.document.paragraphs))}


def styled(view, style) -> list[str]:
    """The texts of the view's marks drawn with ``style``."""
    found = []
    for index, marks in marks_of(view).items():
        paragraph = view.document.paragraphs[index]
        found += [paragraph.text[m.start:m.end] for m in marks if m.style == style]
    return found


def test_the_keys_used_below_are_the_documented_ones():
    doc = (Path(__file__).parent.parent / "docs" / "keymaps.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in doc.splitlines() if line.startswith("| `discrepancy")}
    assert "`exclamation_mark`" in rows["discrepancy-next"] and "`at`" in rows["discrepancy-prev"]
    assert "`X`" in rows["discrepancy-claims"]


def test_jump_to_the_budget_rank_and_make_two_claims_that_contradict(reader_cmd, tmp_path):
    db = create_db(tmp_path / "a.db")

    async def go():
        app = app_for(db_path=db, annotator="checker")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.reading
            a, b = screen.panes
            assert (a.document.id[:3], b.document.id[:3]) == ("000", "004")
            await wait_until(pilot, lambda: app.annotation.store is not None, "the store")
            # "@" (aligning and comparing the panes first if that is not done yet) goes back
            # from the top of 000, that is round to its last discrepancy: the budget's rank.
            await pilot.press("at")
            await wait_until(pilot, lambda: a.view.cursor == a.document.text.index("الثالثة"), "the jump")
            await pilot.pause()
            # Every discrepancy is marked in both panes, the current one as such.
            assert {"Dmitry Rogozin", "Artemis", "Gateway"} <= set(styled(a.view, DISCREPANCY_STYLE))
            assert {"Romitin", "Armis"} <= set(styled(b.view, DISCREPANCY_STYLE))
            assert b.document.text[b.view.cursor:b.view.cursor + 6] == "second"
            assert styled(a.view, CURRENT_STYLE) == ["الثالثة"] and styled(b.view, CURRENT_STYLE) == ["second"]
            assert "third" in screen.query_one("StatusLine").note
            # The cursor on one side highlights the other side.
            assert styled(b.view, COUNTERPART_STYLE) == ["second"]
            # "!" moves on (wrapping to the first), "@" comes back.
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert a.view.cursor != a.document.text.index("الثالثة")
            await pilot.press("at")
            await pilot.pause()
            assert a.view.cursor == a.document.text.index("الثالثة")
            # A word with a counterpart: ناسا in 000's ¶1 is NASA in 004's ¶3.
            a.view.move_cursor(a.document.text.index("ناسا"))
            await wait_until(pilot, lambda: styled(b.view, COUNTERPART_STYLE) == ["NASA"], "the counterpart")
            a.view.move_cursor(a.document.text.index("الثالثة"))
            await pilot.pause()
            await pilot.press("X")
            store = app.annotation.store
            await wait_until(pilot, lambda: len(store.links()) == 1, "the link")
            claims = {s.doc_id[:3]: s for s in store.spans() if s.kind == "claim"}
            assert claims["000"].text == "وتحتل ميزانية الفضاء الروسية المرتبة الثالثة عالميًا بعد الولايات المتحدة والصين."
            assert claims["004"].text == "Russia's space budget is ranked second in the world after the United States and China."
            link = store.links()[0]
            assert (link.source, link.target, link.type) == (claims["000"].id, claims["004"].id, "contradicts")
            # One change: one undo takes both claims and the link away.
            store.undo()
            assert store.links() == [] and not [s for s in store.spans() if s.kind == "claim"]
            store.redo()
        return claims

    claims = asyncio.run(go())
    review = subprocess.run([*reader_cmd, "export", "--db", str(db), "-f", "claimreview"], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert review.returncode == 0, review.stderr
    graph = orjson.loads(review.stdout)["@graph"]
    assert {r["identifier"] for r in graph} == {claims["000"].id, claims["004"].id}
    fever = subprocess.run([*reader_cmd, "export", "--db", str(db), "-f", "fever"], capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
    assert fever.returncode == 0, fever.stderr
    records = {r["id"]: r for r in map(orjson.loads, fever.stdout.splitlines())}
    assert records[claims["000"].id]["label"] == records[claims["004"].id]["label"] == "REFUTES"
    assert records[claims["000"].id]["evidence"][0][0][3] == claims["004"].text


def test_project_spans_are_reviewed_like_tag_all_like_this(tmp_path):
    """J proposes 000's tagged organisation in 004; a accepts all, enter keeps them."""
    from reader.commands.align import resolve
    from reader.store.database import AnnotationStore
    from reader.store.model import Entity, Span

    db = create_db(tmp_path / "p.db")
    a = resolve("000")
    store = AnnotationStore.open(db)
    store.ensure_document(a)
    nasa = store.add_entity(Entity(type="ORG", name="NASA"))
    at = a.text.index("ناسا")
    store.add_span(Span(doc_id=a.id, start=at, end=at + 4, kind="entity", label="ORG", text="ناسا", entity_id=nasa.id))
    store.close()

    async def go():
        app = app_for(db_path=db)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.reading
            await wait_until(pilot, lambda: app.annotation.store is not None, "the store")
            left, right = screen.panes
            await pilot.press("a")  # jump to the aligned paragraph: aligns the panes
            await wait_until(pilot, lambda: screen.partners(left.document, right.document).alignment is not None, "alignment")
            screen.focus_pane(0)
            await pilot.pause()
            await pilot.press("J")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "SuggestionReview", "the review")
            await pilot.press("a", "enter")
            store = app.annotation.store
            await wait_until(pilot, lambda: store.spans(right.document.id), "the projected spans")
            projected = store.spans(right.document.id)
            assert {s.text for s in projected} == {"NASA"} and {s.entity_id for s in projected} == {nasa.id}
            assert len(projected) == 1  # the one NASA of the paragraph aligned with the tagged one

    asyncio.run(go())
