"""`reader [PATH...]`: open the reader on documents."""

from __future__ import annotations

import argparse

from reader.commands.common import add_paths_argument, load_or_fail


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    add_paths_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = load_or_fail(args.paths)
    for doc in result.documents:
        print(f"{doc.id}\t{doc.lang}\t{doc.direction}\t{doc.title}")
    return 0
