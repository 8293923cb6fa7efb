"""`reader project A B [--db PATH] [--json] [--apply]`: propose A's entity spans in its
aligned translation B (same number, same Latin name, transliteration, an alias of the
linked entity, a name `reader compare` finds misspelled); `--apply` adds them as one
undoable change. See docs/compare.md."""

from __future__ import annotations

import argparse
import sys

from reader.commands.align import resolve
from reader.commands.common import say, utf8_stdout
from reader.errors import ReaderError
from reader.formats.json_text import dumps
from reader.store.location import add_db_argument, resolve_db_path


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/compare.md.")
    parser.add_argument("a", metavar="A", help="the annotated document: a file or a bundled seed id (prefix)")
    parser.add_argument("b", metavar="B", help="its translation (or original), likewise")
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help='one JSON object: {"proposals": [...]}')
    parser.add_argument("--apply", action="store_true", help="add the proposals to the database (one undoable change)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.annotate.compare.projection import apply, propose
    from reader.bidi.layout import display_line
    from reader.store.database import AnnotationStore

    a, b = resolve(args.a), resolve(args.b)
    path = resolve_db_path(args.db)
    if not path.exists():
        raise ReaderError(f"{path}: no database there (tag entities in {a.id} first)")
    store = AnnotationStore.open(path, read_only=not args.apply)
    try:
        spans = store.spans(a.id, kind="entity")
        if not spans:
            raise ReaderError(f"{path}: no entity span of {a.id} to project")
        proposals = propose(a, b, spans, store.entities(), existing=store.spans(b.id))
        if args.apply and proposals:
            apply(store, b, proposals, description=f"project {len(proposals)} spans of {a.id} into {b.id}")
    finally:
        store.close()
    utf8_stdout()
    if args.json:
        sys.stdout.write(dumps({"proposals": [p.to_dict() for p in proposals]}) + "\n")
    else:
        for p in proposals:
            sys.stdout.write(f"{p.start}-{p.end} {p.label} {display_line(p.text)}  ({p.why})\n")
    if args.apply:
        say(f"added {len(proposals)} spans to {b.id} in {path} (undo with u in the reader)")
    return 0
