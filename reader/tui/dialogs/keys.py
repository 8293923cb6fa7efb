"""The dialogs' key bindings, each with a stable kebab-case id (keymaps remap ids).

Grouped by dialog in `DIALOG_GROUPS` so help and keymap checks can list them beside
reader.tui.bindings.ALL_GROUPS. Arrows, enter, tab and shift+tab inside lists and
inputs are Textual's own (OptionList, Input, focus chain) and not repeated here.
"""

from __future__ import annotations

from textual.binding import Binding


def _b(binding_id: str, keys: str, action: str, description: str, show: bool = False) -> Binding:
    return Binding(keys, action, description, show=show, id=binding_id)


#: Every dialog: escape closes it without a result.
DIALOG_BINDINGS: list[Binding] = [
    _b("dialog-cancel", "escape", "cancel", "Close without choosing", show=True),
]

CLAIM_FORM_BINDINGS: list[Binding] = [
    _b("claim-form-save", "ctrl+s", "save", "Save the claim's attributes", show=True),
]

ENTITY_FINDER_BINDINGS: list[Binding] = [
    # priority: the query Input has the focus and would otherwise keep these keys
    Binding("up", "result_up", "Previous result", show=False, id="entity-finder-up", priority=True),
    Binding("down", "result_down", "Next result", show=False, id="entity-finder-down", priority=True),
]

LINK_TYPE_BINDINGS: list[Binding] = [
    _b("link-type-same", "s,1", "choose('same')", "Same claim", show=True),
    _b("link-type-supports", "p,2", "choose('supports')", "Supports", show=True),
    _b("link-type-contradicts", "x,3", "choose('contradicts')", "Contradicts", show=True),
]

SUGGESTION_REVIEW_BINDINGS: list[Binding] = [
    _b("suggestion-accept", "y", "accept", "Accept and go to the next", show=True),
    _b("suggestion-reject", "n", "reject", "Reject and go to the next", show=True),
    _b("suggestion-accept-rest", "a", "accept_rest", "Accept all remaining", show=True),
    _b("suggestion-finish", "ctrl+s", "finish", "Finish: keep the accepted ones", show=True),
]

#: By dialog (for help screens and keymap checks).
DIALOG_GROUPS: dict[str, list[Binding]] = {
    "dialog": DIALOG_BINDINGS,
    "claim-form": CLAIM_FORM_BINDINGS,
    "entity-finder": ENTITY_FINDER_BINDINGS,
    "link-type": LINK_TYPE_BINDINGS,
    "suggestion-review": SUGGESTION_REVIEW_BINDINGS,
}
