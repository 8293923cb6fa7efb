"""docs/keymaps.md is generated; it must match bindings.py and keymaps/*.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_keymaps_doc_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "gen_keymaps_doc.py"), "--check"],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr


def test_keymaps_doc_lists_every_binding_id():
    from reader.tui.bindings import ALL_GROUPS

    text = (REPO / "docs" / "keymaps.md").read_text(encoding="utf-8")
    missing = [b.id for group in ALL_GROUPS.values() for b in group if f"| `{b.id}` |" not in text]
    assert missing == []
