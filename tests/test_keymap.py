"""resolve_keymap, keymap files, config overrides and find_clashes (no TUI)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.tui.bindings import ALL_GROUPS
from reader.tui.keymap import (
    BUNDLED_KEYMAPS,
    KeySequenceReader,
    bundled_keymap_path,
    find_clashes,
    is_key_name,
    resolve_keymap,
)


@pytest.fixture
def no_config(tmp_path: Path) -> Path:
    return tmp_path / "absent-config.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_default_toml_equals_the_defaults_in_bindings_py():
    with open(bundled_keymap_path("default"), "rb") as handle:
        data = tomllib.load(handle)["bindings"]
    expected = {b.id: b.key for bindings in ALL_GROUPS.values() for b in bindings}
    assert data == expected


@pytest.mark.parametrize("name", BUNDLED_KEYMAPS)
def test_bundled_keymaps_have_no_problems(name, no_config):
    resolved = resolve_keymap(name, config_path=no_config)
    assert resolved.name == name
    assert resolved.problems == []


def test_every_key_in_bundled_keymaps_is_a_textual_key_name():
    for name in BUNDLED_KEYMAPS:
        with open(bundled_keymap_path(name), "rb") as handle:
            for binding_id, keys in tomllib.load(handle)["bindings"].items():
                for alternative in keys.split(","):
                    for key in alternative.split():
                        assert is_key_name(key), f"{name}: {binding_id}: {key}"


def test_vim_maps_hjkl_and_reads_gg_as_a_sequence(no_config):
    vim = resolve_keymap("vim", config_path=no_config)
    assert vim.keymap["cursor-left"].split(",")[0] == "h"
    assert vim.keymap["cursor-down"].split(",")[0] == "j"
    assert "g" not in vim.keymap["doc-top"].split(",")
    assert "doc-top" in vim.sequences[("g", "g")]
    assert vim.counts is True
    assert "g g" in vim.keys_for("doc-top")


def test_no_choice_and_no_config_gives_the_default_keymap(no_config):
    resolved = resolve_keymap(config_path=no_config)
    assert resolved.name == "default"
    assert resolved.keymap["cursor-down"] == "down"


def test_config_chooses_the_keymap_and_overrides_one_action(tmp_path):
    config = write(tmp_path / "config.toml", 'keymap = "emacs"\n[keymap_overrides]\n"pane-close" = "ctrl+k"\n')
    resolved = resolve_keymap(config_path=config)
    assert resolved.name == "emacs"
    assert resolved.keymap["pane-close"] == "ctrl+k"
    assert resolved.keymap["cursor-down"] == "ctrl+n,down"  # the rest of emacs stays


def test_config_table_form_and_overrides_apply_over_an_explicit_choice(tmp_path):
    config = write(tmp_path / "config.toml", '[keymap]\nname = "emacs"\n[keymap.overrides]\n"cursor-down" = "n"\n')
    resolved = resolve_keymap("vim", config_path=config)
    assert resolved.name == "vim"
    assert resolved.keymap["cursor-down"] == "n"
    assert resolved.keymap["cursor-up"] == "k,up"


def test_keymap_file_by_path_relative_to_the_config(tmp_path):
    write(tmp_path / "mine.toml", 'name = "mine"\n[bindings]\n"quit" = "ctrl+d"\n')
    config = write(tmp_path / "config.toml", 'keymap = "mine.toml"\n')
    resolved = resolve_keymap(config_path=config)
    assert resolved.name == "mine"
    assert resolved.keymap["quit"] == "ctrl+d"
    assert resolved.keymap["help"] == "question_mark,f1"  # defaults for the rest


def test_unknown_id_is_a_problem_naming_file_and_line(tmp_path, no_config):
    path = write(tmp_path / "k.toml", '[bindings]\n"cursor-down" = "j"\n"cursr-up" = "k"\n')
    resolved = resolve_keymap(str(path), config_path=no_config)
    assert any(f"{path}:3" in p and "cursr-up" in p for p in resolved.problems), resolved.problems
    assert resolved.keymap["cursor-down"] == "j"  # the good entry still applies


def test_value_that_is_not_a_string_is_a_problem_naming_the_key(tmp_path, no_config):
    path = write(tmp_path / "k.toml", '[bindings]\n\n"cursor-down" = 5\n')
    resolved = resolve_keymap(str(path), config_path=no_config)
    assert any(f"{path}:3" in p and "cursor-down" in p and "string" in p for p in resolved.problems)
    assert resolved.keymap["cursor-down"] == "down"


def test_bad_key_name_is_a_problem(tmp_path, no_config):
    path = write(tmp_path / "k.toml", '[bindings]\n"cursor-down" = "ctrl+bananna,j"\n')
    resolved = resolve_keymap(str(path), config_path=no_config)
    assert any(f"{path}:2" in p and "ctrl+bananna" in p and "cursor-down" in p for p in resolved.problems)
    assert resolved.keymap["cursor-down"] == "j"


def test_toml_syntax_error_raises_with_file_and_line(tmp_path, no_config):
    path = write(tmp_path / "broken.toml", '[bindings]\n"cursor-down" = "j\n')
    with pytest.raises(ReaderError) as error:
        resolve_keymap(str(path), config_path=no_config)
    assert str(path) in str(error.value) and "line 2" in str(error.value)


def test_unknown_keymap_name_raises(no_config):
    with pytest.raises(ReaderError, match="neither a bundled keymap"):
        resolve_keymap("dvorak-ish", config_path=no_config)


def test_config_with_bad_keymap_value_raises_naming_the_config(tmp_path):
    config = write(tmp_path / "config.toml", "keymap = 3\n")
    with pytest.raises(ReaderError, match=str(config)):
        resolve_keymap(config_path=config)


def test_clash_between_two_actions_names_both_ids_and_the_key(tmp_path, no_config):
    path = write(tmp_path / "k.toml", '[bindings]\n"cursor-down" = "j"\n"pane-next" = "j"\n')
    resolved = resolve_keymap(str(path), config_path=no_config)
    clashes = [p for p in resolved.problems if "'j'" in p]
    assert len(clashes) == 1
    assert "cursor-down" in clashes[0] and "pane-next" in clashes[0]


def test_find_clashes_across_app_and_pane():
    clashes = find_clashes({"quit": "w"})  # w is word-next in the pane
    assert [(c.key, set(c.binding_ids), c.screen) for c in clashes] == [("w", {"quit", "word-next"}, "reading")]


def test_same_key_on_different_screens_is_no_clash():
    # space pages down in a pane and marks in the library: never active together.
    assert find_clashes({}) == []
    assert find_clashes({"library-open": "x"}) == []  # x closes a pane, elsewhere


def test_spellings_of_one_key_clash():
    clashes = find_clashes({"pane-swap": "?"})  # "?" is question_mark, the help key
    assert len(clashes) == 1 and set(clashes[0].binding_ids) == {"help", "pane-swap"}


def test_key_bound_alone_and_starting_a_sequence_clashes():
    clashes = find_clashes({"doc-top": "g g", "pane-swap": "g"})
    assert any(c.key == "g" and {"doc-top", "pane-swap"} <= set(c.binding_ids) for c in clashes)


def test_new_groups_are_checked_on_the_reading_screen():
    from textual.binding import Binding

    groups = {**ALL_GROUPS, "annotate": [Binding("1", "tag(1)", "Tag 1", id="tag-1")]}
    clashes = find_clashes({"cursor-down": "1"}, groups)
    assert [set(c.binding_ids) for c in clashes] == [{"cursor-down", "tag-1"}]


def test_sequence_reader_reads_gg_and_counts():
    reader = KeySequenceReader({("g", "g"): ["doc-top"]}, counts=True)
    assert reader.feed("g").kind == "pending"
    outcome = reader.feed("g")
    assert (outcome.kind, outcome.binding_ids) == ("sequence", ("doc-top",))
    assert reader.feed("1").kind == "pending"
    assert reader.feed("2").kind == "pending"
    outcome = reader.feed("j")
    assert (outcome.kind, outcome.key, outcome.count) == ("counted", "j", 12)
    assert reader.feed("j").kind == "none"


def test_sequence_reader_drops_a_broken_sequence_and_reads_the_key_afresh():
    reader = KeySequenceReader({("g", "g"): ["doc-top"]})
    reader.feed("g")
    assert reader.feed("j").kind == "none"
    assert reader.waiting == ""


def test_bound_digits_are_not_counts_but_zero_continues_a_count():
    reader = KeySequenceReader({}, counts=True)
    assert reader.feed("1", is_bound=lambda key: key == "1").kind == "none"
    assert reader.feed("2").kind == "pending"
    assert reader.feed("0", is_bound=lambda key: key == "0").kind == "pending"
    assert reader.feed("j").count == 20


def test_escape_cancels_a_pending_sequence():
    reader = KeySequenceReader({("ctrl+x", "o"): ["pane-next"]})
    reader.feed("ctrl+x")
    assert reader.feed("escape").kind == "pending"
    assert reader.feed("o").kind == "none"


def test_a_mistyped_keymap_is_reported_before_the_screen_opens(tmp_path):
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("hello\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "reader", "--keymap", "vmi", "--db", str(tmp_path / "a.db"), str(doc)],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "keymap 'vmi': neither a bundled keymap" in run.stderr and "\x1b" not in run.stderr


def test_a_keymap_file_that_is_not_toml_is_reported_before_the_screen_opens(tmp_path):
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("hello\n", encoding="utf-8")
    keymap = tmp_path / "mine.toml"
    keymap.write_text('name = "x"\n[bindings\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "reader", "--keymap", str(keymap), "--db", str(tmp_path / "a.db"),
                          str(doc)], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "mine.toml" in run.stderr and "invalid TOML" in run.stderr and "line 2" in run.stderr
