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
