"""Precision and recall of the rule recognizers (DATE, QUANTITY) on the sets annotated by
hand in tests/data: suggestions_gold.txt (used while the rules were written) and
suggestions_heldout.txt (written after them, never used to change them).

    .venv/bin/python tools/eval_suggestions.py

Prints, per label, true positives (exact span and label), false positives, false negatives,
precision and recall. docs/suggestions.md quotes its output.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reader.annotate.suggestions import recognizers, suggest_document  # noqa: E402
from reader.core.document import Document  # noqa: E402

GOLD = REPO / "tests" / "data" / "suggestions_gold.txt"
HELD_OUT = REPO / "tests" / "data" / "suggestions_heldout.txt"
_MARK = re.compile(r"\[([A-Z]+):([^\]]+)\]")


def read_gold(path: Path = GOLD) -> list[tuple[str, str, set[tuple[int, int, str]]]]:
    """(lang, text, gold spans) per line; the marks are removed from the text."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, marked = line.split("\t", 1)
        text, spans, pos = [], set(), 0
        length = 0
        for match in _MARK.finditer(marked):
            before = marked[pos:match.start()]
            text.append(before)
            length += len(before)
            spans.add((length, length + len(match[2]), match[1]))
            text.append(match[2])
            length += len(match[2])
            pos = match.end()
        text.append(marked[pos:])
        items.append((lang, "".join(text), spans))
    return items


def evaluate(path: Path = GOLD) -> dict[str, dict[str, float]]:
    """label -> {tp, fp, fn, precision, recall} over the gold file."""
    found = recognizers()
    counts: Counter[tuple[str, str]] = Counter()
    for i, (lang, text, gold) in enumerate(read_gold(path)):
        document = Document(f"g{i}", f"/gold/{i}.txt", text, meta={"lang": lang})
        predicted = {(s.start, s.end, s.label) for s in suggest_document(document, found)}
        for span in predicted & gold:
            counts[span[2], "tp"] += 1
        for span in predicted - gold:
            counts[span[2], "fp"] += 1
        for span in gold - predicted:
            counts[span[2], "fn"] += 1
    result = {}
    for label in sorted({label for label, _ in counts}):
        tp, fp, fn = counts[label, "tp"], counts[label, "fp"], counts[label, "fn"]
        result[label] = {
            "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
        }
    return result


def main() -> None:
    for name, path in (("development set", GOLD), ("held-out set", HELD_OUT)):
        print(f"{name} ({path.name})")
        print(f"  {'label':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
        for label, row in evaluate(path).items():
            print(f"  {label:<10} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
                  f"{row['precision']:>10.2f} {row['recall']:>8.2f}")


if __name__ == "__main__":
    main()
