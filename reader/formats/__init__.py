"""Annotation import/export formats: pure functions from an AnnotationSet to files and back.

Each format is a module here exposing:

- `DIRECTORY`: True when the export is a directory of files (brat), False for one file;
- `dump(annotations, track=...) -> Dump`: the files to write, plus warnings for what the
  format could not carry (never a silent drop);
- `load(path, labels) -> AnnotationSet`: the whole file (or directory) validated, or
  `ImportRejected` naming the file, line and reason of every bad record.

Modules are imported only for the format asked for (see `format_module`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: format name -> module under reader.formats
FORMATS: dict[str, str] = {
    "jsonl": "jsonl",
    "prodigy": "prodigy",
    "doccano": "doccano",
    "labelstudio": "labelstudio",
    "brat": "brat",
    "conll": "conll",
    "claimreview": "claimreview",
    "fever": "fever",
}
#: Formats that are written only (fact-check records): `reader import` does not offer them.
EXPORT_ONLY = frozenset({"claimreview", "fever"})
#: The formats that go both ways.
IMPORT_FORMATS: tuple[str, ...] = tuple(name for name in FORMATS if name not in EXPORT_ONLY)

DEFAULT_FORMAT = "jsonl"


def format_module(name: str) -> ModuleType:
    """The module implementing format `name` (a key of FORMATS)."""
    return importlib.import_module(f"reader.formats.{FORMATS[name]}")
