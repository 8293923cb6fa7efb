"""`reader info`: which database is in use, why, whether it is locked, and what it holds."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import say, utf8_stdout
from reader.formats.json_text import dumps
from reader.store.journal import DatabaseFiles
from reader.store.location import add_db_argument, choose_db
from reader.store.lock import WriterLock


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--recover", action="store_true",
                        help="rebuild a damaged database from its last good copy and journal "
                        "(damaged files are kept beside it)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.store.database import AnnotationStore
    from reader.store.recovery import recover

    choice = choose_db(args.db)
    utf8_stdout()
    if args.recover:
        print(recover(choice.path))
    if not DatabaseFiles.at(choice.path).present():
        info = {"database": str(choice.path), "chosen_by": choice.reason, "exists": False}
        _print(info, args.json)
        return 0
    # Probe the lock, then read without it: `info` never migrates, compacts or writes.
    lock = WriterLock(DatabaseFiles.at(choice.path))
    holder = None
    if lock.acquire("reader info"):
        lock.release()
    else:
        holder = lock.holder()
    store = AnnotationStore.open(choice.path, read_only=True)
    try:
        info = {
            "database": str(store.path),
            "chosen_by": choice.reason,
            "exists": True,
            "schema_version": store.migrated_from or store.schema_version,
            "read_only": holder is not None,
            "locked_by": holder,
            **store.counts(),
            "notices": store.notices,
        }
    finally:
        store.close()
    for notice in info["notices"]:
        say(f"warning: {notice}")
    _print(info, args.json)
    return 0


def _print(info: dict, as_json: bool) -> None:
    out = sys.stdout
    if as_json:
        out.write(dumps(info) + "\n")
        return
    out.write(f"database   {info['database']}\n")
    out.write(f"chosen by  {info['chosen_by']}\n")
    if not info["exists"]:
        out.write("status     not created yet (it is created on the first annotation)\n")
        return
    if info["read_only"]:
        out.write(f"status     locked by {info['locked_by']}: other processes get read-only access\n")
    else:
        out.write("status     not in use by another process (writable)\n")
    out.write(f"schema     version {info['schema_version']}\n")
    out.write(f"documents  {info['documents']} ({info['documents_done']} done)\n")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(info["spans_by_kind"].items())) or "none"
    out.write(f"spans      {info['spans']} ({kinds}; {info['spans_to_review']} to review)\n")
    for label, count in info["spans_by_label"].items():
        out.write(f"  {label:<12}{count}\n")
    out.write(f"entities   {info['entities']}\n")
    types = ", ".join(f"{k} {v}" for k, v in sorted(info["links_by_type"].items())) or "none"
    out.write(f"links      {info['links']} ({types})\n")
    out.write(f"history    {info['undo']} changes to undo, {info['redo']} to redo\n")
