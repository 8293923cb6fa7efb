"""brat standoff: a directory with `<doc>.txt` (the text) and `<doc>.ann` per document.

brat's server is Python and counts code points, like us (its web client was off by one
after astral characters, brat #1115: a display problem, not a file-format one).

What goes where in `.ann` (T numbers are per document):

- a span: `T1<TAB>LABEL start end<TAB>text`; a span crossing a newline is written as
  fragments `start end;start end` split at the newlines (brat annotations are one line);
- its corpus entity: `N1<TAB>Reference T1 reader:<entity id><TAB><entity name>`;
- claim attributes: `A1<TAB>Stance T2 reported`, `A2<TAB>Checkworthy T2 true|false`,
  `R1<TAB>Speaker Arg1:T2 Arg2:T1`, `#1<TAB>AnnotatorNotes T2<TAB>note` (backslash,
  newline and tab escaped as \\\\, \\n, \\t); a span to review: `A3<TAB>Review T1`;
- a claim link inside one document: `R2<TAB>contradicts Arg1:T3 Arg2:T4`.

brat relations cannot cross documents, so links between documents go to
`cross-document-links.jsonl` at the top of the directory, one
`{"type", "source": {"document", "annotation"}, "target": {...}}` per line; import reads it
back. `annotation.conf` declares the labels, relations and attributes so brat can open the
collection. Document file names are the document ids percent-encoded (so "/" is "%2F").

Not carried: span and link ids, annotators, timestamps, entity aliases, document language,
direction and title (brat has nowhere to put them).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from urllib.parse import quote, unquote

from reader.formats.checks import checked_text, kind_of_label, span_problem
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import document_from_text, read_json_lines, read_utf8
from reader.formats.selection import spans_by_document
from reader.store.model import CLAIM_LABEL, LINK_TYPES, STANCES, AnnotationSet, ClaimLink, Entity, Span, is_link_type

DIRECTORY = True
CROSS_LINKS = "cross-document-links.jsonl"
CONF = "annotation.conf"
NORMALIZATION_DB = "reader"
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t"}
_UNESCAPE = re.compile(r"\\(.)")


def file_stem(doc_id: str) -> str:
    """The file name (without suffix) of a document: its id percent-encoded."""
    return quote(doc_id, safe="")


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) split at newlines, without empty pieces."""
    pieces, position = [], start
    for part in text[start:end].split("\n"):
        if part:
            pieces.append((position, position + len(part)))
        position += len(part) + 1
    return pieces


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    """The files of a brat collection (see the module docstring)."""
    grouped = spans_by_document(annotations)
    entities = {e.id: e for e in annotations.entities}
    span_doc = {s.id: s.doc_id for s in annotations.spans}
    tag: dict[str, str] = {}        # span id -> its T number in its document
    files: dict[str, str] = {}
    for document in track(annotations.documents):
        spans = grouped.get(document.id, [])
        lines: list[str] = []
        counters = {"A": 0, "R": 0, "N": 0, "#": 0}

        def next_id(prefix: str) -> str:
            counters[prefix] += 1
            return f"{prefix}{counters[prefix]}"

        for number, span in enumerate(spans, start=1):
            checked_text(document, span)
            tag[span.id] = f"T{number}"
            pieces = _fragments(document.text, span.start, span.end)
            offsets = ";".join(f"{a} {b}" for a, b in pieces)
            lines.append(f"T{number}\t{span.label} {offsets}\t{' '.join(document.text[a:b] for a, b in pieces)}")
        for span in spans:
            t = tag[span.id]
            if span.entity_id:
                name = entities[span.entity_id].name if span.entity_id in entities else span.text
                lines.append(f"{next_id('N')}\tReference {t} {NORMALIZATION_DB}:{span.entity_id}\t{_escape(name)}")
            claim = span.claim
            if claim.stance:
                lines.append(f"{next_id('A')}\tStance {t} {claim.stance}")
            if claim.checkworthy is not None:
                lines.append(f"{next_id('A')}\tCheckworthy {t} {'true' if claim.checkworthy else 'false'}")
            if span.status == "review":
                lines.append(f"{next_id('A')}\tReview {t}")
            if claim.speaker and claim.speaker in tag:
                lines.append(f"{next_id('R')}\tSpeaker Arg1:{t} Arg2:{tag[claim.speaker]}")
            if claim.note:
                lines.append(f"{next_id('#')}\tAnnotatorNotes {t}\t{_escape(claim.note)}")
        for link in annotations.links:
            if span_doc.get(link.source) == document.id == span_doc.get(link.target):
                lines.append(f"{next_id('R')}\t{link.type} Arg1:{tag[link.source]} Arg2:{tag[link.target]}")
        stem = file_stem(document.id)
        files[f"{stem}.txt"] = document.text
        files[f"{stem}.ann"] = "".join(line + "\n" for line in lines)
    cross = [
        {"type": l.type,
         "source": {"document": span_doc[l.source], "annotation": tag[l.source]},
         "target": {"document": span_doc[l.target], "annotation": tag[l.target]}}
        for l in annotations.links if span_doc.get(l.source) != span_doc.get(l.target)
    ]
    if cross:
        files[CROSS_LINKS] = "".join(dumps(item) + "\n" for item in cross)
    entity_labels = sorted({s.label for s in annotations.spans if s.kind == "entity"} | {e.type for e in entities.values()})
    files[CONF] = _conf(entity_labels)
    return Dump(files)


def _conf(entity_labels: list[str]) -> str:
    entity_types = "|".join(entity_labels) or "<ANY>"
    relations = "\n".join(f"{t}\tArg1:{CLAIM_LABEL}, Arg2:{CLAIM_LABEL}" for t in LINK_TYPES)
    return (
        "[entities]\n" + "".join(f"{label}\n" for label in [*entity_labels, CLAIM_LABEL])
        + f"[relations]\nSpeaker\tArg1:{CLAIM_LABEL}, Arg2:{entity_types}\n{relations}\n"
        + "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n"
        + "[events]\n"
        + f"[attributes]\nStance\tArg:{CLAIM_LABEL}, Value:{'|'.join(STANCES)}\n"
        + f"Checkworthy\tArg:{CLAIM_LABEL}, Value:true|false\nReview\tArg:<ANY>\n"
    )


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    """Every `.txt`/`.ann` pair under the directory `path`, plus cross-document links.
    Any bad line in any file rejects the whole import, listing file, line and reason."""
    problems = ProblemList()
    root = Path(path)
    result = AnnotationSet()
    if not root.is_dir():
        problems.add(str(root), "a brat collection is a directory of .txt and .ann files")
        problems.raise_if_any()
    by_tag: dict[tuple[str, str], Span] = {}
    entities: dict[str, Entity] = {}
    for txt in sorted(root.rglob("*.txt")):
        doc_id = unquote(txt.relative_to(root).with_suffix("").as_posix())
        text = read_utf8(txt, problems)
        if text is None:
            continue
        result.documents.append(document_from_text(doc_id, text, path=str(txt)))
        ann = txt.with_suffix(".ann")
        if ann.exists():
            _read_ann(ann, doc_id, text, labels, problems, result, by_tag, entities)
    for ann in sorted(root.rglob("*.ann")):
        if not ann.with_suffix(".txt").exists():
            # Its spans have no text to stand on: an error, not "0 spans".
            problems.add(str(ann), f"no {ann.with_suffix('.txt').name} beside it (the text its offsets point into)")
    result.entities.extend(entities.values())
    cross = root / CROSS_LINKS
    if cross.exists():
        for number, item in read_json_lines(cross, problems):
            try:
                source = by_tag.get((item["source"]["document"], item["source"]["annotation"]))
                target = by_tag.get((item["target"]["document"], item["target"]["annotation"]))
                kind = item["type"]
            except (KeyError, TypeError):
                problems.add(str(cross), "a link needs type, source and target {document, annotation}", number)
                continue
            if source is None or target is None or kind not in LINK_TYPES:
                problems.add(str(cross), f"link {item!r} refers to an annotation that does not exist or has an unknown type", number)
                continue
            result.links.append(ClaimLink(source=source.id, target=target.id, type=kind))
    problems.raise_if_any()
    return result


def _read_ann(ann: Path, doc_id: str, text: str, labels: Collection[str] | None, problems: ProblemList, result: AnnotationSet,
              by_tag: dict[tuple[str, str], Span], entities: dict[str, Entity]) -> None:
    content = read_utf8(ann, problems)
    if content is None:
        return
    file = str(ann)
    later: list[tuple[int, list[str]]] = []   # lines that refer to T annotations
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        if line.startswith("T"):
            match = _T_LINE.match(line)
            if not match:
                problems.add(file, "a text-bound annotation is `T<n><TAB>LABEL start end<TAB>text`", number)
                continue
            span = _text_bound(match, doc_id, text, labels)
            if isinstance(span, str):
                problems.add(file, span, number)
                continue
            by_tag[(doc_id, match.group(1))] = span
            result.spans.append(span)
        elif line[0] in "ARN#":
            later.append((number, line.split("\t")))
        else:
            problems.add(file, f"unsupported annotation {line.split(chr(9))[0]!r} (events and equivalences are not read)", number)
    for number, fields in later:
        reason = _apply(fields, doc_id, by_tag, entities, result)
        if reason:
            problems.add(file, reason, number)


def _text_bound(match: re.Match[str], doc_id: str, text: str, labels: Collection[str] | None) -> Span | str:
    """The Span of a T line, or why it is unacceptable."""
    label, offsets, written = match.group(2), match.group(3), match.group(4)
    pieces = [tuple(int(n) for n in pair.split(" ")) for pair in offsets.split(";")]
    start, end = pieces[0][0], pieces[-1][1]
    kind = kind_of_label(label)
    reason = span_problem(text, start, end, label, kind, None, labels)
    if reason:
        return reason
    if any(b <= a for a, b in pieces) or any(n[0] < p[1] for p, n in zip(pieces, pieces[1:])):
        return f"fragments {offsets} are empty, reversed or out of order"
    if any(text[p[1]:n[0]].strip() for p, n in zip(pieces, pieces[1:])):
        return f"discontinuous span {offsets}: text between fragments cannot be part of one span"
    covered = " ".join(text[a:b] for a, b in pieces)
    if covered != written:
        return f"text mismatch at {offsets}: the document has {covered!r}, the annotation says {written!r}"
    return Span(doc_id=doc_id, start=start, end=end, kind=kind, label=label, text=text[start:end])


def _apply(fields: list[str], doc_id: str, by_tag: dict[tuple[str, str], Span], entities: dict[str, Entity], result: AnnotationSet) -> str | None:
    """Attach an A, R, N or # line to the spans it names; the reason when it cannot."""
    head = fields[1].split(" ") if len(fields) > 1 else []
    kind = fields[0][0]
    if kind == "R":
        if len(head) != 3 or not head[1].startswith("Arg1:") or not head[2].startswith("Arg2:"):
            return "a relation is `R<n><TAB>Type Arg1:T<a> Arg2:T<b>`"
        source, target = by_tag.get((doc_id, head[1][5:])), by_tag.get((doc_id, head[2][5:]))
        if source is None or target is None:
            return f"relation {fields[0]} refers to an annotation that does not exist"
        if head[0] == "Speaker":
            if source.kind != "claim" or target.kind != "entity":
                return f"Speaker {fields[0]} must go from a claim to an entity span"
            source.attrs["speaker"] = target.id
        elif is_link_type(head[0]):
            result.links.append(ClaimLink(source=source.id, target=target.id, type=head[0]))
        else:
            return f"unknown relation type {head[0]!r} (expected Speaker or {', '.join(LINK_TYPES)})"
        return None
    span = by_tag.get((doc_id, head[1])) if len(head) >= 2 else None
    if span is None:
        return f"{fields[0]} refers to an annotation that does not exist"
    if kind == "A":
        name, value = head[0], (head[2] if len(head) > 2 else None)
        if name == "Stance" and value in STANCES:
            span.attrs["stance"] = value
        elif name == "Checkworthy" and value in ("true", "false"):
            span.attrs["checkworthy"] = value == "true"
        elif name == "Review" and value is None:
            span.status = "review"
        else:
            return f"unknown attribute or value: {fields[1]!r}"
        return None
    if kind == "N":
        if len(head) != 3 or ":" not in head[2] or len(fields) < 3:
            return "a normalization is `N<n><TAB>Reference T<a> DB:ID<TAB>name`"
        db, _, ident = head[2].partition(":")
        entity_id = ident if db == NORMALIZATION_DB else head[2]
        entities.setdefault(entity_id, Entity(type=span.label, name=_unescape(fields[2]), id=entity_id))
        span.entity_id = entity_id
        return None
    if head[0] != "AnnotatorNotes" or len(fields) < 3:
        return "a note is `#<n><TAB>AnnotatorNotes T<a><TAB>text`"
    span.attrs["note"] = _unescape("\t".join(fields[2:]))
    return None
