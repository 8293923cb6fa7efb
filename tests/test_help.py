"""The help screen lists the active keymap's bindings and closes on escape or q."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from textual.app import App

from reader.tui.bindings import ALL_GROUPS, APP_BINDINGS
from reader.tui.keymap import resolve_keymap
from reader.tui.keymap_mixin import KeymapMixin
from reader.tui.screens.help import HelpScreen, help_rows


def sync(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class HelpApp(KeymapMixin, App):
    BINDINGS = APP_BINDINGS

    def __init__(self, keymap: str) -> None:
        super().__init__()
        self.choice = keymap
        self.closed = 0

    def on_mount(self) -> None:
        self.apply_resolved_keymap(resolve_keymap(self.choice, config_path=Path("/nonexistent/config.toml")))
        self.push_screen(HelpScreen(), lambda _: setattr(self, "closed", self.closed + 1))

    def action_quit(self) -> None:  # q must close the help, never reach this
        raise AssertionError("quit under the help screen")


def screen_text(app: App) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


def test_help_rows_cover_every_binding_id_with_the_keymaps_keys():
    vim = resolve_keymap("vim", config_path=Path("/nonexistent/config.toml"))
    rows = {row.binding_id: row for row in help_rows(vim)}
    assert set(rows) == {b.id for group in ALL_GROUPS.values() for b in group}
    assert rows["cursor-down"].keys == "j, ↓"
    assert rows["doc-top"].keys == "g g, ctrl+home"
    assert rows["cursor-down"].group == "pane"


@sync
async def test_help_screen_lists_the_active_keymap(tmp_path):
    app = HelpApp("vim")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Keymap: vim" in text
        assert "Document pane" in text and "Library" in text
        assert "cursor-down" in text and "j, ↓" in text
        assert "g g" in text


@sync
async def test_help_screen_scrolls(tmp_path):
    app = HelpApp("default")
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0


@sync
async def test_escape_closes_the_help():
    app = HelpApp("default")
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed == 1 and not isinstance(app.screen, HelpScreen)


@sync
async def test_q_closes_the_help_rather_than_quitting():
    app = HelpApp("default")
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.closed == 1


@sync
async def test_help_screen_given_the_app_lists_the_apps_keymap():
    class GivenApp(HelpApp):
        def on_mount(self) -> None:
            self.apply_resolved_keymap(resolve_keymap("emacs", config_path=Path("/nonexistent/config.toml")))
            self.push_screen(HelpScreen(self))

    app = GivenApp("emacs")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        assert "Keymap: emacs" in screen_text(app)


def test_help_rows_name_the_schema_label_of_each_tag_key():
    from reader.store.labels import load_schema

    vim = resolve_keymap("vim", config_path=Path("/nonexistent/config.toml"))
    rows = {row.binding_id: row for row in help_rows(vim, schema=load_schema())}
    assert (rows["tag-1"].keys, rows["tag-1"].description) == ("T 1", "Tag as PERSON")
    assert rows["tag-7"].description == "Tag as QUANTITY"
    assert "no type has this key" in rows["tag-9"].description


def test_annotating_guide_names_each_label_on_its_key_and_how_to_quit():
    from reader.store.labels import load_schema

    guide = (Path(__file__).resolve().parent.parent / "docs" / "annotating.md").read_text(encoding="utf-8")
    default = resolve_keymap("default", config_path=Path("/nonexistent/config.toml"))
    for entity_type in load_schema().entity_types:
        (key,) = default.keys_for(f"tag-{entity_type.key}")
        assert f"`{key}` {entity_type.name}" in guide, entity_type.name
    assert "`q` quits" in guide and "q" in default.keys_for("quit")
    vim = resolve_keymap("vim", config_path=Path("/nonexistent/config.toml"))
    assert vim.keys_for("tag-1") == ["T 1"] and "`T 1` PERSON" in guide
