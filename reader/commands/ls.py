"""`reader ls`: one row per document."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_paths_argument, document_label, load_or_fail, utf8_stdout
from reader.formats.json_text import dumps


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    add_paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


#: Metadata of news sources (reader.core.sources), null for other documents.
NEWS_KEYS = ("site", "date", "url", "author")


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def run(args: argparse.Namespace) -> int:
    result = load_or_fail(args.paths)
    utf8_stdout()
    out = sys.stdout
    for doc in result.documents:
        row = {
            "id": doc.id,
            "path": doc.path,
            "lang": doc.lang,
            "direction": doc.direction,
            "paragraphs": len(doc.paragraphs),
            "chars": len(doc.text),
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "title": doc.title,
            # What a page, feed item or archive record says of itself (null when nothing).
            **{key: _text_or_none(doc.meta.get(key)) for key in NEWS_KEYS},
        }
        if args.json:
            out.write(dumps(row) + "\n")
        else:
            # A file name is document-controlled too: no control character to the terminal.
            out.write(f"{document_label(doc)}\t{doc.lang}\t{doc.direction}\t{row['paragraphs']}\t{row['chars']}\n")
    return 1 if result.problems else 0
