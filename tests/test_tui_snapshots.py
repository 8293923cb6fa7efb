"""Snapshots of the reading screen (pytest-textual-snapshot). Regenerate after checking by eye:
`.venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

from tui_support import app_for, write_docs

HEBREW = (
    "הסוכנות הרוסית רוסקוסמוס והסוכנות הסינית CNSA חתמו ב-9 במרץ 2021 על הסכם להקמת "
    "תחנת מחקר ירחית בינלאומית (ILRS).\n\n"
    "לדברי הסוכנויות, התחנה תהיה \"מתחם של מתקני מחקר ניסיוניים\" על פני הירח או במסלול סביבו.\n"
)
PERSIAN = (
    "روسیه و چین در ۱۸ اسفند ۱۳۹۹ توافق‌نامه‌ای برای ساخت ایستگاه بین‌المللی تحقیقات ماه (ILRS) امضا کردند.\n\n"
    "به گفتهٔ آژانس‌های فضایی، این ایستگاه «مجموعه‌ای از تأسیسات تحقیقاتی» خواهد بود.\n"
)


async def lined_up(pilot) -> None:
    """Wait until 000 and 004 are aligned and lined up (the alignment runs in a thread)."""
    from reader.tui.widgets.status_line import StatusLine

    for _ in range(400):
        if pilot.app.reading.query_one(StatusLine).parallel:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_seeds_side_by_side_at_80x24(snap_compare):
    # Narrow: only the focused pane is shown, nothing to line up.
    assert snap_compare(app_for(), terminal_size=(80, 24))


def test_seeds_side_by_side_at_160x48(snap_compare):
    assert snap_compare(app_for(), terminal_size=(160, 48), run_before=lined_up)


def test_hebrew_document_right_aligned_with_cursor_moved(snap_compare, tmp_path):
    paths = write_docs(tmp_path, he=HEBREW)
    assert snap_compare(app_for(paths), terminal_size=(80, 24), press=["left", "left", "down"])


def test_persian_document_with_zwnj_shaped_and_mirrored(snap_compare, tmp_path):
    paths = write_docs(tmp_path, fa=PERSIAN)
    assert snap_compare(app_for(paths), terminal_size=(80, 24), press=["w", "w"])
