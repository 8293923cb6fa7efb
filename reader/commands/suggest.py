"""`reader suggest PATH... [--db PATH] [--label L...] [--model M] [--json] [--apply]`:
spans a machine proposes before the annotator starts (dates, quantities, the entities
already in the database, the user's own spaCy model). Without `--apply` nothing is
written; with it the suggestions become spans, as one undoable change."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_paths_argument, document_label, load_or_fail, say, utf8_stdout
from reader.errors import ReaderError
from reader.store.location import add_db_argument, resolve_db_path

def register(subparsers, name: str, summary: str) -> None:
    parser = subparsers.add_parser(name, help=summary, description=summary + ". See docs/suggestions.md.")
    add_paths_argument(parser)
    add_db_argument(parser)
    parser.add_argument("--label", action="append", metavar="L", help="only this label (repeatable)")
    parser.add_argument("--model", metavar="NAME_OR_PATH",
                        help="also a spaCy pipeline you installed or trained (needs reader[spacy])")
    parser.add_argument("--schema", metavar="TOML", help="label schema (labels, and [model_labels] for --model)")
    parser.add_argument("--json", action="store_true", help='one JSON object: {"suggestions": [...]}')
    parser.add_argument("--apply", action="store_true",
                        help="add the suggestions as spans (one undoable change), skipping any that "
                        "overlap a span already there")
    parser.add_argument("--annotator", default="", help="name recorded for --apply")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.annotate.suggestions import recognizers, suggest_document
    from reader.store.labels import load_schema

    schema = load_schema(args.schema)
    labels = args.label
    unknown = sorted(set(labels or ()) - set(schema.labels))
    if unknown:
        raise ReaderError(f"--label {', '.join(unknown)}: not in the label schema ({', '.join(schema.labels)})")
    documents = load_or_fail(args.paths).documents
    store = _open_store(args)
    try:
        entities = store.entities() if store else []
        found = recognizers(entities=entities, model=args.model, schema=schema)
        results = []
        for document in documents:
            existing = store.spans(document.id) if store else []
            rejected = store.rejected_suggestions(document.id) if store else ()
            results.append((document, suggest_document(document, found, labels=labels, existing=existing,
                                                       rejected=rejected)))
        if args.apply:
            _apply(store, results)
    finally:
        if store is not None:
            store.close()
    utf8_stdout()
    if args.json:
        from reader.formats.json_text import dumps

        payload = {"suggestions": [s.to_json() for _, suggestions in results for s in suggestions]}
        sys.stdout.write(dumps(payload) + "\n")
    else:
        _print_table(results)
    if args.apply:
        total = sum(len(s) for _, s in results)
        say(f"added {total} suggested spans (one change: `u` in the reader undoes it)")
    return 0


def _open_store(args: argparse.Namespace):
    """The database: written with --apply, otherwise read (for its entities, spans and
    rejections) if it exists; None when there is none and nothing is to be written."""
    from reader.store.database import AnnotationStore
    from reader.store.journal import DatabaseFiles

    path = resolve_db_path(args.db)
    if args.apply:
        store = AnnotationStore.open(path, annotator=args.annotator)
        if store.read_only:
            store.close()
            raise ReaderError(store.lock_message or f"{path}: the database is read-only")
        return store
    files = DatabaseFiles.at(path)
    if not files.snapshot.exists() and not files.journal.exists():
        return None
    return AnnotationStore.open(path, annotator=args.annotator, read_only=True)


def _apply(store, results) -> None:
    """Every suggestion as a span (linked to its entity when it came from one), in one
    change; documents not yet in the database are added to it first."""
    with store.change(f"accept {sum(len(s) for _, s in results)} suggestions"):
        for document, suggestions in results:
            if suggestions:
                store.ensure_document(document)
            for suggestion in suggestions:
                store.add_span(suggestion.to_span())


def _print_table(results) -> None:
    from reader.bidi.layout import display_line

    out = sys.stdout
    for document, suggestions in results:
        out.write(f"{document_label(document)}: {len(suggestions)} suggestions\n")
        for s in suggestions:
            text = display_line(" ".join(s.text.split()))
            out.write(f"  {s.start:>7}-{s.end:<7} {s.label:<9} {s.source:<9} {s.score:.2f}  {text}\n")
