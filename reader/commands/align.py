"""`reader align A B [--json]`: the paragraph alignment of two documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import utf8_stdout
from reader.core.document import Document
from reader.errors import ReaderError
from reader.formats.json_text import dumps

#: Characters of each paragraph shown in the readable listing.
PREVIEW_CHARS = 60


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    parser.add_argument("a", metavar="A", help="a file, or the id (or id prefix, e.g. 000) of a bundled seed")
    parser.add_argument("b", metavar="B", help="the other document, likewise")
    parser.add_argument("--json", action="store_true", help="one JSON object with `pairs`: [[i, j], …]")
    parser.set_defaults(func=run)


def resolve(spec: str) -> Document:
    """The one document named by `spec`: a file path, or a bundled seed id or id prefix."""
    from reader.core.bundled import seeds_dir
    from reader.core.loading import load_documents

    path = Path(spec)
    if not path.exists():
        seeds = sorted(p for p in seeds_dir().glob("*.txt") if p.stem.startswith(spec)) if spec else []
        if len(seeds) != 1:
            raise ReaderError(f"{spec}: no such file or seed id")
        path = seeds[0]
    result = load_documents([path])
    if result.problems:
        raise ReaderError(str(result.problems[0]))
    if len(result.documents) != 1:
        raise ReaderError(f"{spec}: holds {len(result.documents)} documents; give one document per side")
    return result.documents[0]


def _preview(text: str) -> str:
    """The paragraph's beginning as the terminal should show it (laid out, no controls)."""
    from reader.bidi.layout import display_line

    text = " ".join(text.split())
    return display_line(text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS - 1] + "…")


def run(args: argparse.Namespace) -> int:
    from reader.align.paragraphs import align_paragraphs
    from reader.bidi.sanitize import visible

    a, b = resolve(args.a), resolve(args.b)
    alignment = align_paragraphs(a, b)
    utf8_stdout()
    out = sys.stdout
    if args.json:
        payload = {
            "a": a.id, "b": b.id,
            "pairs": [list(pair) for pair in alignment.pairs],
            "beads": [{"a": list(bead.a), "b": list(bead.b)} for bead in alignment.beads],
            "unaligned_a": alignment.unaligned_a, "unaligned_b": alignment.unaligned_b,
            "ratio": round(alignment.ratio, 4),
        }
        out.write(dumps(payload) + "\n")
        return 0
    out.write(f"A = {visible(a.id)} ({a.lang}, {len(a.paragraphs)} paragraphs)\n")
    out.write(f"B = {visible(b.id)} ({b.lang}, {len(b.paragraphs)} paragraphs)\n")
    out.write(f"{len(alignment.beads)} beads, {len(alignment.pairs)} pairs; length ratio B/A {alignment.ratio:.2f}\n")
    # Each paragraph on a line of its own: an RTL preview never shares a line with LTR text.
    for bead in alignment.path:
        left = ",".join(map(str, bead.a)) or "–"
        right = ",".join(map(str, bead.b)) or "–"
        note = "" if bead.a and bead.b else "   (unaligned)"
        out.write(f"\n{left} ↔ {right}{note}\n")
        for i in bead.a:
            out.write(f"  A {i}: {_preview(a.paragraphs[i].text)}\n")
        for j in bead.b:
            out.write(f"  B {j}: {_preview(b.paragraphs[j].text)}\n")
    return 0
