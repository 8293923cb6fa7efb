"""`reader compare A B [--json] [--db PATH]`: what did the translation change?

The discrepancies between the aligned paragraphs of A and B (numbers, ordinals, dates,
names; see docs/compare.md). With a database, the user's entities and their aliases
count as known names too (a mention in one script, its alias in the other).
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.align import resolve
from reader.commands.common import utf8_stdout
from reader.formats.json_text import dumps


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/compare.md.")
    parser.add_argument("a", metavar="A", help="a file, or the id (or id prefix, e.g. 000) of a bundled seed")
    parser.add_argument("b", metavar="B", help="its translation (or the original), likewise")
    parser.add_argument("--json", action="store_true", help="one JSON object: a, b, pairs, discrepancies")
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="also use the entities and aliases of this annotation database (default: none)")
    parser.set_defaults(func=run)


def user_gazetteer(db: str | None):
    """The shipped gazetteer, with the entities of database `db` when one is named."""
    from reader.annotate.compare.gazetteer import shipped

    if db is None:
        return shipped()
    from pathlib import Path

    from reader.errors import ReaderError
    from reader.store.database import AnnotationStore

    if not Path(db).exists():
        raise ReaderError(f"{db}: no database there")
    store = AnnotationStore.open(db, read_only=True)
    try:
        return shipped().with_entities(store.entities())
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    from reader.annotate.compare import compare_documents
    from reader.bidi.layout import display_line
    from reader.bidi.sanitize import visible

    a, b = resolve(args.a), resolve(args.b)
    comparison = compare_documents(a, b, gazetteer=user_gazetteer(args.db))
    utf8_stdout()
    out = sys.stdout
    if args.json:
        out.write(dumps(comparison.to_dict()) + "\n")
        return 0
    found = comparison.discrepancies
    out.write(f"A = {visible(a.id)} ({a.lang}), B = {visible(b.id)} ({b.lang}): "
              f"{len(comparison.alignment.pairs)} aligned pairs, {len(found)} discrepancies\n")
    # One discrepancy a line; the note may mix scripts, so it is laid out for the terminal.
    for item in found:
        i, j = item.paragraphs
        out.write(f"¶{i}↔¶{j} {display_line(item.note)}\n")
    return 0
