"""Every key binding of the reader, with its stable id: the single source of truth.

Keymaps (keymaps/*.toml) remap these ids through Textual's keymap API
(`App.set_keymap`); docs/keymaps.md is generated from this module and the keymap files.
Ids are kebab-case and never change once released: users' keymap files name them.
"""

from __future__ import annotations

from textual.binding import Binding


def _b(binding_id: str, keys: str, action: str, description: str, show: bool = False) -> Binding:
    return Binding(keys, action, description, show=show, id=binding_id)


# Key name for an action with no key: no terminal produces it, so it never fires.
_UNBOUND_PREFIX = "unbound-"


def is_unbound(key: str) -> bool:
    """Whether ``key`` is the placeholder of an action with no key (see unbound_key)."""
    return key.startswith(_UNBOUND_PREFIX)


def unbound_key(binding_id: str) -> str:
    """The placeholder key of an action that has no single key (unique per id)."""
    return f"{_UNBOUND_PREFIX}{binding_id}"


#: The app: always active.
APP_BINDINGS: list[Binding] = [
    _b("quit", "q,ctrl+q", "quit", "Quit", show=True),
    _b("help", "question_mark,f1", "help", "Help", show=True),
    _b("library", "L,f2", "library", "Library", show=True),
    _b("toggle-invisibles", "I", "toggle_invisibles", "Show invisibles"),
    _b("suspend", "ctrl+z", "suspend_process", "Suspend to the shell"),
    _b("redraw", "ctrl+l", "redraw", "Redraw the screen"),
]

#: A document pane: cursor motions (visual for left/right, logical for word/sentence/paragraph).
PANE_BINDINGS: list[Binding] = [
    _b("cursor-left", "left", "cursor_left", "Left"),
    _b("cursor-right", "right", "cursor_right", "Right"),
    _b("cursor-up", "up", "cursor_up", "Up"),
    _b("cursor-down", "down", "cursor_down", "Down"),
    _b("word-next", "ctrl+right,w", "word_next", "Next word"),
    _b("word-prev", "ctrl+left,b", "word_prev", "Previous word"),
    _b("word-end", "e", "word_end", "End of word"),
    _b("sentence-next", "right_parenthesis", "sentence_next", "Next sentence"),
    _b("sentence-prev", "left_parenthesis", "sentence_prev", "Previous sentence"),
    _b("paragraph-next", "ctrl+down,right_curly_bracket", "paragraph_next", "Next paragraph"),
    _b("paragraph-prev", "ctrl+up,left_curly_bracket", "paragraph_prev", "Previous paragraph"),
    _b("line-start", "home", "line_start", "Line start (in reading order)"),
    _b("line-end", "end", "line_end", "Line end (in reading order)"),
    _b("page-up", "pageup", "page_up", "Page up"),
    _b("page-down", "pagedown,space", "page_down", "Page down"),
    _b("doc-top", "ctrl+home,g", "doc_top", "Top"),
    _b("doc-bottom", "ctrl+end,G", "doc_bottom", "Bottom"),
]

#: The reading screen: panes side by side.
READING_BINDINGS: list[Binding] = [
    _b("pane-next", "tab", "pane_next", "Next pane", show=True),
    _b("pane-prev", "shift+tab", "pane_prev", "Previous pane"),
    _b("pane-add", "o", "pane_add", "Open in new pane", show=True),
    _b("pane-close", "x", "pane_close", "Close pane", show=True),
    _b("pane-swap", "s", "pane_swap", "Swap with next pane"),
    _b("sync-scroll", "S", "sync_scroll", "Scroll together", show=True),
    _b("jump-aligned", "a", "jump_aligned", "Go to aligned paragraph"),
    _b("parallel-layout", "vertical_line", "parallel_layout", "Line up aligned paragraphs (or scroll freely)"),
    _b("discrepancy-next", "exclamation_mark", "discrepancy_next", "Next discrepancy with the aligned pane (its note)"),
    _b("discrepancy-prev", "at", "discrepancy_prev", "Previous discrepancy with the aligned pane"),
    _b("discrepancy-claims", "X", "discrepancy_claims", "Both sides of the discrepancy as claims that contradict"),
    _b("project-spans", "J", "project_spans", "Propose this pane's entity spans in the next pane"),
]

#: The library screen.
LIBRARY_BINDINGS: list[Binding] = [
    _b("library-open", "enter", "open_selected", "Open", show=True),
    _b("library-mark", "space", "mark", "Mark for opening side by side", show=True),
    _b("library-filter", "slash", "focus_filter", "Filter", show=True),
    _b("library-close", "escape", "close", "Back"),
    _b("library-cursor-up", "up", "cursor_up", "Previous document"),
    _b("library-cursor-down", "down", "cursor_down", "Next document"),
    _b("library-page-up", "pageup", "page_up", "Page up"),
    _b("library-page-down", "pagedown", "page_down", "Page down"),
    _b("library-top", "home", "cursor_top", "First document"),
    _b("library-bottom", "end", "cursor_bottom", "Last document"),
    _b("library-relations", "ctrl+r,f3", "relations", "Relations of the document", show=True),
]

#: The help screen (modal: the app's bindings are not active under it).
HELP_BINDINGS: list[Binding] = [
    _b("help-close", "escape,q", "close", "Close help", show=True),
]

#: Annotating in a document pane: selection, tags, links, undo, search, suggestions.
#: Tag keys 1–9 pick the entity type whose `key` in the label schema is that digit.
ANNOTATION_BINDINGS: list[Binding] = [
    _b("select-toggle", "v", "select_toggle", "Start/stop selecting", show=True),
    _b("select-cancel", "escape", "select_cancel", "Cancel selection or pending link"),
    _b("select-word", "i w", "select_word", "Select the word"),
    _b("select-sentence", "i s", "select_sentence", "Select the sentence"),
    _b("select-paragraph", "i p", "select_paragraph", "Select the paragraph"),
    _b("select-precise", "P", "select_precise", "Snap to words / character precision"),
    _b("select-clitics", "K", "select_clitics", "Strip Arabic clitics from selections"),
    *[_b(f"tag-{n}", str(n), f"tag({n})", f"Tag as entity type {n}") for n in range(1, 10)],
    _b("tag-claim", "c", "tag_claim", "Tag as claim", show=True),
    _b("span-relabel", "r", "span_relabel", "Change the span's label"),
    _b("span-delete", "d,delete", "span_delete", "Delete the span"),
    _b("span-next", "right_square_bracket", "span_next", "Next span"),
    _b("span-prev", "left_square_bracket", "span_prev", "Previous span"),
    _b("span-edit", "enter", "span_edit", "Edit span (claim form / entity link)"),
    _b("entity-link", "E", "entity_link", "Link mention to a corpus entity"),
    _b("claim-link", "C", "claim_link", "Link claim to a claim in another pane"),
    _b("span-list", "t", "span_list", "List the document's spans"),
    _b("linked-panel", "R", "linked_panel", "Show what the span is linked to"),
    _b("undo", "u", "undo", "Undo", show=True),
    _b("redo", "U", "redo", "Redo"),
    _b("search", "slash", "search", "Search", show=True),
    _b("search-backward", "", "search_backward", "Search backward"),
    _b("search-corpus", "F", "search_corpus", "Search the whole corpus"),
    _b("search-next", "n", "search_next", "Next match"),
    _b("search-prev", "N", "search_prev", "Previous match"),
    _b("suggest", "asterisk", "suggest", "Tag all like this"),
    _b("suggestions", "M", "suggestions", "Suggest dates, amounts, known entities"),
    _b("doc-done", "D", "doc_done", "Mark the document done"),
]

# ---- dialogs (modal: only their own bindings are active while one is open) ----

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
    _b("suggestion-corpus", "c", "widen", "Look in every document of the corpus, not only the open ones", show=True),
]

#: The machine's suggestions for the focused document (reader.annotate.suggestions).
SUGGESTIONS_BINDINGS: list[Binding] = [
    _b("suggestions-accept", "y", "accept", "Accept", show=True),
    _b("suggestions-reject", "n", "reject", "Reject (not suggested again)", show=True),
    _b("suggestions-relabel", "l", "relabel", "Accept with another label", show=True),
    _b("suggestions-accept-label", "A", "accept_label", "Accept all of this label", show=True),
]

#: The relations of one document (opened from the library).
RELATIONS_BINDINGS: list[Binding] = [
    _b("relation-confirm", "c,y", "decide('confirmed')", "Confirm the relation", show=True),
    _b("relation-reject", "r,n", "decide('rejected')", "Reject the relation", show=True),
    _b("relation-forget", "delete,backspace", "decide(None)", "Forget the decision"),
    _b("relation-open", "enter", "open_pair", "Open both side by side", show=True),
]

#: The curation screen (`reader curate`): one disagreement at a time.
CURATE_BINDINGS: list[Binding] = [
    _b("curate-next", "n,pagedown", "next_disagreement", "Next disagreement", show=True),
    _b("curate-prev", "p,pageup", "previous_disagreement", "Previous disagreement", show=True),
    _b("curate-version-next", "down", "version(1)", "Next version"),
    _b("curate-version-prev", "up", "version(-1)", "Previous version"),
    _b("curate-accept", "a,enter", "accept", "Accept the chosen version (as edited)", show=True),
    _b("curate-reject", "r", "reject", "Reject every version", show=True),
    _b("curate-start-earlier", "left_square_bracket", "move_boundary('start', -1)", "Edit: start one character earlier"),
    _b("curate-start-later", "right_square_bracket", "move_boundary('start', 1)", "Edit: start one character later"),
    _b("curate-end-earlier", "left_curly_bracket", "move_boundary('end', -1)", "Edit: end one character earlier"),
    _b("curate-end-later", "right_curly_bracket", "move_boundary('end', 1)", "Edit: end one character later"),
    _b("curate-edit-reset", "escape", "reset_edit", "Forget the boundary edit"),
    _b("curate-undo", "u", "undo", "Undo", show=True),
    _b("curate-redo", "U", "redo", "Redo"),
]

#: The dialogs' groups, by dialog (each dialog screen = "dialog" + its own group).
DIALOG_GROUPS: dict[str, list[Binding]] = {
    "dialog": DIALOG_BINDINGS,
    "claim-form": CLAIM_FORM_BINDINGS,
    "entity-finder": ENTITY_FINDER_BINDINGS,
    "link-type": LINK_TYPE_BINDINGS,
    "suggestion-review": SUGGESTION_REVIEW_BINDINGS,
    "suggestions": SUGGESTIONS_BINDINGS,
    "relations": RELATIONS_BINDINGS,
}

#: Every group, by where it is active (the docs and the keymap checks walk this).
ALL_GROUPS: dict[str, list[Binding]] = {
    "app": APP_BINDINGS,
    "pane": PANE_BINDINGS,
    "reading": READING_BINDINGS,
    "annotation": ANNOTATION_BINDINGS,
    "library": LIBRARY_BINDINGS,
    "help": HELP_BINDINGS,
    "curate": CURATE_BINDINGS,
    **DIALOG_GROUPS,
}
