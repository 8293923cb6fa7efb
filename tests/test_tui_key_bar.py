"""The key bar (reader.tui.widgets.key_bar): the main keys of what is active, on one line
at the bottom, right from the first frame, following keymaps, focus and screens."""

from __future__ import annotations

import asyncio

from tui_support import app_for, screen_lines, write_docs

from reader.tui.widgets.key_bar import KeyBar, main_keys

ARABIC = "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية.\n\nوقال البيان إن المحطة ستكون مفتوحة.\n"
ENGLISH = "Russia and China signed an agreement to build a lunar research station.\n\nIt will be open to all.\n"


def run(coroutine):
    return asyncio.run(coroutine)


def bottom_line(app) -> str:
    return screen_lines(app)[-1]


def test_first_frame_shows_the_main_keys_before_the_keymap_is_applied(tmp_path):
    paths = write_docs(tmp_path, ar=ARABIC, en=ENGLISH)
    seen = {}

    async def go():
        app = app_for(paths)
        # Read the screen where the app applies the keymap (right after its first paint).
        original = app._after_first_paint

        def at_first_paint():
            seen["line"] = bottom_line(app)
            seen["keymap"] = app.resolved_keymap
            original()

        app._after_first_paint = at_first_paint
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()

    run(go())
    assert seen["keymap"] is None  # the keymap files were not read yet
    line = seen["line"]
    for shown in ("tab Next pane", "o Open in new pane", "q Quit", "? Help", "^p palette"):
        assert shown in line, (shown, line)
    # A key that is not marked "show" is not in the bar.
    assert "Previous pane" not in line


def test_keys_follow_a_keymap_that_rebinds_them(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH)
    keymap = tmp_path / "mine.toml"
    keymap.write_text('name = "mine"\n\n[bindings]\n"help" = "f5"\n"pane-add" = "ctrl+o"\n', encoding="utf-8")

    async def go():
        app = app_for(paths, keymap=str(keymap))
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            return bottom_line(app)

    line = run(go())
    assert "f5 Help" in line and "? Help" not in line, line
    assert "^o Open in new pane" in line, line


def test_keys_follow_the_screen_and_are_cut_before_the_palette_key(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH)

    async def go():
        app = app_for(paths)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            reading = bottom_line(app)
            await pilot.press("L")  # the library
            await pilot.pause()
            library = bottom_line(app)
            keys, palette = main_keys(app.screen)
            return reading, library, [k.description for k in keys], palette

    reading, library, descriptions, palette = run(go())
    assert len(reading) == 60 and reading.rstrip().endswith("▏^p palette"), reading
    assert library.startswith(" ⏎ Open  space Mark") and "Open in new pane" not in library, library
    assert "Filter" not in library and library.rstrip().endswith("/ ▏^p palette"), library  # cut
    assert descriptions[:2] == ["Open", "Mark for opening side by side"]
    assert palette is not None and palette.description == "palette"


def test_clicking_a_key_presses_it(tmp_path):
    paths = write_docs(tmp_path, en=ENGLISH)

    async def go():
        app = app_for(paths)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            line = bottom_line(app)
            column = line.index("? Help")
            await pilot.click(KeyBar, offset=(column + 1, 0))
            await pilot.pause()
            return type(app.screen).__name__

    assert run(go()) == "HelpScreen"
