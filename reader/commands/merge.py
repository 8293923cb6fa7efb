"""`reader merge`: the spans annotators agree on into a gold database, the rest to curate."""

from __future__ import annotations

import argparse


def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/agreement.md.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="annotation databases or native jsonl exports")
    parser.add_argument("--into", required=True, metavar="DB", help="the gold database (created if new)")
    parser.add_argument("--min-agree", type=int, metavar="N",
                        help="annotators who must propose a span exactly for it to go in "
                        "(default: all who annotated its document)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.annotate.merge import merge
    from reader.annotate.team import gather, load_source
    from reader.commands.common import say
    from reader.errors import ReaderError
    from reader.store.database import AnnotationStore

    into = Path(args.into).expanduser().absolute()
    if any(Path(source).expanduser().absolute() == into for source in args.sources):
        raise ReaderError(f"{args.into}: the gold database cannot also be a source")
    sources = [(path, load_source(path)) for path in args.sources]
    corpus = gather(sources)
    for message in corpus.warnings:
        say(f"warning: {message}")
    if len(corpus.annotators) < 2:
        raise ReaderError("merging needs two annotators on a shared document; annotators found: "
                          f"{', '.join(corpus.annotators) or 'none'}")
    with AnnotationStore.open(into) as store:
        if store.read_only:
            raise ReaderError(store.lock_message or f"{into}: the database is read-only")
        result = merge(corpus, store, args.min_agree)
    for message in result.warnings:
        say(f"warning: {message}")
    say(f"merged {', '.join(result.annotators)} into {into}: {result.agreed} agreed spans, "
          f"{result.entities} entities, {result.links} claim links, {result.documents} new documents; "
          f"{result.candidates} candidates to curate ({result.kept} decided before), "
          f"{result.pending_links} links waiting for them")
    return 0
