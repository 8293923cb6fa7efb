"""Cross-check of reader.bidi.uba's reordering against python-bidi (the Rust
unicode-bidi crate), which matches BidiCharacterTest.txt.  Neither mirrors."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bidi import get_display

from reader.bidi.uba import first_strong_direction, reorder_line, resolve_paragraph

# No explicit bidi controls: python-bidi and we agree on those only via the
# conformance files.  Everything else a news paragraph is made of.
ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي"  # Arabic letters (AL)
    "پچژگکی"                          # Persian letters
    "אבגדהוזחטיכלמנסעפצקרשת"          # Hebrew (R)
    "abcXYZ"                          # Latin (L)
    "0123456789"                      # EN
    "٠١٢٣٤٥٦٧٨٩"                      # AN
    "۰۱۲۳"                            # Extended Arabic-Indic digits (EN)
    ".,:;!?-+/%$#،؛؟٪٫٬"              # CS, ES, ET, ON
    "()[]{}«»<>"                     # brackets and non-bracket mirrored
    "  \u00a0"                       # WS.  No tab (S): get_display does not apply
                                      # L1 to a segment separator inside the line
                                      # ("X\t0", RTL: it gives "X\t0", UAX #9 and
                                      # fribidi "0\tX"); see test_uba_api.
    "\u064b\u064e\u0650\u0651\u0652\u0670\u0300"  # harakat, NSM
    "\u200c\u200d"                    # ZWNJ, ZWJ (BN)
)

texts = st.text(alphabet=ALPHABET, min_size=0, max_size=60)


def _visual(text: str, base: str) -> str:
    par = resolve_paragraph(text, base)
    return "".join(text[i] for i in reorder_line(par, 0, len(text)))


def _drop_bn(text: str) -> str:
    # python-bidi keeps BN characters (ZWNJ, ZWJ) in its output; X9 removes them.
    return text.replace("\u200c", "").replace("\u200d", "")


@settings(max_examples=3000, deadline=None)
@given(texts, st.sampled_from(["auto", "ltr", "rtl"]))
def test_reordering_matches_python_bidi(text, base):
    base_dir = {"auto": None, "ltr": "L", "rtl": "R"}[base]
    assert _visual(text, base) == _drop_bn(get_display(text, base_dir=base_dir))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
def test_first_strong_direction_matches_python_bidi(text):
    from bidi import get_base_level

    direction = first_strong_direction(text)
    assert get_base_level(text) == (1 if direction == "rtl" else 0)


def test_example_mixed_sentence():
    text = "وقعت روسيا (ILRS) في 2023."
    assert _visual(text, "auto") == get_display(text)


def _naive_l1_l2(par, start, end):
    """L1 and L2 straight from UAX #9, one character at a time (slow, obvious)."""
    levels = list(par.levels[start:end])
    classes = par.classes[start:end]
    trailing = True  # L1: walk from the end of the line backwards
    for i in range(len(levels) - 1, -1, -1):
        c = chr(classes[i])
        if c in "SB":
            levels[i] = par.para_level
            trailing = True
        elif c in "WijfIxyXYFZ":
            if trailing and levels[i] != -1:
                levels[i] = par.para_level
        else:
            trailing = False
    order = [start + i for i, lv in enumerate(levels) if lv != -1]
    kept = [lv for lv in levels if lv != -1]
    if not kept:
        return []
    lowest_odd = min(kept) | 1
    for k in range(max(kept), lowest_odd - 1, -1):
        i = 0
        while i < len(kept):
            if kept[i] >= k:
                j = i
                while j < len(kept) and kept[j] >= k:
                    j += 1
                order[i:j] = order[i:j][::-1]
                kept[i:j] = kept[i:j][::-1]
                i = j
            else:
                i += 1
    return order


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet=ALPHABET + "\t\u2067\u2066\u2069\u202b\u202c", min_size=1, max_size=80),
    st.sampled_from(["auto", "ltr", "rtl"]),
    st.data(),
)
def test_any_line_of_a_paragraph_matches_naive_l1_l2(text, base, data):
    # Lines cut anywhere in the paragraph: the fast paths of reorder_line
    # (one level, two levels, runs) against the rules read literally.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    par = resolve_paragraph(text, base)
    assert reorder_line(par, start, end) == _naive_l1_l2(par, start, end)
