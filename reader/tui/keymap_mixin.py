"""KeymapMixin: what an App mixes in to apply a keymap of `reader.tui.keymap`, with key
sequences ("g g") and counts ("3j").

Kept apart from keymap.py, which reads and checks keymap files: the app's class needs
the mixin when it is defined, the keymap files are read only after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App

    from reader.tui.keymap import KeySequenceReader, ResolvedKeymap

    # The type checker sees the App this is mixed into; at run time it is a plain mixin.
    _AppBase = App[Any]
else:
    _AppBase = object


class KeymapMixin(_AppBase):
    """Mix into an App (before `App`) to apply a ResolvedKeymap with sequences and counts.

    `apply_resolved_keymap` calls `set_keymap`; key sequences and counts are read in
    `on_key`, which Textual runs after the focused widget had the key (an Input keeps
    what it types) and before the non-priority bindings (keys typed ahead of a focus
    change have gone to their text field before: `reader.tui.type_ahead`).
    """

    resolved_keymap: ResolvedKeymap | None = None
    _sequence_reader: KeySequenceReader | None = None
    _reported_clashes: set[frozenset[str]]

    def apply_resolved_keymap(self, resolved: ResolvedKeymap) -> None:
        """Make `resolved` the active keymap (replacing any earlier one)."""
        from reader.tui.keymap import KeySequenceReader

        self.resolved_keymap = resolved
        self._sequence_reader = KeySequenceReader(resolved.sequences, resolved.counts)
        self._reported_clashes = set()
        self.set_keymap(resolved.keymap)

    async def on_key(self, event: events.Key) -> None:
        reader = self._sequence_reader
        if reader is None:
            return
        screen = self.screen
        active = screen.active_bindings
        outcome = reader.feed(event.key, lambda key: key in active)
        if outcome.kind == "none":
            return
        event.prevent_default()
        event.stop()
        if outcome.kind == "sequence":
            for binding_id in outcome.binding_ids:
                found = self._active_binding(binding_id)
                if found is not None:
                    await self._run_counted(found[0], found[1], outcome.count)
                    return
        elif outcome.kind == "counted":
            active_binding = active.get(outcome.key)
            if active_binding is not None and active_binding.enabled:
                await self._run_counted(active_binding.node, active_binding.binding, outcome.count)

    async def _run_counted(self, node: Any, binding: Binding, count: int) -> None:
        from reader.tui.keymap import countable_ids

        times = count if binding.id in countable_ids() else 1
        for _ in range(times):
            await self.run_action(binding.action, node)

    def _active_binding(self, binding_id: str) -> tuple[Any, Binding] | None:
        """(node, binding) for `binding_id` on the focused widget or one of its
        ancestors (up to a modal screen), or None when that action is not active here."""
        screen = self.screen
        start = screen.focused or screen
        for node in start.ancestors_with_self:
            for cls in type(node).__mro__:
                for binding in cls.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.id == binding_id:
                        return node, binding
            if getattr(node, "is_modal", False):
                break
        return None

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        """Warn once per clash Textual meets while applying the keymap (it keeps the
        keymap's binding and drops the others). Textual's own unnamed defaults (App's
        ctrl+q) being replaced is no clash, nor is a key given to one action twice (vim's
        ctrl+home for doc-top, already a default key of doc-top). `problems` already
        listed keymap clashes."""
        named = {b for b in clashed_bindings if b.id}
        ids = frozenset(b.id for b in named if b.id)
        if len(ids) < 2:
            return
        reported = getattr(self, "_reported_clashes", None)
        if reported is None:
            reported = self._reported_clashes = set()
        if ids in reported:
            return
        reported.add(ids)
        keys = ", ".join(sorted({b.key for b in named}))
        self.notify(
            f"Key {keys} is bound to several actions ({', '.join(sorted(ids))}) in "
            f"{type(node).__name__}: only one runs. Fix the keymap (docs/keymaps.md).",
            title="Keymap clash", severity="warning",
        )
