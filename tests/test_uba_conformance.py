"""UAX #9 conformance of reader.bidi.uba against the Unicode test files."""

import functools
from pathlib import Path

import pytest

from reader.bidi.uba import line_levels, reorder_line, resolve_paragraph

UCD = Path("/usr/share/unicode")
CHARACTER_TEST = UCD / "BidiCharacterTest.txt"
CLASS_TEST = UCD / "BidiTest.txt"
BASES = {"0": "ltr", "1": "rtl", "2": "auto"}


def _report(failures: list[str], total: int) -> str:
    return f"{len(failures)} of {total} cases fail; first 20:\n" + "\n".join(failures[:20])


@pytest.mark.skipif(not CHARACTER_TEST.exists(), reason="BidiCharacterTest.txt missing: install Debian unicode-data")
def test_bidi_character_test():
    failures, total = [], 0
    for lineno, line in enumerate(CHARACTER_TEST.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cps, direction, para_level, levels, order = line.split(";")
        text = "".join(chr(int(c, 16)) for c in cps.split())
        want_levels = [-1 if x == "x" else int(x) for x in levels.split()]
        want_order = [int(x) for x in order.split()]
        total += 1
        try:
            par = resolve_paragraph(text, BASES[direction])
            n = len(text)
            got = (par.para_level, list(line_levels(par, 0, n)), reorder_line(par, 0, n))
        except Exception as exc:  # a crash is a failure of this case, not of the run
            got = (repr(exc),)
        if got != (int(para_level), want_levels, want_order):
            failures.append(f"line {lineno}: {line}\n    got {got}")
    assert total > 90_000
    assert not failures, _report(failures, total)


# A representative character of each class for the class-based BidiTest.txt
# (ON is '!', not a bracket: that file predates bracket pairs in its data).
REPRESENTATIVE = {
    "L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "ES": "+", "ET": "%",
    "AN": "\u0660", "CS": ",", "NSM": "\u0300", "BN": "\u00ad", "B": "\u2029",
    "S": "\t", "WS": " ", "ON": "!", "LRE": "\u202a", "RLE": "\u202b",
    "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e", "LRI": "\u2066",
    "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
}
PARAGRAPH_BITS = ((1, "auto"), (2, "ltr"), (4, "rtl"))


PARTS = 4  # BidiTest.txt has ~770,000 cases: split so pytest-xdist spreads them


@functools.lru_cache(maxsize=1)
def _class_cases() -> list[tuple[int, str, str, list[int], list[int]]]:
    cases = []
    want_levels = want_order = None
    for lineno, line in enumerate(CLASS_TEST.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            want_levels = [-1 if x == "x" else int(x) for x in line.split(":")[1].split()]
        elif line.startswith("@Reorder:"):
            want_order = [int(x) for x in line.split(":")[1].split()]
        elif not line.startswith("@"):
            classes, bits = line.split(";")
            for bit, base in PARAGRAPH_BITS:
                if int(bits) & bit:
                    cases.append((lineno, classes, base, want_levels, want_order))
    return cases


@pytest.mark.skipif(not CLASS_TEST.exists(), reason="BidiTest.txt missing: install Debian unicode-data")
@pytest.mark.parametrize("part", range(PARTS))
def test_bidi_test(part):
    cases = _class_cases()
    assert len(cases) > 700_000
    failures, total = [], 0
    for lineno, classes, base, want_levels, want_order in cases[part::PARTS]:
        text = "".join(REPRESENTATIVE[c] for c in classes.split())
        total += 1
        try:
            par = resolve_paragraph(text, base)
            n = len(text)
            got = (list(line_levels(par, 0, n)), reorder_line(par, 0, n))
        except Exception as exc:
            got = (repr(exc),)
        if got != (want_levels, want_order):
            failures.append(f"line {lineno} ({base}): {classes}\n    want {want_levels} {want_order}\n    got {got}")
    assert not failures, _report(failures, total)
