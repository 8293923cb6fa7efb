"""What the reader's first frame shows (the start-up work must not make it show less):
both panes with their text and headers, the status line and the key bar, scrollbars
that know the documents' lengths; and later changes still reach the screen."""

from __future__ import annotations

import asyncio

from tui_support import app_for, screen_lines, write_docs

ENGLISH = "".join(f"English paragraph {n} about the lunar station.\n\n" for n in range(60))
ITALIAN = "Una stazione di ricerca lunare.\n\nSarà aperta a tutti.\n"


def first_frame(paths, size=(120, 30)):
    """(screen lines, app) as they are when the app runs its first-paint callback."""
    seen = {}

    async def go():
        app = app_for(paths)
        original = app._after_first_paint

        def at_first_paint():
            seen["lines"] = screen_lines(app)
            seen["views"] = [(pane.view.virtual_size.height, pane.view.vertical_scrollbar.window_virtual_size)
                             for pane in app.reading.panes]
            original()

        app._after_first_paint = at_first_paint
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the languages, found after the first paint
            await pilot.pause()
            seen["later"] = screen_lines(app)

    asyncio.run(go())
    return seen


def test_first_frame_has_both_panes_headers_status_and_keys(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH, it=ITALIAN)
    seen = first_frame(paths)
    lines = seen["lines"]
    # Languages the catalog does not know are found after the first paint, in another
    # process (lingua holds the interpreter lock for seconds while it loads): "…" until then.
    assert " … · ltr " in lines[0] or " en · ltr " in lines[0], lines[0]
    assert " en · ltr " in seen["later"][0] and " it · ltr " in seen["later"][0], seen["later"][0]
    assert "¶ 1/60" in lines[0] and "¶ 1/2" in lines[0], lines[0]
    assert "English paragraph 0 about" in lines[1] and "Una stazione di ricerca" in lines[1], lines[1]
    assert lines[-2].startswith(" offset 0 · ¶ 1/60"), lines[-2]
    assert "tab Next pane" in lines[-1] and lines[-1].rstrip().endswith("▏^p palette"), lines[-1]


def test_first_frame_scrollbars_know_the_documents_lengths(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH, it=ITALIAN)
    views = first_frame(paths)["views"]
    # 60 one-line paragraphs with a blank line between them; 2 short ones.
    assert views == [(119, 119), (3, 3)]


def test_changes_after_the_first_frame_are_painted(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH, it=ITALIAN)

    async def go():
        app = app_for(paths)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            await pilot.press("down", "down")
            await pilot.pause()
            after_moves = screen_lines(app)
            await pilot.resize_terminal(90, 20)
            await pilot.pause()
            await pilot.pause()
            return after_moves, screen_lines(app)

    after_moves, resized = asyncio.run(go())
    third = ENGLISH.index("English paragraph 2")
    assert after_moves[-2].startswith(f" offset {third} · ¶ 3/60"), after_moves[-2]
    assert "¶ 3/60" in after_moves[0]
    # Below 100 columns only the focused pane shows, at the new width.
    assert len(resized) == 20 and len(resized[0]) == 90
    assert "English paragraph 2 about" in "".join(resized[1:-2])
    assert "Una stazione" not in "".join(resized)
