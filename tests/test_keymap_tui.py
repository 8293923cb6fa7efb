"""Keymaps applied to a running Textual app (Pilot): a tiny App with the app bindings
and a cursor widget carrying the pane's binding ids, so the keymap machinery is tested
on its own (the real document pane has its own tests)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget

from reader.tui.bindings import APP_BINDINGS, PANE_BINDINGS
from reader.tui.keymap import resolve_keymap
from reader.tui.keymap_mixin import KeymapMixin


class CursorBox(Widget, can_focus=True):
    """Counts the pane motions it receives."""

    BINDINGS = PANE_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.x = self.y = 0
        self.events: list[str] = []

    def action_cursor_left(self) -> None:
        self.x -= 1

    def action_cursor_right(self) -> None:
        self.x += 1

    def action_cursor_up(self) -> None:
        self.y -= 1

    def action_cursor_down(self) -> None:
        self.y += 1

    def action_doc_top(self) -> None:
        self.events.append("top")
        self.y = 0

    def action_doc_bottom(self) -> None:
        self.events.append("bottom")
        self.y = 100

    def action_page_down(self) -> None:
        self.events.append("page-down")


class KeymapApp(KeymapMixin, App):
    BINDINGS = APP_BINDINGS

    def __init__(self, keymap_choice: str, config_path: Path) -> None:
        super().__init__()
        self.resolved = resolve_keymap(keymap_choice, config_path=config_path)
        self.quit_pressed = 0

    def compose(self) -> ComposeResult:
        yield CursorBox()

    def on_mount(self) -> None:
        self.apply_resolved_keymap(self.resolved)
        self.query_one(CursorBox).focus()

    def action_quit(self) -> None:
        self.quit_pressed += 1


def sync(test):
    """Run an async Pilot test with asyncio (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def no_config(tmp_path: Path) -> Path:
    return tmp_path / "absent.toml"


@sync
async def test_vim_keymap_moves_the_cursor_with_hjkl(no_config):
    app = KeymapApp("vim", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("j", "j", "j", "k", "l", "l", "h")
        assert (box.x, box.y) == (1, 2)
        await pilot.press("down", "right")  # arrows still work
        assert (box.x, box.y) == (2, 3)


@sync
async def test_default_keymap_leaves_hjkl_unbound(no_config):
    app = KeymapApp("default", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("j", "l")
        assert (box.x, box.y) == (0, 0)
        await pilot.press("down")
        assert box.y == 1


@sync
async def test_vim_gg_goes_to_top_and_single_g_waits(no_config):
    app = KeymapApp("vim", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("G")
        assert box.y == 100
        await pilot.press("g")
        assert box.events == ["bottom"]  # nothing yet: g waits for the second key
        await pilot.press("g")
        assert box.events == ["bottom", "top"] and box.y == 0


@sync
async def test_vim_count_repeats_a_motion(no_config):
    app = KeymapApp("vim", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("1", "2", "j")
        assert box.y == 12
        await pilot.press("3", "l")
        assert box.x == 3


@sync
async def test_emacs_sequence_and_control_keys(no_config):
    app = KeymapApp("emacs", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+f")
        assert (box.x, box.y) == (1, 2)
        await pilot.press("ctrl+x", "ctrl+c")
        assert app.quit_pressed == 1


@sync
async def test_user_override_of_a_single_action(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('keymap = "vim"\n[keymap_overrides]\n"cursor-down" = "n"\n', encoding="utf-8")
    app = KeymapApp(None, config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        await pilot.press("j", "n", "n", "k")
        assert box.y == 1  # j no longer moves, n does, vim's k still does


@sync
async def test_clash_is_reported_and_names_both_ids_and_the_key(tmp_path, no_config):
    keymap = tmp_path / "clash.toml"
    keymap.write_text('[bindings]\n"cursor-down" = "j"\n"quit" = "j"\n', encoding="utf-8")
    app = KeymapApp(str(keymap), no_config)
    async with app.run_test() as pilot:
        problems = app.resolved_keymap.problems
        assert any("'j'" in p and "cursor-down" in p and "quit" in p for p in problems)
        await pilot.press("j")
        # Textual gives the key to the focused widget's binding; the clash is not silent.
        assert app.query_one(CursorBox).y == 1


def _clash_notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == "Keymap clash"]  # noqa: SLF001


@sync
async def test_the_bundled_vim_keymap_starts_without_a_clash_notice(no_config):
    # vim gives doc-top ctrl+home, a key doc-top has by default: one action, no clash.
    app = KeymapApp("vim", no_config)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert _clash_notices(app) == []


@sync
async def test_a_key_of_two_actions_met_by_textual_is_notified(no_config):
    from textual.binding import Binding

    app = KeymapApp("default", no_config)
    async with app.run_test() as pilot:
        box = app.query_one(CursorBox)
        app.handle_bindings_clash({Binding("j", "a", id="cursor-down"), Binding("j", "b", id="quit")}, box)
        app.handle_bindings_clash({Binding("g", "a", id="doc-top"), Binding("g", "b", id="doc-top")}, box)
        await pilot.pause()
        notices = _clash_notices(app)
        assert len(notices) == 1 and "cursor-down, quit" in notices[0] and "j" in notices[0]
