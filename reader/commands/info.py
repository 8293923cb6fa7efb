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
        _write_lines([recover(choice.path)])
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
    for notice in store.notices:
        say(f"warning: {notice}")
    _print(info, args.json)
    return 0


def _print(info: dict, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(dumps(info) + "\n")  # every control escaped (reader.formats.json_text)
        return
    _write_lines(_lines(info))


def _write_lines(lines: list[str]) -> None:
    """Print `lines`; labels, ids, the lock holder's note… come from files anyone may have
    written, so every control character is shown as a placeholder (reader.bidi.sanitize)."""
    from reader.bidi.sanitize import visible

    sys.stdout.write("".join(visible(line) + "\n" for line in lines))


def _lines(info: dict) -> list[str]:
    lines = [f"database   {info['database']}", f"chosen by  {info['chosen_by']}"]
    if not info["exists"]:
        return lines + ["status     not created yet (it is created on the first annotation)"]
    if info["read_only"]:
        lines.append(f"status     locked by {info['locked_by']}: other processes get read-only access")
    else:
        lines.append("status     not in use by another process (writable)")
    lines.append(f"schema     version {info['schema_version']}")
    lines.append(f"documents  {info['documents']} ({info['documents_done']} done)")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(info["spans_by_kind"].items())) or "none"
    lines.append(f"spans      {info['spans']} ({kinds}; {info['spans_to_review']} to review)")
    for label, count in info["spans_by_label"].items():
        lines.append(f"  {label:<12}{count}")
    lines.append(f"entities   {info['entities']}")
    types = ", ".join(f"{k} {v}" for k, v in sorted(info["links_by_type"].items())) or "none"
    lines.append(f"links      {info['links']} ({types})")
    lines.append(f"history    {info['undo']} changes to undo, {info['redo']} to redo")
    return lines
