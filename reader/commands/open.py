"""`reader [PATH...]`: open the reader on documents (the bundled seeds by default)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from collections.abc import Sequence

from reader.commands.common import add_paths_argument, say
from reader.core.document import Document
from reader.core.corpus import Corpus, as_corpus
from reader.core.lazy_loading import LazyCorpus
from reader.errors import ReaderError, UsageError


def register(subparsers, name: str, summary: str) -> None:
    from reader.store.location import add_db_argument

    parser = subparsers.add_parser(name, help=summary, description=summary)
    add_paths_argument(parser)
    add_db_argument(parser)
    parser.add_argument("--keymap", metavar="NAME|PATH", default=None,
                        help="key bindings: a bundled keymap name (see docs/keymaps.md) or a TOML file")
    parser.add_argument("--terminal-bidi", choices=("app", "terminal"), default="app",
                        help="who reorders right-to-left text: the reader (default; asks the terminal "
                        "for explicit mode) or the terminal itself (see docs/terminals.md)")
    parser.add_argument("--annotator", metavar="NAME", default="",
                        help="your name in the annotations you make (default: the login name)")
    parser.set_defaults(func=run)


def first_panes(documents: Sequence[Document] | Corpus, paths: list[str]) -> list[int]:
    """Indices of the documents shown first (a list or a LazyCorpus: no file is read).

    No path: the seeds' first translation pair (original, translation) from the catalog.
    Two paths: the first document of each, side by side. Otherwise the first document.
    """
    if not paths:
        from reader.core.bundled import seed_catalog

        by_id = {doc_id: i for i, doc_id in enumerate(as_corpus(documents).ids)}
        for relation in seed_catalog().get("relation", []):
            if relation.get("type") == "translation" and relation.get("a") in by_id and relation.get("b") in by_id:
                return [by_id[relation["b"]], by_id[relation["a"]]]
        return [0]
    if len(paths) == 2:
        corpus = as_corpus(documents)
        first, second = (_first_under(corpus, path) for path in paths)
        if first is not None and second is not None and first != second:
            return [first, second]
    return [0]


def _first_under(corpus: Corpus, path: str) -> int | None:
    root = Path(path).resolve()
    for i, doc_id in enumerate(corpus.ids):
        here = Path(corpus.path_of(doc_id)).resolve()
        if here == root or root in here.parents:
            return i
    return None


def reader_app() -> type:
    """The ReaderApp class, imported (Textual with it) with the garbage collector paused.

    Those imports create hundreds of thousands of objects that live until the process
    ends; the collector's young-generation passes over them while they are being made
    cost ~10 ms of start-up, and find nearly nothing (~600 objects). The collector comes
    back when the app has painted its first screen (``ReaderApp.run`` keeps it off until
    then and freezes what exists), or when the run ends.
    """
    gc.disable()
    try:
        from reader.tui.app import ReaderApp  # Textual only for this command
    except BaseException:
        gc.enable()
        raise
    return ReaderApp


def _web_driver() -> bool:
    """True when Textual will use its web driver (`reader serve` starts each visitor's
    reader so, through textual-serve): keys and screen then travel in packets on
    standard input and output, to a browser, and no terminal is needed."""
    return os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver:")


def run(args: argparse.Namespace) -> int:
    from reader.store.location import resolve_db_path

    # Listed now, read when shown: a corpus of 10k files opens as fast as five.
    corpus = LazyCorpus(args.paths)
    shown = first_panes(corpus, args.paths) if len(corpus) else []
    failed = [i for i in shown if not corpus[i].text]
    for problem in corpus.problems:
        say(str(problem))
    for note in corpus.notes:  # archive records skipped, pages opened whole (read so far)
        say(str(note))
    if not len(corpus) or len(failed) == len(corpus):
        raise ReaderError("no document could be loaded")
    resolved_keymap = None
    if args.keymap:
        # Read now, not after the first paint: a keymap the user named that cannot be
        # used (no such name, not TOML) is reported before the screen opens.
        from reader.tui.keymap import resolve_keymap

        try:
            resolved_keymap = resolve_keymap(args.keymap)
        except ReaderError as error:
            raise UsageError(str(error)) from None
    if _web_driver():
        from reader.commands.serve import end_with_server

        end_with_server()
    elif not (sys.stdin.isatty() and sys.stderr.isatty()):
        # Textual reads keys from standard input and draws on standard error: without
        # both, the screen would go to a file or the keys never come (a hang).
        raise ReaderError(
            "the reader needs a terminal for its keys and its screen (standard input and "
            "standard error); over SSH use `ssh -t HOST reader ...`; to print documents "
            "instead: `reader render PATH`"
        )
    ReaderApp = reader_app()  # noqa: N806 - a class
    try:
        app = ReaderApp(
            corpus,
            [i for i in shown if i not in failed] or [next(i for i in range(len(corpus)) if i not in failed)],
            db_path=resolve_db_path(args.db),
            keymap=args.keymap,
            resolved_keymap=resolved_keymap,
            terminal_bidi=args.terminal_bidi,
            annotator=args.annotator,
            problems=[str(problem) for problem in corpus.problems],
        )
        app.run()
    finally:
        gc.enable()  # paused by reader_app (the app turns it on at its first paint)
    return app.return_code or 0
