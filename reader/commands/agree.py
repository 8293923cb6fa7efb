"""`reader agree`: how far annotators agree (span F1, κ, α, links), with diagnostics."""

from __future__ import annotations

import argparse
import sys


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/agreement.md.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="annotation databases or native jsonl exports (one per annotator, or one "
                        "holding several)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--label", nargs="+", action="extend", metavar="L", help="only spans with these labels")
    parser.add_argument("--doc", nargs="+", action="extend", metavar="ID", help="only these documents")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.annotate.agreement import measure
    from reader.annotate.team import gather, load_source
    from reader.commands.common import say, utf8_stdout
    from reader.errors import ReaderError

    sources = [(path, load_source(path)) for path in args.sources]
    corpus = gather(sources, labels=args.label, doc_ids=args.doc)
    if len(corpus.annotators) < 2:
        found = ", ".join(corpus.annotators) or "none"
        for message in corpus.warnings:
            say(f"warning: {message}")
        raise ReaderError(f"agreement needs two annotators on a shared document; annotators found: {found}")
    report = measure(corpus)
    utf8_stdout()
    if args.json:
        from reader.formats.json_text import dumps

        sys.stdout.write(dumps(report.to_json()) + "\n")
        return 0
    sys.stdout.write(table(report))
    for message in report.warnings:
        say(f"warning: {message}")
    return 0


def _figure(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.2f}"


def _name(name: str, width: int) -> str:
    from reader.bidi.sanitize import visible

    name = visible(name)
    return name if len(name) <= width else name[: width - 1] + "…"


def table(report) -> str:
    """The report as text that fits 80 columns."""
    lines = [f"annotators {len(report.annotators)}: " + ", ".join(_name(a, 20) for a in report.annotators),
             f"documents  {len(report.documents)}", ""]
    lines.append(f"{'pair':<21} {'spans':>7}  {'F1 exact':>8} {'overlap':>7}  {'κ ent':>5} {'κ claim':>7}"
                 f"  {'links':>5} {'c-links':>7}")
    for pair in report.pairs:
        who = f"{_name(pair.a, 10)}/{_name(pair.b, 10)}"
        spans = f"{pair.spans_a}/{pair.spans_b}"
        lines.append(f"{who:<21} {spans:>7}  {_figure(pair.f1_exact):>8} {_figure(pair.f1_overlap):>7}  "
                     f"{_figure(pair.kappa_entities)} {_figure(pair.kappa_claims):>7}  "
                     f"{_figure(pair.entity_links['share'])} {_figure(pair.claim_links['share']):>7}")
        for label, figures in pair.labels.items():
            lines.append(f"  {_name(label, 27):<27}  {_figure(figures['f1_exact']):>8} "
                         f"{_figure(figures['f1_overlap']):>7}")
    lines.append("")
    lines.append(f"Fleiss' κ        entities {_figure(report.fleiss_kappa_entities)}   "
                 f"claims {_figure(report.fleiss_kappa_claims)}")
    lines.append(f"Krippendorff's α entities {_figure(report.alpha_entities)}   "
                 f"claims {_figure(report.alpha_claims)}")
    lines.append("links: matched mentions linked alike; c-links: matched claims linked alike")
    return "\n".join(lines) + "\n"
