"""Keymaps: named sets of keys for the binding ids of `reader.tui.bindings`.

A keymap is a TOML file (bundled ones in `keymaps/`, or any path)::

    name = "vim"
    description = "hjkl motions, gg/G, counts"
    counts = true                       # optional: "3j" repeats a motion
    [bindings]
    "cursor-down" = "j,down"            # alternatives separated by commas
    "doc-top" = "ctrl+home,g g"         # a space separates the keys of a sequence
    "pane-swap" = ""                    # no key at all

Ids a keymap does not name keep their defaults from bindings.py. The user's config
(`user_config_dir("reader")/config.toml`) picks a keymap and overrides single actions::

    keymap = "vim"                      # or:  [keymap] name = "vim"
    [keymap_overrides]                  # or:  [keymap.overrides]
    "pane-close" = "ctrl+w"

Textual bindings are single keys, so single keys go to `App.set_keymap` and sequences
("g g") and counts are read by `KeySequenceReader`, which an App gets by mixing in
`KeymapMixin` (it sees keys after the focused widget, before the non-priority bindings).

Nothing here names a particular binding id: new groups and ids in bindings.py are
picked up as they are.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence

from textual.binding import Binding
from textual.keys import KEY_ALIASES, KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, key_to_character

from reader.core.bundled import data_dir
from reader.errors import ReaderError
from reader.tui.bindings import ALL_GROUPS, DIALOG_GROUPS, is_unbound, unbound_key

BUNDLED_KEYMAPS = ("default", "vim", "emacs")
DEFAULT_KEYMAP = "default"

#: Screens other than the reading screen, with the binding groups active on each.
#: Every group not named here is active on the reading screen (with "app"), so groups
#: added to bindings.py later (annotation bindings...) are checked without a change here.
#: The help screen is modal: Textual leaves the App's bindings out while it is shown.
OTHER_SCREENS: dict[str, tuple[str, ...]] = {
    "library": ("app", "library"),
    "help": ("help",),
    "curate": ("app", "curate"),
    **{name: ("dialog", name) for name in DIALOG_GROUPS if name != "dialog"},
}
READING_SCREEN = "reading"

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Key names Textual can produce without a modifier ("left", "f5", "escape", "tab"...).
_NAMED_KEYS = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
) | {"enter", "space", "tab", "backspace", "escape"}
# Aliases Textual treats as the same key (ctrl+i is tab): one spelling for clash checks.
_ALIAS_OF = {alias: key for key, aliases in KEY_ALIASES.items() for alias in aliases}
_MAX_COUNT = 9999


@dataclass(frozen=True, slots=True)
class Clash:
    """Two or more actions active at the same time on the same key (or key sequence)."""

    key: str
    binding_ids: tuple[str, ...]
    screen: str

    def __str__(self) -> str:
        ids = " and ".join(self.binding_ids)
        return f"key '{self.key}' is bound to both {ids} (active together on the {self.screen} screen)"


@dataclass
class ResolvedKeymap:
    """A keymap ready for an App: every known binding id with its keys.

    `keymap` is for `App.set_keymap` (single keys only; an action with only sequences
    or no key gets a key name no terminal sends). `sequences` maps each multi-key
    sequence to the ids it triggers (the first one active at the time runs).
    `problems` are human-readable: unknown ids, bad key names, values that are not
    strings, and clashes; the entries concerned are skipped, the rest applies.
    """

    name: str
    keymap: dict[str, str]
    problems: list[str] = field(default_factory=list)
    sequences: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    counts: bool = False
    description: str = ""
    source: Path | None = None
    #: id -> its keys and sequences ("g g") in the order the keymap wrote them.
    written: dict[str, list[str]] = field(default_factory=dict)

    def keys_for(self, binding_id: str) -> list[str]:
        """Every key and sequence (keys joined by spaces) that triggers `binding_id`,
        in the keymap's order."""
        if binding_id in self.written:
            return list(self.written[binding_id])
        keys = [k for k in split_keys(self.keymap.get(binding_id, "")) if not is_unbound(k)]
        keys += [" ".join(seq) for seq, ids in self.sequences.items() if binding_id in ids]
        return keys

    def notation(self, binding_id: str) -> str:
        """The keys of `binding_id` as written in keymap files ("" when unbound)."""
        return ",".join(self.keys_for(binding_id))


@dataclass
class KeymapFile:
    """What one keymap file (or the config's overrides table) says."""

    source: str
    name: str = ""
    description: str = ""
    counts: bool | None = None
    bindings: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # id -> "file:line", for messages


# --- key names ------------------------------------------------------------------

def split_keys(keys: str) -> list[str]:
    """The alternatives of a key string ("j,down" -> ["j", "down"]), blanks dropped."""
    return [k.strip() for k in keys.split(",") if k.strip()]


def normalize_key(key: str) -> str:
    """Textual's name for `key`: a single punctuation character becomes its name
    ("?" -> "question_mark"), as `App.set_keymap` does; names pass unchanged."""
    *modifiers, base = key.split("+") if key != "+" else ["+"]
    if len(base) == 1 and not base.isalnum():
        name = unicodedata.name(base, base).lower().replace("-", "_").replace(" ", "_")
        base = KEY_NAME_REPLACEMENTS.get(name, name)
    return "+".join([*modifiers, base])


def is_key_name(key: str) -> bool:
    """Whether Textual can ever report `key` (modifiers, then one key name)."""
    if not key or key != key.strip() or " " in key:
        return False
    if key == "+":
        return True
    *modifiers, base = key.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if len(base) == 1 or base in _NAMED_KEYS:
        return True
    return key_to_character(REPLACED_KEYS.get(base, base)) is not None


def _clash_key(key: str) -> str:
    """One spelling per physical key, so "?" and "question_mark", "ctrl+i" and "tab" meet."""
    key = normalize_key(key)
    return _ALIAS_OF.get(key, key)


# --- reading files ------------------------------------------------------------------

#: The key of a TOML assignment line: "quoted", 'literal' or bare (dots allowed).
_ASSIGNMENT = re.compile(r"""^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=""")


@lru_cache(maxsize=8)
def _assignment_lines(text: str) -> dict[str, int]:
    """The first line of `text` where each TOML key is assigned, in one pass (a keymap
    file names ~90 ids; a regex per id cost ~7 ms each time the app applied its keymap)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        found = _ASSIGNMENT.match(line)
        if found:
            key = next(group for group in found.groups() if group is not None)
            lines.setdefault(key, number)
    return lines


def _line_of(text: str, key: str) -> int | None:
    """The line of `text` where TOML key `key` is assigned (tomllib keeps no positions)."""
    return _assignment_lines(text).get(key)


def _where(source: str, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{source}:{line}" if line is not None else source


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text; ReaderError naming the file (and line) otherwise."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise ReaderError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        raise ReaderError(f"{path}: invalid TOML: {error}") from None


def _binding_table(table: Any, source: str, text: str, table_name: str, known: Mapping[str, Binding]) -> KeymapFile:
    """Validated `id -> keys` entries of a TOML table, and a problem for each bad one."""
    if not isinstance(table, dict):
        raise ReaderError(f"{_where(source, text, table_name)}: '{table_name}' must be a table of \"binding-id\" = \"keys\"")
    layer = KeymapFile(source)
    for binding_id, value in table.items():
        where = _where(source, text, binding_id)
        if binding_id not in known:
            layer.problems.append(f"{where}: unknown binding id '{binding_id}'")
        elif not isinstance(value, str):
            layer.problems.append(f"{where}: '{binding_id}' must be a string of keys like \"j,down\", not {type(value).__name__}")
        else:
            layer.bindings[binding_id] = value
            layer.where[binding_id] = where
    return layer


def read_keymap_file(path: Path, known: Mapping[str, Binding] | None = None) -> KeymapFile:
    """Parse a keymap file. Raises ReaderError when it cannot be used at all (missing,
    not TOML, no [bindings] table); bad entries become `problems` naming file and line."""
    known = binding_index() if known is None else known
    data, text = _read_toml(path)
    source = str(path)
    result = KeymapFile(source)
    for attribute in ("name", "description"):
        value = data.get(attribute, "")
        if not isinstance(value, str):
            result.problems.append(f"{_where(source, text, attribute)}: '{attribute}' must be a string")
        else:
            setattr(result, attribute, value)
    counts = data.get("counts")
    if counts is not None and not isinstance(counts, bool):
        result.problems.append(f"{_where(source, text, 'counts')}: 'counts' must be true or false")
    else:
        result.counts = counts
    for unknown in sorted(set(data) - {"name", "description", "counts", "bindings"}):
        result.problems.append(f"{_where(source, text, unknown)}: unknown setting '{unknown}' (binding ids go in [bindings])")
    table = _binding_table(data.get("bindings", {}), source, text, "bindings", known)
    result.bindings, result.where = table.bindings, table.where
    result.problems += table.problems
    return result


@dataclass
class KeymapConfig:
    """The keymap part of the user's config file."""

    choice: str | None = None
    overrides: KeymapFile | None = None
    directory: Path | None = None


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("reader")) / "config.toml"


def read_config(config_path: Path | None = None, known: Mapping[str, Binding] | None = None) -> KeymapConfig:
    """The keymap choice and overrides of the config file (nothing if it is absent)."""
    path = default_config_path() if config_path is None else config_path
    if not path.is_file():
        return KeymapConfig()
    known = binding_index() if known is None else known
    data, text = _read_toml(path)
    source = str(path)
    config = KeymapConfig(directory=path.parent)
    section = data.get("keymap")
    overrides: Any = data.get("keymap_overrides")
    if isinstance(section, dict):
        choice = section.get("name")
        overrides = section.get("overrides", overrides)
    else:
        choice = section
    if choice is not None and not isinstance(choice, str):
        raise ReaderError(f"{_where(source, text, 'keymap')}: 'keymap' must name a keymap ({', '.join(BUNDLED_KEYMAPS)}) or a file")
    config.choice = choice or None
    if overrides is not None:
        config.overrides = _binding_table(overrides, source, text, "overrides", known)
    return config


def bundled_keymap_path(name: str) -> Path:
    return data_dir("keymaps") / f"{name}.toml"


def _keymap_path(choice: str, relative_to: Path | None) -> Path:
    if choice in BUNDLED_KEYMAPS:
        return bundled_keymap_path(choice)
    path = Path(choice).expanduser()
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    if not path.is_file():
        raise ReaderError(
            f"keymap '{choice}': neither a bundled keymap ({', '.join(BUNDLED_KEYMAPS)}) nor a file"
        )
    return path


# --- resolving --------------------------------------------------------------------

def binding_index(groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS) -> dict[str, Binding]:
    """Every binding by id (bindings.py keeps ids unique)."""
    return {b.id: b for bindings in groups.values() for b in bindings if b.id}


def group_of(binding_id: str, groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS) -> str | None:
    return next((g for g, bindings in groups.items() if any(b.id == binding_id for b in bindings)), None)


def parse_keys(keys: str) -> tuple[list[str], list[tuple[str, ...]], list[str]]:
    """(single keys, sequences, bad keys) of a keymap value; keys come back normalized."""
    singles: list[str] = []
    sequences: list[tuple[str, ...]] = []
    bad: list[str] = []
    for alternative in split_keys(keys):
        parts = alternative.split()
        if not all(is_key_name(p) for p in parts):
            bad.extend(p for p in parts if not is_key_name(p))
            continue
        normalized = tuple(normalize_key(p) for p in parts)
        if len(normalized) == 1:
            singles.append(normalized[0])
        else:
            sequences.append(normalized)
    return singles, sequences, bad


def resolve_keymap(choice: str | None = None, *, config_path: Path | None = None) -> ResolvedKeymap:
    """The keymap to use: `choice` (a bundled name or a TOML path), else the config
    file's `keymap`, else "default"; the config's overrides apply on top in every case.

    Raises ReaderError when the chosen file or the config cannot be read or parsed;
    anything less (unknown id, bad key, clash) is listed in `problems`.
    """
    known = binding_index()
    config = read_config(config_path, known)
    from_config = choice is None and config.choice is not None
    choice = choice or config.choice or DEFAULT_KEYMAP
    path = _keymap_path(choice, config.directory if from_config else None)
    layers = [read_keymap_file(path, known)]
    if config.overrides is not None:
        layers.append(config.overrides)
    name = layers[0].name or (choice if choice in BUNDLED_KEYMAPS else path.stem)
    return build_keymap(name, layers, known, source=path)


def build_keymap(name: str, layers: Iterable[KeymapFile], known: Mapping[str, Binding] | None = None, *, source: Path | None = None) -> ResolvedKeymap:
    """Overlay `layers` (later wins, per id) on the defaults of bindings.py."""
    known = binding_index() if known is None else known
    layers = list(layers)
    resolved = ResolvedKeymap(name=name, keymap={}, source=source)
    resolved.description = next((layer.description for layer in layers if layer.description), "")
    resolved.counts = bool(next((l.counts for l in reversed(layers) if l.counts is not None), False))
    values: dict[str, tuple[str, str]] = {bid: (b.key, "bindings.py") for bid, b in known.items()}
    for layer in layers:
        resolved.problems += layer.problems
        for bid, keys in layer.bindings.items():
            values[bid] = (keys, layer.where.get(bid, layer.source))
    for bid, (keys, source_name) in values.items():
        singles, sequences, bad = parse_keys(keys)
        for key in bad:
            resolved.problems.append(f"{source_name}: '{bid}': '{key}' is not a key name Textual knows")
        resolved.keymap[bid] = ",".join(singles) if singles else unbound_key(bid)
        resolved.written[bid] = [" ".join(normalize_key(k) for k in alt.split()) for alt in split_keys(keys)
                                 if all(is_key_name(k) for k in alt.split())]
        for seq in sequences:
            resolved.sequences.setdefault(seq, []).append(bid)
    resolved.problems += [str(c) for c in find_clashes(resolved.keymap, sequences=resolved.sequences)]
    return resolved


def screens_of(groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS) -> dict[str, tuple[str, ...]]:
    """Each screen and the binding groups active on it together."""
    screens = {name: tuple(g for g in names if g in groups) for name, names in OTHER_SCREENS.items()}
    others = {g for names in OTHER_SCREENS.values() for g in names} - {"app"}
    screens = {READING_SCREEN: tuple(g for g in groups if g not in others), **screens}
    return screens


def find_clashes(
    keymap: Mapping[str, str],
    groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS,
    *,
    sequences: Mapping[tuple[str, ...], Sequence[str]] | None = None,
) -> list[Clash]:
    """Keys (and sequences) bound to two actions active at the same time.

    `keymap` maps ids to key strings (ids absent keep their bindings.py keys; a value
    may hold sequences like "g g"); `sequences` adds sequences resolved separately.
    A key that starts a sequence and is also bound alone clashes too (the sequence
    would swallow it).
    """
    # Every trigger (a tuple of keys) of every id.
    triggers: dict[str, set[tuple[str, ...]]] = {}
    for bindings in groups.values():
        for binding in bindings:
            if not binding.id:
                continue
            singles, seqs, _bad = parse_keys(keymap.get(binding.id, binding.key))
            triggers[binding.id] = {(_clash_key(k),) for k in singles if not is_unbound(k)}
            triggers[binding.id] |= {tuple(_clash_key(k) for k in s) for s in seqs}
    for seq, ids in (sequences or {}).items():
        for bid in ids:
            if bid in triggers:
                triggers[bid].add(tuple(_clash_key(k) for k in seq))
    clashes: list[Clash] = []
    for screen, group_names in screens_of(groups).items():
        on_screen: dict[tuple[str, ...], list[str]] = {}
        for group in group_names:
            for binding in groups[group]:
                if binding.id is None:
                    continue  # no id: no key of a keymap can name it
                for trigger in sorted(triggers.get(binding.id, ())):
                    ids = on_screen.setdefault(trigger, [])
                    if binding.id not in ids:
                        ids.append(binding.id)
        for trigger, ids in on_screen.items():
            if len(ids) > 1:
                clashes.append(Clash(" ".join(trigger), tuple(ids), screen))
            for cut in range(1, len(trigger)):
                shadowed = on_screen.get(trigger[:cut], [])
                if shadowed:
                    clashes.append(Clash(" ".join(trigger[:cut]), tuple(shadowed + ids), screen))
    return clashes


# --- sequences and counts -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class KeyOutcome:
    """What a key did to a `KeySequenceReader`.

    kind: "none" (not ours: let Textual's bindings have it), "pending" (swallowed: part
    of a sequence or a count), "sequence" (run the first active id of `binding_ids`
    `count` times), "counted" (run the binding of `key` `count` times).
    """

    kind: Literal["none", "pending", "sequence", "counted"]
    binding_ids: tuple[str, ...] = ()
    key: str = ""
    count: int = 1


class KeySequenceReader:
    """Reads multi-key sequences ("g g") and, when `counts` is on, vim counts ("12j").

    Pure state: the App feeds it each key and acts on the outcome. A digit counts only
    when no active binding uses it (`is_bound`), so digit bindings keep working.
    """

    def __init__(self, sequences: Mapping[tuple[str, ...], Sequence[str]], counts: bool = False) -> None:
        self.sequences = {tuple(s): tuple(ids) for s, ids in sequences.items()}
        self.prefixes = {s[:cut] for s in self.sequences for cut in range(1, len(s))}
        self.counts = counts
        self.pending: tuple[str, ...] = ()
        self.count = ""

    def reset(self) -> None:
        self.pending, self.count = (), ""

    @property
    def waiting(self) -> str:
        """What has been typed so far ("3 g"), for a status line; "" when idle."""
        return " ".join(([self.count] if self.count else []) + list(self.pending))

    def feed(self, key: str, is_bound: Callable[[str], bool] = lambda key: False) -> KeyOutcome:
        """Take one key; returns what to do with it (see KeyOutcome)."""
        key = normalize_key(key)
        if key == "escape" and (self.pending or self.count):
            self.reset()
            return KeyOutcome("pending")
        if self.pending:
            candidate = self.pending + (key,)
            if candidate in self.sequences:
                count = self._take_count()
                self.reset()
                return KeyOutcome("sequence", self.sequences[candidate], count=count)
            if candidate in self.prefixes:
                self.pending = candidate
                return KeyOutcome("pending")
            # Not a sequence: drop what was pending (as vim does) and read the key afresh.
            self.reset()
        # A count starts with an unbound 1-9 (0 alone is vim's line start); once started,
        # every digit continues it.
        if self.counts and len(key) == 1 and key.isdigit() and (self.count or (key != "0" and not is_bound(key))):
            if len(self.count) < len(str(_MAX_COUNT)):
                self.count += key
            return KeyOutcome("pending")
        if (key,) in self.prefixes:
            self.pending = (key,)
            return KeyOutcome("pending")
        if self.count:
            return KeyOutcome("counted", key=key, count=self._take_count())
        return KeyOutcome("none")

    def _take_count(self) -> int:
        count = min(int(self.count), _MAX_COUNT) if self.count else 1
        self.count = ""
        return count


def countable_ids(groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS) -> frozenset[str]:
    """Ids a count repeats: cursor motions (the pane's, and the library's moves)."""
    motions = {b.id for b in groups.get("pane", ())}
    motions |= {b.id for b in groups.get("library", ()) if b.action.startswith(("cursor_", "page_", "scroll_"))}
    return frozenset(i for i in motions if i)
