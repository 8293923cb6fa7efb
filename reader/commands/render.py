"""`reader render`: print documents as the reader lays them out (for SSH, pipes, tests).

Every line of a document is a paragraph; each is laid out by reader.bidi.layout
exactly as the TUI lays it out, RTL paragraphs right-aligned to the width with left
padding. Output is UTF-8 whatever the locale, and never contains a terminal control
from the document (see reader.bidi.sanitize).
"""

from __future__ import annotations

import argparse
import os
import sys

from reader.bidi.layout import layout_texts
from reader.commands.common import add_paths_argument, load_or_fail, utf8_stdout

SUMMARY = "print documents laid out for the terminal (bidi, shaping, wrapping)"


def register(subparsers, name: str = "render", summary: str = SUMMARY) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    add_paths_argument(parser)
    wrap = parser.add_mutually_exclusive_group()
    wrap.add_argument(
        "--width", type=_positive, metavar="N",
        help="wrap paragraphs to N cells (default: the terminal's width, 80 in a pipe)",
    )
    wrap.add_argument("--no-wrap", action="store_true", help="one output line per input line, no padding")
    parser.add_argument(
        "--base", choices=("auto", "ltr", "rtl"), default="auto",
        help="paragraph direction (default: auto, from the first strong character)",
    )
    parser.add_argument("--no-shape", action="store_true", help="do not shape Arabic-script letters")
    parser.add_argument(
        "--show-invisibles", action="store_true",
        help="show bidi controls, ZWJ/ZWNJ, soft hyphens... as placeholders",
    )
    parser.add_argument(
        "--order", choices=("visual", "logical"), default="visual",
        help="visual: reordered here (most terminals); logical: for terminals doing their own bidi",
    )
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("the width must be at least 1")
    return number


def _default_width() -> int:
    """The terminal's width as shutil.get_terminal_size gives it (COLUMNS first),
    80 in a pipe. (shutil itself costs ~2 ms of start-up: bz2, lzma...)."""
    if not sys.stdout.isatty():
        return 80
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except OSError:
        return 80


def run(args: argparse.Namespace) -> int:
    result = load_or_fail(args.paths)
    utf8_stdout()
    width = None if args.no_wrap else (args.width or _default_width())
    write = sys.stdout.write
    several = len(result.documents) > 1
    for number, doc in enumerate(result.documents):
        if several:
            # Only with several documents, so that one document's output stays pure.
            write(("\n" if number else "") + f"==> {doc.path} <==\n")
        base = args.base
        if base == "auto" and doc.meta.get("direction") in ("ltr", "rtl"):
            base = doc.meta["direction"]
        out: list[str] = []
        for line in doc.text.split("\n"):
            if not line or (width is not None and not line.strip()):
                out.append("")  # blank lines separate paragraphs; keep them
                continue
            rtl, lines = layout_texts(
                line, width, base, shape=not args.no_shape,
                show_invisibles=args.show_invisibles, order=args.order,
            )
            if rtl and width:
                # Right-aligned: left padding as VisualLine.pad (none if a line overflows).
                out.extend([" " * (width - cells) + text for text, cells, _, _ in lines])
            else:
                out.extend([text for text, _, _, _ in lines])
        if out and out[-1] == "" and doc.text.endswith("\n"):
            out.pop()  # the final newline ends the last line; it is not a blank line
        out.append("")  # so that the output ends with a newline (no copy of the whole)
        write("\n".join(out))
    sys.stdout.flush()
    return 1 if result.problems else 0
