"""Bytes from a file to canonical text.

Canonical text is what every offset in reader refers to: decoded, BOM removed, CRLF
and CR turned into LF, and otherwise exactly what the file says (no Unicode
normalization), so `text[start:end]` means the same thing in the store, the exports
and the screen.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Encodings we accept without a BOM when the bytes are not UTF-8: the legacy code pages
# of Arabic and Hebrew web text, plus Western ones for Latin-script articles.
LEGACY_ENCODINGS = ["cp1256", "iso8859_6", "cp1255", "iso8859_8", "cp1252", "iso8859_15"]

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class DecodeError(ValueError):
    """The bytes are not a text we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def canonicalize(text: str) -> str:
    """Remove a leading BOM and turn CRLF and lone CR into LF; nothing else."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes) -> Decoded:
    """Decode file contents: BOM first, then UTF-8, then a detected legacy encoding."""
    if not data:
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"has a {encoding} byte-order mark but is not valid {encoding}: {error.reason} at byte {error.start + len(bom)}") from None
            return _checked(Decoded(canonicalize(text), encoding))
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark)")
    try:
        return _checked(Decoded(canonicalize(data.decode("utf-8")), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_decode_legacy(data))


def _decode_legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # imported here: only legacy files pay for it

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise DecodeError("cannot decode: not UTF-8 and no known encoding fits (tried " + ", ".join(LEGACY_ENCODINGS) + ")")
    return Decoded(canonicalize(str(best)), best.encoding)


def _checked(decoded: Decoded) -> Decoded:
    if not decoded.text or decoded.text.isspace():  # (strip() would copy the whole text)
        raise DecodeError("empty file (only white space)")
    if _looks_binary(decoded.text):
        raise DecodeError("binary file (mostly control characters)")
    return decoded


_C0_BUT_WHITESPACE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    """More than 10% C0 controls other than tab/newline/form feed: not an article."""
    sample = text[:4096]
    return len(_C0_BUT_WHITESPACE.findall(sample)) * 10 > len(sample)
