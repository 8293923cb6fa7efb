"""Shared sample annotations for the format tests, and tests of the shared pieces
(UTF-16 offsets, tokenizer, selection, the export-time span check)."""

from __future__ import annotations

import hashlib

import pytest

from reader.formats.checks import checked_text
from reader.formats.offsets import Utf16Offsets
from reader.formats.problems import ExportError
from reader.formats.selection import select
from reader.formats.tokens import tokenize
from reader.store.model import AnnotationSet, ClaimLink, DocumentRecord, Entity, Span

# Arabic with harakat, Hebrew, Latin, emoji (astral, with a skin-tone modifier and a flag)
# and mathematical letters: every offset after an astral character differs in UTF-16.
ARABIC = (
    "🚀 وَقَّعَتْ روسيا والصين مذكرة تفاهم مع 𝐀𝐁 NASA في موسكو.\n"
    "\n"
    "قال المتحدث إن المحطة القمرية ستُبنى بحلول 2030 👍🏽 حسب وكالة روسكوسموس."
)
HEBREW = "🇷🇺 רוסיה וסין חתמו על הסכם ILRS ב-2021.\nהדובר אמר שהתחנה לא תיבנה לפני 2030 𝐀."
ENGLISH = "😀 Russia and China signed a memorandum.  The spokesman said the station will be built by 2030."
LABELS = {"PERSON", "ORG", "GPE", "LOC", "DATE", "PROGRAM", "QUANTITY"}


def _span(doc: DocumentRecord, needle: str, label: str, kind: str = "entity", **fields) -> Span:
    start = doc.text.index(needle)
    return Span(doc_id=doc.id, start=start, end=start + len(needle), kind=kind, label=label, text=needle, **fields)


def _doc(doc_id: str, text: str, lang: str, direction: str) -> DocumentRecord:
    return DocumentRecord(id=doc_id, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text,
                          path=f"/corpus/{doc_id}.txt", lang=lang, direction=direction, title=doc_id)


def sample_set() -> AnnotationSet:
    """Three documents in three scripts with entity spans (linked to corpus entities),
    claims with attributes, a same-document link and cross-document links."""
    ar = _doc("news/ar-1", ARABIC, "ar", "rtl")
    he = _doc("he 2", HEBREW, "he", "rtl")
    en = _doc("en-3", ENGLISH, "en", "ltr")
    russia, china, nasa = Entity(type="GPE", name="Russia"), Entity(type="GPE", name="China", aliases=["الصين"]), Entity(type="ORG", name="NASA")
    ar_russia = _span(ar, "روسيا", "GPE", entity_id=russia.id)
    ar_speaker = _span(ar, "المتحدث", "PERSON")
    spans = [
        ar_russia,
        _span(ar, "والصين", "GPE", entity_id=china.id),
        _span(ar, "NASA", "ORG", entity_id=nasa.id),
        _span(ar, "𝐀𝐁", "PROGRAM"),
        ar_speaker,
        _span(ar, "وَقَّعَتْ", "PROGRAM"),
        _span(ar, "روسكوسموس", "ORG"),
    ]
    ar_claim = _span(ar, "المحطة القمرية ستُبنى بحلول 2030", "CLAIM", kind="claim",
                     attrs={"speaker": ar_speaker.id, "stance": "reported", "checkworthy": True, "note": "date\tand\nplace"})
    ar_claim2 = _span(ar, "وَقَّعَتْ روسيا والصين مذكرة تفاهم", "CLAIM", kind="claim", attrs={"stance": "asserted", "checkworthy": False})
    he_claim = _span(he, "התחנה לא תיבנה לפני 2030", "CLAIM", kind="claim", attrs={"stance": "denied"})
    en_claim = _span(en, "the station will be built by 2030", "CLAIM", kind="claim", attrs={"stance": "hedged"})
    spans += [
        ar_claim, ar_claim2, he_claim, en_claim,
        _span(he, "רוסיה", "GPE", entity_id=russia.id),
        _span(he, "ILRS", "ORG"),
        _span(en, "Russia", "GPE", entity_id=russia.id),
        _span(en, "China", "GPE", entity_id=china.id),
    ]
    links = [
        ClaimLink(source=ar_claim.id, target=he_claim.id, type="contradicts"),
        ClaimLink(source=ar_claim.id, target=en_claim.id, type="same"),
        ClaimLink(source=ar_claim2.id, target=ar_claim.id, type="supports"),
    ]
    return AnnotationSet(documents=[ar, he, en], spans=spans, entities=[russia, china, nasa], links=links)


def span_key(span: Span, with_attrs: bool = True, with_entity: bool = True) -> tuple:
    """What a round trip must keep of a span (ids may be renewed by lossy formats)."""
    key = (span.doc_id, span.start, span.end, span.kind, span.label, span.text)
    if with_entity:
        key += (span.entity_id,)
    if with_attrs:
        key += (tuple(sorted((k, v) for k, v in span.attrs.items() if k != "speaker")),)
    return key


def span_keys(annotations: AnnotationSet, **options) -> list[tuple]:
    return sorted(span_key(s, **options) for s in annotations.spans)


def link_keys(annotations: AnnotationSet) -> list[tuple]:
    """Links as (type, source span key, target span key): comparable across renewed ids."""
    by_id = {s.id: span_key(s, with_attrs=False, with_entity=False) for s in annotations.spans}
    return sorted((l.type, by_id[l.source], by_id[l.target]) for l in annotations.links)


def speaker_keys(annotations: AnnotationSet) -> list[tuple]:
    by_id = {s.id: span_key(s, with_attrs=False, with_entity=False) for s in annotations.spans}
    return sorted((by_id[s.id], by_id[s.claim.speaker]) for s in annotations.spans if s.claim.speaker)


# --- the shared pieces ---------------------------------------------------------------

def test_utf16_offsets_count_astral_characters_twice_and_round_trip():
    text = "a😀b𝐀c"
    units = Utf16Offsets(text)
    assert units.utf16_length == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        expected = len(text[:offset].encode("utf-16-le")) // 2
        assert units.to_utf16(offset) == expected
        assert units.to_code_points(expected) == offset


def test_utf16_offset_inside_a_surrogate_pair_or_out_of_range_is_refused():
    units = Utf16Offsets("a😀b")
    assert units.to_code_points(2) is None   # between the two halves of 😀
    assert units.to_code_points(5) is None
    assert units.to_code_points(-1) is None


@pytest.mark.parametrize("text", [ARABIC, HEBREW, ENGLISH, "  lead\n\n\ttabs  and  spaces \n"])
def test_tokens_rebuild_the_text_exactly(text):
    tokens = tokenize(text)
    assert "".join(t.text + " " * t.ws for t in tokens) == text
    assert all(text[t.start:t.end] == t.text and t.text for t in tokens)
    assert [t.id for t in tokens] == list(range(len(tokens)))


def test_tokenizer_keeps_harakat_zwnj_and_emoji_sequences_inside_their_token():
    text = "وَقَّعَتْ می\u200cخواهم 👨🏻\u200d🚒 🇷🇺!"
    words = [t.text for t in tokenize(text)]
    assert words == ["وَقَّعَتْ", "می\u200cخواهم", "👨🏻\u200d🚒", "🇷🇺", "!"]


def test_tokenizer_cuts_where_the_script_changes():
    assert [t.text for t in tokenize("NASAناسا")] == ["NASA", "ناسا"]


def test_forced_cuts_make_every_span_token_aligned():
    text = "والصين signed"
    # "الصين" without the clitic و, and a span starting on the space
    starts, ends = {1, 6}, {6, 13}
    tokens = tokenize(text, starts, ends)
    assert {t.start for t in tokens} >= starts and {t.end for t in tokens} >= ends
    assert "".join(t.text + " " * t.ws for t in tokens) == text


def test_select_keeps_links_only_when_both_ends_are_kept():
    sample = sample_set()
    only_ar = select(sample, doc_ids=["news/ar-1"])
    assert {s.doc_id for s in only_ar.spans} == {"news/ar-1"}
    assert [l.type for l in only_ar.links] == ["supports"]
    claims = select(sample, kinds=["claim"])
    assert {s.kind for s in claims.spans} == {"claim"} and len(claims.links) == 3
    assert claims.entities == []
    gpe = select(sample, labels=["GPE"])
    assert {e.name for e in gpe.entities} == {"Russia", "China"}


def test_export_check_fails_loudly_on_a_span_whose_text_moved():
    sample = sample_set()
    doc = sample.documents[0]
    span = sample.spans[0]
    span.start += 1
    span.end += 1
    with pytest.raises(ExportError, match="covers"):
        checked_text(doc, span)


def test_directory_export_refuses_a_non_empty_directory_and_leaves_no_temporary_files(tmp_path):
    from reader.errors import ReaderError
    from reader.formats.output import Dump, write_dump

    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReaderError, match="not an empty directory"):
        write_dump(Dump({"a.txt": "x"}), target, directory=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_file_export_replaces_the_target_whole_and_leaves_no_temporary_file(tmp_path):
    from reader.formats.output import Dump, write_dump

    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    write_dump(Dump({"": "new 😀\n"}), target, directory=False)
    assert target.read_text(encoding="utf-8") == "new 😀\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.parametrize("name", ["jsonl", "prodigy", "doccano", "labelstudio", "brat", "conll"])
def test_every_exporter_fails_loudly_on_a_span_whose_text_does_not_match(name):
    from reader.formats import format_module

    sample = sample_set()
    sample.spans[3].text = "something else"
    with pytest.raises(ExportError, match="something else"):
        format_module(name).dump(sample)
