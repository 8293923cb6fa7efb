"""JSON text that a terminal can show safely.

Exports and `--json` outputs end up on terminals (printed, piped to `less`, `cat`ed).
orjson escapes the C0 controls inside strings, as JSON requires, but writes DEL and
the C1 controls (U+0080-U+009F, among them CSI U+009B, which some terminals obey
when it arrives UTF-8 encoded) raw, and the bidi formatting characters (an RLO would
turn the rest of a line around in a terminal that does bidi) and U+2028/U+2029 (line
breaks to some readers). Here they are written as ``\\u`` escapes: the same JSON
value for every reader, and no control character from a document on anyone's screen.
"""

from __future__ import annotations

import re

import orjson

#: What orjson leaves raw inside strings and we escape (outside strings JSON text is
#: plain ASCII, so every match is inside one).
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: object, *, indent: bool = False) -> str:
    """``value`` as JSON text (one line unless ``indent``), every control escaped."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    return _RAW_CONTROLS.sub(_escape, text) if _RAW_CONTROLS.search(text) else text
