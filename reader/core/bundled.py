"""Data that ships with reader: the seed corpus and the keymaps.

In the repository they live at the top level (`seeds/`, `keymaps/`); the wheel carries
them as `reader/_data/…` (see pyproject.toml), so both an editable install and a plain
`pip install` find them here.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The directory of bundled data `name` ("seeds" or "keymaps")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled data '{name}' is missing from this installation")


@lru_cache(maxsize=1)
def seeds_dir() -> Path:
    return data_dir("seeds").resolve()


@lru_cache(maxsize=1)
def seed_catalog() -> dict[str, Any]:
    """The parsed `seeds/catalog.toml`: documents by file name, and their relations."""
    import tomllib  # not on the path of commands that never read the catalog

    with open(seeds_dir() / "catalog.toml", "rb") as handle:
        return tomllib.load(handle)


def catalog_entry(path: str | Path) -> dict[str, Any]:
    """What the seed catalog knows about `path` (empty for files that are not seeds)."""
    directory = os.path.dirname(os.path.abspath(path))
    # Cheap checks first: a corpus of 10k files must not pay a realpath (or the
    # catalog's parsing) each.
    if os.path.basename(directory) != seeds_dir().name:
        return {}
    entry = _catalog_by_name().get(os.path.basename(path))
    if entry is None or Path(directory).resolve() != seeds_dir():
        return {}
    return dict(entry)


@lru_cache(maxsize=1)
def _catalog_by_name() -> dict[str, dict[str, Any]]:
    return {
        entry["file"]: {k: v for k, v in entry.items() if k != "file"}
        for entry in seed_catalog().get("document", [])
    }
