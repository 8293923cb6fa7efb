"""The font stack `reader serve` gives the browser: every character the reader can draw
is in the font that the page's unicode-ranges send it to, in both weights.

Read from the fonts themselves (fontTools, their character maps), as Debian installs them;
the browser test checks the same on the characters of a real screen.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reader.bidi import sanitize, shaping
from reader.commands.web_fonts import FACES, find_faces, missing_fonts_message

ttLib = pytest.importorskip("fontTools.ttLib")
FOUND, MISSING = find_faces()
needs_fonts = pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(f.file for f in MISSING)}")


def _spans(face) -> list[tuple[int, int]]:
    spans = []
    for part in face.ranges:
        low, _, high = part.removeprefix("U+").partition("-")
        spans.append((int(low, 16), int(high or low, 16)))
    return spans


def _drawn_characters() -> set[str]:
    """What the reader sends to the screen: shaped Arabic (every presentation form the
    shaper emits, and the letters, marks and digits it leaves as they are), Hebrew, ASCII,
    Latin-1, box drawing and blocks (Textual's borders, scrollbars), the placeholders."""
    chars = {form for forms in shaping._LETTERS.values() for form in forms if form}
    chars |= {form for forms in shaping._LIGATURE_FORMS.values() for form in forms if form}
    chars.add(shaping.ALLAH)
    chars |= {chr(c) for c in range(0x0621, 0x0653)} | {chr(c) for c in range(0x0660, 0x066A)}
    chars |= {"\u060c", "\u061b", "\u061f", "\u066b", "\u066c"}
    chars |= {chr(c) for c in range(0x05D0, 0x05EB)} | {chr(c) for c in range(0x05B0, 0x05BE)} | {"\u05be", "\u05c3"}
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2500, 0x25A0)}
    controls = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\ud800", "\u2064"]
    invisibles = list(sanitize.INVISIBLE_PICTURES)
    chars |= {sanitize.display(ch, True) for ch in controls + invisibles} - {""}
    return chars - {"\x00"}


def test_each_code_point_has_exactly_one_face_per_weight():
    for weight in ("normal", "bold"):
        spans = sorted(span for face in FACES if face.weight == weight for span in _spans(face))
        assert spans[0][0] == 0 and spans[-1][1] == 0x10FFFF
        for (_, high), (low, _) in zip(spans, spans[1:]):
            assert low == high + 1, (weight, hex(high), hex(low))  # no overlap, no hole


@needs_fonts
def test_every_character_the_reader_draws_is_in_its_face():
    cmaps = {name: ttLib.TTFont(path, lazy=True).getBestCmap() for name, path in FOUND.items()}
    missing = []
    for ch in sorted(_drawn_characters()):
        for face in FACES:
            if any(low <= ord(ch) <= high for low, high in _spans(face)) and ord(ch) not in cmaps[face.file]:
                missing.append(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')} not in {face.file}")
    assert missing == []


@needs_fonts
def test_arabic_presentation_forms_come_from_one_font_per_weight():
    # Joined letters never meet a stroke drawn by another font: the forms of Arabic,
    # Persian and Urdu (the shaper's output for the seeds, ...) come from DejaVu Sans Mono.
    persian = "\ufb56\ufb57\ufb58\ufb59\ufb7a\ufb7b\ufb7c\ufb7d\ufb8a\ufb8b\ufb8e\ufb8f\ufb90\ufb91\ufb92\ufb93\ufb94\ufb95\ufbfc\ufbfd\ufbfe\ufbff"
    for weight in ("normal", "bold"):
        for ch in [chr(c) for c in range(0xFE70, 0xFEFD) if unicodedata.name(chr(c), "")] + list(persian):
            (face,) = [f for f in FACES if f.weight == weight and any(lo <= ord(ch) <= hi for lo, hi in _spans(f))]
            assert face.file == "DejaVuSansMono.ttf", (weight, hex(ord(ch)), face.file)


def test_missing_fonts_are_named_with_their_packages(tmp_path):
    found, missing = find_faces([tmp_path])
    assert found == {} and missing == list(FACES)
    message = missing_fonts_message(missing)
    assert "fonts-dejavu-core" in message and "fonts-freefont-ttf" in message and "DejaVuSansMono.ttf" in message
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "FreeMono.ttf").write_bytes(b"")
    found, missing = find_faces([tmp_path])
    assert found == {"FreeMono.ttf": tmp_path / "sub" / "FreeMono.ttf"} and missing == [f for f in FACES if f.file != "FreeMono.ttf"]
