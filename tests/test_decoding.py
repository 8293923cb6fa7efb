"""Files in every encoding the field meets decode to the same canonical text."""

from __future__ import annotations

import codecs

import pytest

from reader.core.decoding import DecodeError, canonicalize, decode

ARABIC = (
    "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية التي تدور حول القمر، "
    "حسبما أعلنت وكالتا الفضاء في البلدين. وكانت القوى الفضائية تجري محادثات منذ شهور."
)
HEBREW = (
    "רוסיה וסין חתמו על הסכם להקמת תחנת מחקר בינלאומית על הירח, "
    "כך הודיעו סוכנויות החלל של שתי המדינות. המגעים נמשכו חודשים."
)
MIXED = "Roscosmos (روسكوزموس) 2021 — דוח 😀 𝐀"


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_unicode_with_bom_decodes_and_drops_the_bom(bom, codec):
    decoded = decode(bom + MIXED.encode(codec))
    assert decoded.text == MIXED
    assert decoded.encoding == codec


def test_utf8_without_bom_is_taken_as_is():
    assert decode(MIXED.encode("utf-8")).text == MIXED


@pytest.mark.parametrize(
    "text, codec, accepted",
    [
        (ARABIC, "cp1256", {"cp1256"}),
        (ARABIC, "iso8859_6", {"iso8859_6"}),
        (HEBREW, "cp1255", {"cp1255"}),
        # ISO-8859-8 Hebrew letters are the same bytes in windows-1255: either name is right.
        (HEBREW, "iso8859_8", {"iso8859_8", "cp1255"}),
    ],
)
def test_legacy_rtl_encodings_are_detected(text, codec, accepted):
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding in accepted


def test_line_breaks_become_lf_and_nothing_else_changes():
    # A decomposed é (e + U+0301) must stay decomposed: offsets depend on it.
    raw = "caffe\u0301\r\nدعمًا\rsecond\n"
    assert decode(raw.encode()).text == "caffe\u0301\nدعمًا\nsecond\n"
    assert canonicalize("\ufeffa\r\nb") == "a\nb"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16-le"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_undecodable_input_says_why(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)
