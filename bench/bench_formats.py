"""Export and import speed of every annotation format, against a reference measured in the
same run: orjson dumping and loading the same annotations as plain dicts (the floor any
JSON-based format pays), on synthetic documents mixing Arabic with harakat, Hebrew, Latin
and astral characters.

    .venv/bin/python bench/bench_formats.py            # 200 documents x 100 spans
    .venv/bin/python bench/bench_formats.py --quick    # tiny size, for the test suite

Prints one line per format: seconds to export and to import (write + read through files
in a temporary directory), and each as a ratio to the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

import orjson

from reader.formats import IMPORT_FORMATS, format_module
from reader.formats.output import write_dump
from reader.formats.selection import select
from reader.store.model import AnnotationSet, DocumentRecord, Span

SENTENCE = "وَقَّعَتْ روسيا 🚀 والصين مع NASA في 𝐀 موسكو، רוסיה וסין חתמו. "
LABELS = {"روسيا": "GPE", "NASA": "ORG", "רוסיה": "GPE", "𝐀": "PROGRAM"}
WORDS = sorted(LABELS, key=SENTENCE.index)  # the annotated words in text order


def synthetic(documents: int, spans_per_document: int) -> AnnotationSet:
    """`documents` documents, each with `spans_per_document` entity spans on known words."""
    data = AnnotationSet()
    sentences = spans_per_document // len(WORDS) + 1
    for d in range(documents):
        text = SENTENCE * sentences
        doc = DocumentRecord(f"doc-{d:05d}", hashlib.sha256(text.encode()).hexdigest(), text)
        data.documents.append(doc)
        position, made = 0, 0
        while made < spans_per_document:
            for word in WORDS[:spans_per_document - made]:  # in the order they appear in SENTENCE
                start = text.index(word, position)
                data.spans.append(Span(doc.id, start, start + len(word), "entity", LABELS[word], word))
                made += 1
                position = start + len(word)
    return data


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    documents, spans = (5, 20) if args.quick else (200, 100)
    data = synthetic(documents, spans)
    print(f"{documents} documents x {spans} spans")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        floor = root / "floor.json"
        plain = {"documents": [d.to_dict() for d in data.documents], "spans": [s.to_dict() for s in data.spans]}
        ref_out = timed(lambda: floor.write_bytes(orjson.dumps(plain)))
        ref_in = timed(lambda: orjson.loads(floor.read_bytes()))
        print(f"reference (orjson dicts): export {ref_out:.4f}s  import {ref_in:.4f}s")
        for name in IMPORT_FORMATS:
            module = format_module(name)
            target = root / f"out-{name}"
            subset = select(data, kinds=["entity"]) if name == "conll" else data
            export = timed(lambda: write_dump(module.dump(subset), target, module.DIRECTORY))
            loaded: list[AnnotationSet] = []
            imported = timed(lambda: loaded.append(module.load(target, None)))
            assert len(loaded[0].spans) == len(data.spans), name
            print(f"{name:12s} export {export:.4f}s ({export / ref_out:6.1f}x)  "
                  f"import {imported:.4f}s ({imported / ref_in:6.1f}x)")


if __name__ == "__main__":
    main()
