"""The help screen: every binding of the active keymap, grouped by where it works."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.store.labels import LabelSchema, load_schema
from reader.tui.bindings import ALL_GROUPS, HELP_BINDINGS
from reader.tui.keymap import ResolvedKeymap, build_keymap

#: Headings of the binding groups; a group not listed here shows its own name.
GROUP_TITLES = {
    "app": "Everywhere",
    "pane": "Document pane",
    "reading": "Reading screen",
    "annotation": "Annotating",
    "library": "Library",
    "help": "This help",
    "curate": "Curation (reader curate)",
    "dialog": "Every dialog",
    "claim-form": "Claim form",
    "entity-finder": "Entity finder",
    "link-type": "Claim link type",
    "suggestion-review": "Suggestions",
}


@dataclass(frozen=True, slots=True)
class HelpRow:
    group: str
    binding_id: str
    keys: str  # as shown: "j, ↓", "g g"
    description: str


def display_keys(keys: Sequence[str]) -> str:
    """Keys as a user reads them: "?" rather than "question_mark", "g g" for sequences."""
    return ", ".join(" ".join(format_key(k) for k in key.split()) for key in keys) or "—"


def describe(binding: Binding, schema: LabelSchema | None) -> str:
    """What `binding` does as help and docs/keymaps.md say it: a tag key names the label
    of the schema's entity type with that key ("Tag as PERSON")."""
    if binding.id and binding.id.startswith("tag-") and binding.id[4:].isdigit() and schema is not None:
        found = schema.by_key(binding.id[4:])
        if found is None:
            return f"Tag as entity type {binding.id[4:]} (no type has this key in the label schema)"
        return f"Tag as {found.name}"
    return binding.description


def label_keys(resolved: ResolvedKeymap, schema: LabelSchema) -> list[tuple[str, str]]:
    """(keys, label) for each entity type of `schema` that the keymap gives a key."""
    out = []
    for entity_type in schema.entity_types:
        keys = resolved.keys_for(f"tag-{entity_type.key}")
        if keys:
            out.append((display_keys(keys), entity_type.name))
    return out


def help_rows(resolved: ResolvedKeymap, groups: Mapping[str, Sequence[Binding]] = ALL_GROUPS,
              schema: LabelSchema | None = None) -> list[HelpRow]:
    """One row per binding id of `groups`, in bindings.py order, with `resolved`'s keys
    (tag keys described by `schema`'s labels)."""
    return [
        HelpRow(group, b.id, display_keys(resolved.keys_for(b.id)), describe(b, schema))
        for group, bindings in groups.items()
        for b in bindings
        if b.id
    ]


def active_keymap(app: object) -> ResolvedKeymap:
    """The keymap an App applied with KeymapMixin, else bindings.py's defaults."""
    resolved = getattr(app, "resolved_keymap", None)
    return resolved if isinstance(resolved, ResolvedKeymap) else build_keymap("default", [])


class HelpScreen(ModalScreen[None]):
    """Lists the keys of every action; escape or q (help-close) closes it."""

    BINDINGS = [*HELP_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 90%; border: round $primary; background: $surface; }
    """

    def __init__(self, resolved: object = None, *, schema: LabelSchema | None = None, **kwargs) -> None:
        """`resolved`: the keymap to list; anything else (None, the App) means the
        keymap the App applied (see `active_keymap`). `schema`: the label schema in use
        (the bundled one if None), whose labels the tag keys are listed with."""
        super().__init__(**kwargs)
        self._resolved = resolved if isinstance(resolved, ResolvedKeymap) else None
        self.schema = schema if schema is not None else load_schema()

    @property
    def resolved(self) -> ResolvedKeymap:
        return self._resolved if self._resolved is not None else active_keymap(self.app)

    @property
    def rows(self) -> list[HelpRow]:
        return help_rows(self.resolved, schema=self.schema)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Static(self._render_tables(), id="help-content")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def _render_tables(self) -> Group:
        resolved = self.resolved
        title = Text(f"Keymap: {resolved.name}", style="bold")
        if resolved.description:
            title.append(f" — {resolved.description}", style="")
        parts: list = [title]
        quit_keys = display_keys(resolved.keys_for("quit"))
        close_keys = display_keys(resolved.keys_for("help-close"))
        parts.append(Text.assemble(("Quit the reader: ", "bold"), quit_keys,
                                   ("   Close this help: ", "bold"), close_keys))
        labels = label_keys(resolved, self.schema)
        claim_keys = resolved.keys_for("tag-claim")
        if claim_keys:
            labels.append((display_keys(claim_keys), "CLAIM"))
        if labels:
            covers = {t.name: t.description for t in self.schema.entity_types}
            covers["CLAIM"] = "a claim (the claim form asks for its attributes)"
            table = Table(title="Tag keys (labels of the schema in use)", title_justify="left",
                          show_header=True, expand=True, box=None, pad_edge=False)
            table.add_column("Keys", style="bold", ratio=1)
            table.add_column("Label", ratio=1)
            table.add_column("What it covers", style="dim", ratio=3)
            for keys, label in labels:
                table.add_row(keys, label, covers.get(label, ""))
            parts += [Text(""), table, Text("")]
        if resolved.counts:
            parts.append(Text("A count typed before a motion repeats it (5j)."))
        tables: dict[str, Table] = {}
        for row in self.rows:
            group = tables.get(row.group)
            if group is None:
                group = Table(title=GROUP_TITLES.get(row.group, row.group.title()), title_justify="left",
                              show_header=True, expand=True, box=None, pad_edge=False)
                group.add_column("Keys", style="bold", ratio=1)
                group.add_column("Action", ratio=2)
                group.add_column("Id", style="dim", ratio=1)
                tables[row.group] = group
                parts.append(Text(""))
                parts.append(group)
            group.add_row(row.keys, row.description, row.binding_id)
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)
