"""`reader render`: print documents as the reader lays them out (for SSH, pipes, tests).

Every line of a document is a paragraph; each is laid out by reader.bidi.layout
exactly as the TUI lays it out, RTL paragraphs right-aligned to the width with left
padding. Output is UTF-8 whatever the locale, and never contains a terminal control
from the document (see reader.bidi.sanitize).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from reader.bidi.layout import layout_document
from reader.commands.common import add_paths_argument, document_label, load_or_fail, utf8_stdout

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
    parser.add_argument(
        "--jobs", type=_positive, metavar="N",
        help="processes laying out a large document (default: 2 if a second CPU is idle, else 1)",
    )
    parser.set_defaults(func=run, leave_at_once=True)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
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
    # Laying out makes hundreds of thousands of small lists and tuples but almost no
    # reference cycles (~250 objects' worth for 2 MB, measured): the collector's
    # passes over them cost ~7 % of the time of a large document and find next to
    # nothing. Paused for the command only.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    result = load_or_fail(args.paths)
    utf8_stdout()
    width = None if args.no_wrap else (args.width or _default_width())
    options = {"shape": not args.no_shape, "show_invisibles": args.show_invisibles, "order": args.order}
    several = len(result.documents) > 1
    for number, doc in enumerate(result.documents):
        if several:
            # Only with several documents, so that one document's output stays pure.
            sys.stdout.write(("\n" if number else "") + f"==> {document_label(doc)} <==\n")
        base = args.base
        if base == "auto" and doc.meta.get("direction") in ("ltr", "rtl"):
            base = doc.meta["direction"]
        paragraphs = doc.text.split("\n")
        if len(paragraphs) > 1 and paragraphs[-1] == "":
            paragraphs.pop()  # the final newline ends the last line; it is not a blank line
        jobs = args.jobs or _default_jobs()
        if jobs > 1 and len(doc.text) >= FORK_MIN_CHARS:
            _write_forked(paragraphs, jobs, width, base, options)
        else:
            sys.stdout.write(_render(paragraphs, width, base, options))
    sys.stdout.flush()
    return 1 if result.problems else 0


def _render(paragraphs: list[str], width: int | None, base: str, options: dict) -> str:
    """The output for ``paragraphs`` (one per input line), each screen line ending in
    a newline."""
    out: list[str] = []
    for line, (rtl, lines) in zip(paragraphs, layout_document(paragraphs, width, base, **options)):
        if not line or (width is not None and not line.strip()):
            out.append("")  # blank lines separate paragraphs; keep them
            continue
        if rtl and width:
            # Right-aligned: left padding as VisualLine.pad (none if a line overflows).
            out.extend([" " * (width - cells) + text for text, cells, _, _ in lines])
        else:
            out.extend([text for text, _, _, _ in lines])
    out.append("")  # so that the output ends with a newline (no copy of the whole)
    return "\n".join(out)


#: Documents at least this long (code points) are laid out by several processes when
#: --jobs allows: paragraphs are independent, and a fork costs a few milliseconds.
FORK_MIN_CHARS = 400_000


def _default_jobs() -> int:
    """Two processes when a second CPU is ours and idle (POSIX: os.fork; the load
    average of the last minute leaves a CPU free), else one: on a busy machine a
    second process only competes with the first."""
    if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return 1
    cpus = len(os.sched_getaffinity(0))
    try:
        busy = os.getloadavg()[0]
    except OSError:
        return 1
    return 2 if cpus >= 2 and busy <= cpus - 1 else 1


def _parts(paragraphs: list[str], count: int) -> list[list[str]]:
    """``paragraphs`` cut into ``count`` consecutive parts of about the same length."""
    total = sum(map(len, paragraphs)) + len(paragraphs)
    parts, start, size = [], 0, 0
    for index, paragraph in enumerate(paragraphs):
        size += len(paragraph) + 1
        if size * count >= total * (len(parts) + 1) and len(parts) < count - 1:
            parts.append(paragraphs[start : index + 1])
            start = index + 1
    parts.append(paragraphs[start:])
    return parts


def _write_forked(paragraphs: list[str], jobs: int, width: int | None, base: str, options: dict) -> None:
    """Write what _render gives for ``paragraphs``, laid out by ``jobs`` processes:
    this one takes the first part, forked children the others and send their UTF-8
    output through a pipe once done. Written in order; a part whose child failed is
    laid out here."""
    parts = _parts(paragraphs, jobs)
    sys.stdout.flush()  # nothing buffered may be written twice
    children = []
    for part in parts[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # a child: lay out, send, leave without any clean-up of ours
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(_render(part, width, base, options).encode("utf-8"))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, part))
    try:
        sys.stdout.write(_render(parts[0], width, base, options))
        while children:
            pid, read_end, part = children.pop(0)
            with os.fdopen(read_end, "rb") as pipe:
                sent = pipe.read()
            if os.waitpid(pid, 0)[1] == 0:
                _write_utf8(sent)
            else:
                sys.stdout.write(_render(part, width, base, options))
    finally:
        for pid, read_end, _ in children:  # after an error here: let them end, reap them
            os.close(read_end)
            os.waitpid(pid, 0)


def _write_utf8(data: bytes) -> None:
    """Write UTF-8 bytes after what sys.stdout holds (decoded if it has no buffer)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
