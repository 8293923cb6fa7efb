"""What several subcommands share: loading documents and reporting bad input."""

from __future__ import annotations

import argparse
import io
import sys
from typing import cast

from reader.core.loading import LoadResult, load_documents
from reader.errors import ReaderError


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files (.txt, .md, .jsonl, .html, RSS/Atom .xml, .warc) or directories; default: the bundled seed articles",
    )


def load_or_fail(paths: list[str]) -> LoadResult:
    """Load `paths`, printing each problem on stderr; fail only if nothing loaded."""
    result = load_documents(paths)
    for problem in result.problems:
        say(str(problem))
    for note in result.notes:
        say(str(note))
    if not result.documents:
        raise ReaderError("no document could be loaded")
    return result


def document_label(document) -> str:
    """Where `document` comes from, for a person: its file, with its id when the file
    holds several documents (JSONL, a feed, a web archive), control characters shown as placeholders."""
    from reader.bidi.sanitize import visible
    from reader.core.loading import holds_many_documents

    several = holds_many_documents(document.path)
    return visible(f"{document.path} ({document.id})" if several else document.path)


def say(message: str) -> None:
    """One message for the user on stderr, "reader: …". Messages quote file names and
    document text, so every control character in them is shown as a placeholder."""
    from reader.bidi.sanitize import visible

    lines = message.split("\n")
    print("\n".join(["reader: " + visible(lines[0])] + [visible(line) for line in lines[1:]]), file=sys.stderr)


def terminal_text(text: str) -> str:
    """`text` for a terminal: lines and tabs kept, every other control character shown as
    its placeholder (reader.bidi.sanitize)."""
    from reader.bidi.sanitize import visible

    return "\n".join("\t".join(visible(cell) for cell in line.split("\t")) for line in text.split("\n"))


def utf8_stdout() -> None:
    """Write UTF-8 whatever the locale says (a C locale would turn Arabic into errors)."""
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        # The interpreter's own stdout is a TextIOWrapper (typeshed types it as TextIO).
        cast(io.TextIOWrapper, sys.stdout).reconfigure(encoding="utf-8")
