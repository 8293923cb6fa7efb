"""`reader curate DB`: decide, one at a time, the disagreements `reader merge` left."""

from __future__ import annotations

import argparse
import sys


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/agreement.md.")
    parser.add_argument("db", metavar="DB", help="the gold database `reader merge --into` made")
    parser.add_argument("--keymap", metavar="NAME|PATH", default=None,
                        help="key bindings: a bundled keymap name (see docs/keymaps.md) or a TOML file")
    parser.add_argument("--annotator", metavar="NAME", default="",
                        help="your name on the decisions (default: the login name)")
    parser.add_argument("--terminal-bidi", choices=("app", "terminal"), default="app",
                        help="who reorders right-to-left text (see docs/terminals.md)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.annotate.curation import Curation
    from reader.errors import ReaderError, UsageError
    from reader.store.database import AnnotationStore
    from reader.tui.keymap import resolve_keymap

    path = Path(args.db)
    if not path.exists():
        raise ReaderError(f"{path}: no database there (make one with `reader merge SOURCE... --into {path}`)")
    try:
        keymap = resolve_keymap(args.keymap)
    except ReaderError as error:
        if args.keymap:
            raise UsageError(str(error)) from None
        keymap = None
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise ReaderError("curation needs a terminal for its keys and its screen (standard input and "
                          "standard error); over SSH use `ssh -t HOST reader curate ...`")
    from reader.tui.curate_app import CurationApp

    with AnnotationStore.open(path, annotator=args.annotator) as store:
        if store.read_only:
            raise ReaderError(store.lock_message or f"{path}: the database is read-only")
        app = CurationApp(Curation(store), title=str(path), keymap=keymap, terminal_bidi=args.terminal_bidi)
        app.run()
    return app.return_code or 0
