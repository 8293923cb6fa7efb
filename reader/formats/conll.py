"""CoNLL BIO: one `token<TAB>tag` line per token, a blank line after each paragraph.

Tokens come from reader.formats.tokens, cut at every exported span boundary; whitespace
tokens are not written. Comment lines carry what rebuilds the text exactly:
`# doc_id = …`, `# sha256 = …`, `# chars = …` open a document, `# start = …` and
`# text = …` open each non-empty line (its code-point offset and its text; lines of only
whitespace are written too, with no tokens, so the text comes back exactly).

BIO cannot nest: where spans overlap, the longest wins (ties: the earlier one), and the
export warns with the number of spans left out (e.g. entity mentions inside a claim: export
with `--kind entity` to keep them). Carried: offsets and labels. Not carried: ids, entity
ids, claim attributes, links, entity records.

Import also reads plain CoNLL without comments (one document per `-DOCSTART-` or file):
the text is then rebuilt as the tokens joined by spaces, sentences by newlines. An `I-`
tag with no span open starts one (IOB1 files do that).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from pathlib import Path

from reader.formats.checks import checked_text, kind_of_label, span_problem
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import document_from_text, read_utf8, sha256_of
from reader.formats.selection import spans_by_document
from reader.formats.tokens import tokenize
from reader.store.model import AnnotationSet, Span

DIRECTORY = False


def non_overlapping(spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """(kept, dropped): the longest spans first, each kept unless it overlaps a kept one."""
    kept: list[Span] = []
    dropped: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.label)):
        if any(span.start < k.end and k.start < span.end for k in kept):
            dropped.append(span)
        else:
            kept.append(span)
    return sorted(kept, key=lambda s: s.start), dropped


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    grouped = spans_by_document(annotations)
    out: list[str] = []
    dropped_total = 0
    for document in track(annotations.documents):
        spans = grouped.get(document.id, [])
        for span in spans:
            checked_text(document, span)
        kept, dropped = non_overlapping(spans)
        dropped_total += len(dropped)
        text = document.text
        tokens = tokenize(text, starts={s.start for s in kept}, ends={s.end for s in kept})
        tags = ["O"] * len(tokens)
        i = 0
        for span in kept:
            while tokens[i].start < span.start:
                i += 1
            j = i
            while j < len(tokens) and tokens[j].end <= span.end:
                tags[j] = ("B-" if j == i else "I-") + span.label
                j += 1
        out += [f"# doc_id = {document.id}", f"# sha256 = {document.sha256}", f"# chars = {len(text)}", ""]
        visible = [(token, tag) for token, tag in zip(tokens, tags) if not token.text.isspace()]
        t, line_start = 0, 0
        for line in text.split("\n"):
            # Every non-empty line, whitespace-only ones too, so the text comes back exactly.
            line_end = line_start + len(line)
            if line:
                out += [f"# start = {line_start}", f"# text = {line}"]
                while t < len(visible) and visible[t][0].start < line_end:
                    out.append(f"{visible[t][0].text}\t{visible[t][1]}")
                    t += 1
                out.append("")
            line_start = line_end + 1
    warnings = []
    if dropped_total:
        warnings.append(f"CoNLL BIO cannot nest: {dropped_total} overlapping span(s) not exported "
                        "(the longest of overlapping spans is kept; --kind entity keeps mentions inside claims)")
    return Dump({"": "".join(line + "\n" for line in out)}, warnings)


class _Draft:
    """A document being read: header values and paragraphs of (line, token, tag)."""

    def __init__(self, doc_id: str | None, line: int):
        self.doc_id = doc_id
        self.line = line
        self.header: dict[str, str] = {}
        self.paragraphs: list[dict[str, Any]] = []

    def paragraph(self) -> dict[str, Any]:
        if not self.paragraphs or self.paragraphs[-1].get("closed"):
            self.paragraphs.append({"tokens": []})
        return self.paragraphs[-1]


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    problems = ProblemList()
    file = str(path)
    content = read_utf8(path, problems)
    drafts: list[_Draft] = []
    for number, line in enumerate((content or "").split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("-DOCSTART-"):
            drafts.append(_Draft(None, number))
        elif line.startswith("# "):
            key, sep, value = line[2:].partition(" = ")
            if key == "doc_id" or not drafts:
                drafts.append(_Draft(value if key == "doc_id" else None, number))
            if key in ("start", "text"):
                paragraph = drafts[-1].paragraph()
                if paragraph["tokens"]:
                    paragraph["closed"] = True
                    paragraph = drafts[-1].paragraph()
                paragraph[key] = value
                paragraph.setdefault("line", number)
            elif key != "doc_id":
                drafts[-1].header[key] = value
        elif not stripped:
            if drafts and drafts[-1].paragraphs:
                drafts[-1].paragraphs[-1]["closed"] = True
        else:
            if not drafts:
                drafts.append(_Draft(None, number))
            columns = line.split("\t") if "\t" in line else line.split()
            if len(columns) < 2:
                problems.add(file, "a token line needs a token and a tag", number)
                continue
            drafts[-1].paragraph()["tokens"].append((number, columns[0], columns[-1]))
    result = AnnotationSet()
    seen: set[str] = set()
    for index, draft in enumerate(d for d in drafts if d.paragraphs or d.doc_id):
        doc_id = draft.doc_id or (Path(file).stem if index == 0 else f"{Path(file).stem}-{index + 1}")
        if doc_id in seen:
            problems.add(file, f"document {doc_id} appears twice", draft.line)
            continue
        seen.add(doc_id)
        _build(draft, doc_id, file, labels, problems, result)
    problems.raise_if_any()
    return result


def _build(draft: _Draft, doc_id: str, file: str, labels: Collection[str] | None, problems: ProblemList, result: AnnotationSet) -> None:
    """Rebuild the text of one document, locate its tokens, and turn BIO tags into spans."""
    placed: list[tuple[int, str, dict[str, Any]]] = []
    position = 0
    for paragraph in draft.paragraphs:
        text = paragraph.get("text")
        if text is None:
            text = " ".join(token for _, token, _ in paragraph["tokens"])
        start = paragraph.get("start")
        if start is not None:
            if not start.isdigit() or int(start) < position:
                problems.add(file, f"document {doc_id}: paragraph start {start!r} is not after the previous paragraph", paragraph.get("line"))
                return
            position = int(start)
        placed.append((position, text, paragraph))
        position += len(text) + 1
    length = max((s + len(t) for s, t, _ in placed), default=0)
    chars = draft.header.get("chars", "")
    if chars.isdigit() and int(chars) >= length:
        length = int(chars)
    buffer = ["\n"] * length
    for start, text, _ in placed:
        buffer[start:start + len(text)] = list(text)
    text = "".join(buffer)
    if draft.header.get("sha256") not in (None, sha256_of(text)):
        problems.add(file, f"document {doc_id}: the rebuilt text does not match its sha256 "
                           "(whitespace-only lines are not carried by CoNLL)", draft.line)
    # (line, label, start, end) of the span being read, and of those read
    open_span: tuple[int, str, int, int] | None = None
    spans: list[tuple[int, str, int, int]] = []

    def close() -> None:
        nonlocal open_span
        if open_span:
            spans.append(open_span)
        open_span = None

    for start, paragraph_text, paragraph in placed:
        cursor = 0
        for number, token, tag in paragraph["tokens"]:
            found = paragraph_text.find(token, cursor)
            if found < 0:
                problems.add(file, f"document {doc_id}: token {token!r} is not in the paragraph text after offset {cursor}", number)
                return
            cursor = found + len(token)
            token_start, token_end = start + found, start + cursor
            if tag == "O":
                close()
            elif tag[:2] in ("B-", "I-") and len(tag) > 2:
                if tag[:2] == "B-" or open_span is None or open_span[1] != tag[2:]:
                    close()
                    open_span = (number, tag[2:], token_start, token_end)
                else:
                    open_span = (*open_span[:3], token_end)
            else:
                problems.add(file, f"document {doc_id}: tag {tag!r} is not O, B-LABEL or I-LABEL", number)
                return
    close()
    for number, label, start, end in spans:
        kind = kind_of_label(label)
        reason = span_problem(text, start, end, label, kind, None, labels)
        if reason:
            problems.add(file, f"document {doc_id}: {reason}", number)
            continue
        result.spans.append(Span(doc_id=doc_id, start=start, end=end, kind=kind, label=label, text=text[start:end]))
    result.documents.append(document_from_text(doc_id, text))
