"""Going to a place in any loaded document: the pane showing it, opened if needed."""

from __future__ import annotations

from typing import Any

from reader.core.lazy_loading import find_document


async def open_document_at(app: Any, doc_id: str, offset: int) -> Any | None:
    """Focus the pane showing ``doc_id`` (opening one if needed) with the cursor on
    ``offset``; returns its view, or None if the document is not loaded."""
    reading = getattr(app, "reading", None)
    document = find_document(getattr(app, "documents", []), doc_id)
    if reading is None or document is None:
        app.notify(f"document {doc_id} is not loaded (open it with reader PATH)", severity="warning")
        return None
    await reading.open_document(document)
    for pane in reading.panes:
        if pane.document is document:
            pane.view.move_cursor(offset, center=True)
            pane.view.focus()
            return pane.view
    return None
