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
import signal
import sys
from collections.abc import Callable, Iterator

from reader.bidi.layout import LONG_PARAGRAPH, layout_document, layout_long_paragraph
from reader.commands.common import add_paths_argument, document_label, say, utf8_stdout
from reader.errors import ReaderError

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
    from reader.core.loading import iter_documents

    problems: list = []
    notes: list = []  # not problems: the exit status stays 0 (reader.core.loading.LoadNote)
    documents = _reported(iter_documents(args.paths, problems, notes), problems)
    document = next(documents, None)
    if document is None:
        raise ReaderError("no document could be loaded")
    utf8_stdout()
    width = None if args.no_wrap else (args.width or _default_width())
    options = {"shape": not args.no_shape, "show_invisibles": args.show_invisibles, "order": args.order}
    # One document at a time: the next one is read only to know whether there are
    # several (then each gets a header), and while this one is written.
    following = next(documents, None)
    several = following is not None
    number = 0
    while document is not None:
        if several:
            # Only with several documents, so that one document's output stays pure.
            sys.stdout.write(("\n" if number else "") + f"==> {document_label(document)} <==\n")
        base = args.base
        if base == "auto" and document.meta.get("direction") in ("ltr", "rtl"):
            base = document.meta["direction"]
        text = document.text
        jobs = args.jobs or _default_jobs()
        if jobs > 1 and len(text) >= FORK_MIN_CHARS:
            _write_forked(text, jobs, width, base, options)
        else:
            _write_range(text, 0, len(text), width, base, options, sys.stdout.write)
        document, following, number = following, None, number + 1
        if document is not None:
            following = next(documents, None)
    sys.stdout.flush()
    for note in notes:
        say(str(note))
    return 1 if problems else 0


def _reported(documents: Iterator, problems: list) -> Iterator:
    """``documents`` as they come, each problem met on the way said on stderr at once."""
    said = 0
    while True:
        document = next(documents, None)
        for problem in problems[said:]:
            say(str(problem))
        said = len(problems)
        if document is None:
            return
        yield document


#: Short paragraphs are laid out together (`layout_document` makes their forms and
#: levels at once) up to this many code points, then written: what is held at a time
#: does not grow with the document.
BATCH_CHARS = 1 << 18


def _write_range(
    text: str, start: int, end: int, width: int | None, base: str, options: dict, write: Callable[[str], object]
) -> None:
    """Write the output for the paragraphs of ``text[start:end]`` (``start`` and ``end``
    where paragraphs start, or the text's end) with ``write``, a batch of paragraphs at
    a time; a wrapped paragraph longer than LONG_PARAGRAPH window by window."""
    batch: list[str] = []
    size = 0
    for first, last in _paragraph_spans(text, start, end):
        if width is not None and last - first > LONG_PARAGRAPH:
            if batch:
                write(_render(batch, width, base, options))
                batch, size = [], 0
            _write_long(text[first:last], width, base, options, write)
            continue
        batch.append(text[first:last])
        size += last - first + 1
        if size >= BATCH_CHARS:
            write(_render(batch, width, base, options))
            batch, size = [], 0
    if batch:
        write(_render(batch, width, base, options))


def _paragraph_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(first, last)`` of each paragraph (input line) of ``text[start:end]``. The final
    newline of the text ends its last line, it does not open an empty one; an empty
    text is one empty paragraph."""
    if not text:
        yield 0, 0
        return
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        if newline < 0:
            yield position, end
            return
        yield position, newline
        position = newline + 1


def _write_long(paragraph: str, width: int, base: str, options: dict, write: Callable[[str], object]) -> None:
    """Write one long wrapped paragraph as `_render` would, a window of it at a time."""
    if not paragraph.strip():
        write("\n")  # blank: as _render writes it
        return
    rtl, windows = layout_long_paragraph(paragraph, width, base, **options)
    for lines in windows:
        write(_lines(lines, rtl, width) + "\n")


def _lines(lines: list, rtl: bool, width: int | None) -> str:
    """Screen lines as written, RTL ones right-aligned to ``width`` with left padding
    as VisualLine.pad (none if a line overflows), without a final newline."""
    if rtl and width:
        return "\n".join([" " * (width - cells) + text for text, cells, _, _ in lines])
    return "\n".join([text for text, _, _, _ in lines])


def _render(paragraphs: list[str], width: int | None, base: str, options: dict) -> str:
    """The output for ``paragraphs`` (one per input line), each screen line ending in
    a newline."""
    out: list[str] = []
    for line, (rtl, lines) in zip(paragraphs, layout_document(paragraphs, width, base, **options)):
        if not line or (width is not None and not line.strip()):
            out.append("")  # blank lines separate paragraphs; keep them
            continue
        out.append(_lines(lines, rtl, width))
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


def _parts(text: str, count: int) -> list[tuple[int, int]]:
    """``text`` cut into ``count`` consecutive ranges of about the same length, each
    cut just after a newline (a range may be empty when the paragraphs are few)."""
    n = len(text)
    bounds = [0]
    for k in range(1, count):
        cut = text.find("\n", max(bounds[-1], n * k // count))
        bounds.append(n if cut < 0 else cut + 1)
    bounds.append(n)
    return list(zip(bounds, bounds[1:]))


def _write_forked(text: str, jobs: int, width: int | None, base: str, options: dict) -> None:
    """Write what _write_range gives for ``text``, laid out by ``jobs`` processes: this
    one takes the first part, forked children the others, each writing its output to
    a temporary file (so memory stays bounded and no child waits for a pipe to be
    read) that is copied out in order once this one is done. A part whose child failed
    is laid out here."""
    import tempfile

    parts = _parts(text, jobs)
    sys.stdout.flush()  # nothing buffered may be written twice
    children = []
    for part in parts[1:]:
        spool = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # a child: lay out, spool, leave without any clean-up of ours
            status = 1
            try:
                _write_range(text, *part, width, base, options, lambda out: spool.write(out.encode("utf-8")))
                spool.flush()
                status = 0
            finally:
                os._exit(status)
        children.append((pid, spool, part))
    try:
        _write_range(text, *parts[0], width, base, options, sys.stdout.write)
        while children:
            pid, spool, part = children.pop(0)
            with spool:
                if os.waitpid(pid, 0)[1] == 0:
                    spool.seek(0)
                    while chunk := spool.read(1 << 20):
                        _write_utf8(chunk)
                else:
                    _write_range(text, *part, width, base, options, sys.stdout.write)
    finally:
        for pid, spool, _ in children:  # after an error here: stop them, reap them
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
            spool.close()


def _write_utf8(data: bytes) -> None:
    """Write UTF-8 bytes after what sys.stdout holds (decoded if it has no buffer)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
