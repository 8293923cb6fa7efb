"""JSON exports and `--json` outputs never carry a raw control character (DEL, C1
such as CSI U+009B, bidi formatting characters) from a document, and still give back
exactly the document's text."""

from __future__ import annotations

import json

import pytest

from reader.formats import format_module
from reader.formats.json_text import dumps
from reader.store.model import AnnotationSet
from test_formats_common import _doc, _span

HOSTILE = "Roscosmos \x9b31m said\x7f: روسيا \x85 والصين \x1b[0m \u202e2021\u202c \u2028"
RAW_CONTROLS = (
    [chr(code) for code in range(0x7F, 0xA0)] + [chr(code) for code in range(0x20) if code != 0x0A]
    + list("\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def test_dumps_escapes_every_control_and_keeps_the_value():
    value = {"text": HOSTILE, "all": "".join(RAW_CONTROLS), "plain": "Zhang Kejian (تشانغ كيجيان)"}
    for indent in (False, True):
        text = dumps(value, indent=indent)
        assert not any(ch in text for ch in RAW_CONTROLS if ch != "\n" or not indent)
        assert json.loads(text) == value
    assert "\\u009b" in dumps(HOSTILE) and "\\u007f" in dumps(HOSTILE)


@pytest.mark.parametrize("name", ["jsonl", "prodigy", "doccano", "labelstudio"])
def test_json_exports_carry_no_raw_control_and_the_exact_text(name):
    document = _doc("hostile", HOSTILE, "ar", "rtl")
    annotations = AnnotationSet(documents=[document], spans=[_span(document, "روسيا", "GPE")])
    content = format_module(name).dump(annotations).single
    assert not any(ch in content for ch in RAW_CONTROLS if ch != "\n")
    values = [json.loads(line) for line in content.splitlines()] if name != "labelstudio" else [json.loads(content)]
    assert HOSTILE in set(strings(values))


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
