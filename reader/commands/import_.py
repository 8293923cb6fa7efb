"""`reader import`: read annotations from a file and add them to the database, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands.common import say
from reader.commands.export import progress, warn
from reader.errors import ReaderError
from reader.formats import DEFAULT_FORMAT, IMPORT_FORMATS, format_module
from reader.store.journal import DatabaseFiles
from reader.store.location import add_db_argument, resolve_db_path


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/formats.md.")
    parser.add_argument("path", metavar="PATH", help="the file to import (a directory for brat)")
    parser.add_argument("--format", "-f", choices=list(IMPORT_FORMATS), default=DEFAULT_FORMAT,
                        help=f"input format (default: {DEFAULT_FORMAT})")
    add_db_argument(parser)
    parser.add_argument("--schema", metavar="TOML", help="label schema to check labels against (default: the shipped one)")
    parser.add_argument("--annotator", default="", help="name recorded in the database journal for this import")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.store.database import AnnotationStore
    from reader.store.labels import load_schema

    source = Path(args.path)
    if not source.exists():
        raise ReaderError(f"{source}: no such file or directory")
    labels = set(load_schema(args.schema).labels)
    module = format_module(args.format)
    warnings: list[str] = []
    steps = progress(f"importing {source.name}", 2)
    annotations = None
    for step in steps(["read", "save"]):
        if step == "read":
            annotations = module.load(source, labels, warnings)
            continue
        db = DatabaseFiles.at(resolve_db_path(args.db))
        before = {path for path in db.all_paths() if path.exists()}
        try:
            store = AnnotationStore.open(db.snapshot, annotator=args.annotator)
            try:
                if store.read_only:
                    raise ReaderError(store.lock_message or f"{store.path}: the database is read-only")
                assert annotations is not None  # the "read" step came first
                store.apply(annotations)
            finally:
                store.close()
        except BaseException:
            if not before:
                _remove_new_database(db)
            raise
    for message in warnings:
        warn(message)
    assert annotations is not None
    say(f"imported {len(annotations.documents)} documents, {len(annotations.spans)} spans, "
        f"{len(annotations.entities)} entities, {len(annotations.links)} links from {source}")
    return 0


def _remove_new_database(db) -> None:
    """The import was to create the database at `db` and failed: leave no empty database
    behind. Only while holding its lock (another process may have created it meanwhile)."""
    from reader.store.lock import WriterLock

    lock = WriterLock(db)
    try:
        if not lock.acquire("import (cleaning up)"):
            return
    except OSError:
        return
    try:
        for path in db.all_paths():
            if path != db.lock:
                path.unlink(missing_ok=True)
    finally:
        lock.release()
    db.lock.unlink(missing_ok=True)
