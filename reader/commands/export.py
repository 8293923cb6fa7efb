"""`reader export`: write the annotations of the database in one of the formats."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.commands.common import say, terminal_text
from reader.errors import ReaderError, UsageError
from reader.formats import DEFAULT_FORMAT, FORMATS, format_module
from reader.store.journal import DatabaseFiles
from reader.store.location import add_db_argument, resolve_db_path
from reader.store.model import SPAN_KINDS

if TYPE_CHECKING:
    from reader.formats.output import Track

T = TypeVar("T")


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/formats.md.")
    parser.add_argument("--format", "-f", choices=list(FORMATS), default=DEFAULT_FORMAT,
                        help=f"output format (default: {DEFAULT_FORMAT})")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="file to write (a new directory for brat); default: standard output")
    add_db_argument(parser)
    parser.add_argument("--kind", choices=SPAN_KINDS, action="append", help="only spans of this kind (repeatable)")
    parser.add_argument("--label", nargs="+", action="extend", metavar="L", help="only spans with these labels")
    parser.add_argument("--doc", nargs="+", action="extend", metavar="ID", help="only these documents")
    parser.add_argument("--relations", action="store_true",
                        help="doccano: write the relation form (entities/relations) instead of label triples")
    parser.set_defaults(func=run)


def progress(description: str, total: int | None = None) -> Track:
    """A function wrapping an iterable in a progress bar on stderr when stderr is a
    terminal, and returning it untouched otherwise (pipes and logs stay clean)."""
    if not sys.stderr.isatty():
        def untouched(items: Iterable[T]) -> Iterable[T]:
            return items

        return untouched

    def track(items: Iterable[T]) -> Iterator[T]:
        from rich.console import Console
        from rich.progress import track as rich_track

        yield from rich_track(items, description=description, total=total, console=Console(stderr=True), transient=True)

    return track


def warn(message: str) -> None:
    say(f"warning: {message}")


def run(args: argparse.Namespace) -> int:
    from reader.formats.output import write_dump
    from reader.formats.selection import select
    from reader.store.database import AnnotationStore

    module = format_module(args.format)
    if module.DIRECTORY and not args.output:
        raise UsageError(f"--format {args.format} writes a directory: give it with -o PATH")
    if args.relations and args.format != "doccano":
        raise UsageError("--relations applies to --format doccano only")
    path = resolve_db_path(args.db)
    if not DatabaseFiles.at(path).present():
        raise ReaderError(f"{path}: no database there (nothing to export)")
    store = AnnotationStore.open(path, read_only=True)
    try:
        annotations = store.snapshot()
        for notice in store.notices:
            warn(notice)
    finally:
        store.close()
    unknown = sorted(set(args.doc or ()) - {d.id for d in annotations.documents})
    if unknown:
        raise ReaderError(f"{path}: no document {', '.join(unknown)} in the database")
    chosen = select(annotations, kinds=args.kind, labels=args.label, doc_ids=args.doc)
    options: dict = {"relations": True} if args.relations else {}
    if args.format == "claimreview":
        from reader.store.labels import load_schema

        options["verdicts"] = load_schema().verdicts  # the rating scale of the label schema
    dump = module.dump(chosen, track=progress(f"exporting {args.format}", len(chosen.documents)), **options)
    for message in dump.warnings:
        warn(message)
    if args.output:
        write_dump(dump, Path(args.output), module.DIRECTORY)
        where = args.output
    else:
        from reader.commands.common import utf8_stdout

        utf8_stdout()
        text = dump.single
        if sys.stdout.isatty():
            # Shown, not stored: a terminal must not obey a control character from the
            # database (JSON formats escape them anyway; CoNLL and labels are raw text).
            text = terminal_text(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        where = "standard output"
    say(f"exported {len(chosen.documents)} documents, {len(chosen.spans)} spans, "
        f"{len(chosen.entities)} entities, {len(chosen.links)} links as {args.format} to {where}")
    return 0
