"""`reader render --no-wrap` against GNU FriBidi on real and hand-written paragraphs.

FriBidi (the `fribidi` command, libfribidi-bin) is an independent implementation of
UAX #9 with L3 (--reordernsm) and L4. Shaping differs by design (FriBidi keeps one
glyph per character and pads lam-alef with U+FEFF; we use arabic-reshaper's
ligatures) so both outputs are compared after NFKC and without BOM/ZWNBSP, ZWJ,
ZWNJ and bidi controls, which neither draws.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

SEEDS = sorted(Path(__file__).resolve().parent.parent.glob("seeds/*.txt"))
INVISIBLE = re.compile("[\ufeff\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

# Hand-written news-like paragraphs: harakat, lam-alef variants, tatweel, Arabic-Indic
# and Persian digits, ZWNJ, Urdu letters, Hebrew, Latin names, numbers, percentages,
# currency, dates, URLs, e-mail addresses and nested brackets.
TEXTS = [
    # Arabic
    "قالَ الرَّئِيسُ إِنَّ النُّمُوَّ بَلَغَ ٣٫٥٪ فِي عامِ ٢٠٢٤ (وَفْقًا لِـ[صندوق النقد]).",
    "لا لأ لإ لآ: كلمات لاعب وأحلام وإسلام والآن، ثم الله واللّه.",
    "جـــمـــيـــل! سعر البرميل 85.3$ أي نحو €78 بتاريخ 2024-03-15 الساعة 10:30.",
    "زوروا https://example.com/ar/news?id=42&lang=ar أو راسلونا على info@example.org اليوم.",
    "قال (أحمد [محمد {Ali} بن] علي) إن نسبة 45% من الناخبين صوتوا لـ Macron في 7/5/2017.",
    "ارتفع مؤشر S&P 500 بنسبة 1.2% إلى 4,783.45 نقطة، فيما تراجع الـ Nasdaq.",
    "«الحرية» هي شعار حملة \"Yes We Can\" التي أطلقها Barack Obama عام ٢٠٠٨م.",
    # Persian
    "می‌خواهم کتاب‌ها را بخوانم؛ قیمت آن ۱۲۵٬۰۰۰ تومان است (حدود ۳ دلار).",
    "خبرگزاری ایرنا (IRNA) گزارش داد که تورم به ۴۰٪ رسیده است: www.irna.ir",
    "نشست «گروه ۲۰» در تاریخ ۱۴۰۲/۰۶/۱۸ با حضور Joe Biden برگزار شد.",
    # Urdu
    "پاکستان کے وزیر اعظم نے کہا کہ معیشت میں 2.5 فیصد اضافہ ہوا ہے (ڈاکٹر ٹوپی والا)۔",
    "لاہور میں ۲۰۲۴ کے انتخابات کے نتائج dawn.com پر دیکھیں، رابطہ: news@dawn.com",
    # Hebrew
    "ראש הממשלה אמר כי הצמיחה הגיעה ל-3.5% בשנת 2024 (לפי [בנק ישראל]).",
    "המחיר: ₪120 או $32.50 — ראו https://www.ynet.co.il/news ועוד.",
    "שָׁלוֹם עֲלֵיכֶם, אמר David Ben-Gurion ב-14 במאי 1948.",
    # Latin paragraphs with RTL inside
    "The minister (وزير الخارجية) met Mr. Cohen (מר כהן) on 2024-01-05 at 10:00.",
    "Prices rose 3% [in Tehran (تهران)] while the rial fell to ۵۰۰٬۰۰۰ per $1.",
]


LIGATURES = re.compile("[\ufef5-\ufefc\ufdf2]")


def _normalize(line: str) -> str:
    # A ligature is one glyph for several letters (lam-alef: 2, Allah: 4; FriBidi has
    # only lam-alef, we have both, or none with --no-shape). Arabic letters always run
    # right to left, so in a visual line they stand for their letters reversed.
    line = LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group())[::-1], line)
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", line))


def _ours(tmp_path: Path, paragraphs: list[str], *options: str) -> list[str]:
    path = tmp_path / "in.txt"
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "render", "--no-wrap", *options, str(path)],
        capture_output=True, check=True,
    )
    return proc.stdout.decode("utf-8").split("\n")[:-1]


def _fribidi(paragraphs: list[str], *options: str) -> list[str]:
    proc = subprocess.run(
        ["fribidi", "--nobreak", "--nopad", "--reordernsm", *options],
        input=("\n".join(paragraphs) + "\n").encode("utf-8"), capture_output=True, check=True,
    )
    return proc.stdout.decode("utf-8").split("\n")[:-1]


def _compare(ours: list[str], theirs: list[str]) -> list[str]:
    assert len(ours) == len(theirs)
    return [
        f"ours   {a!r}\nfribidi {b!r}"
        for a, b in zip(ours, theirs)
        if _normalize(a) != _normalize(b)
    ]


def _paragraphs() -> list[str]:
    paragraphs = list(TEXTS)
    for seed in SEEDS:
        paragraphs += [p for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
    return paragraphs


@pytest.mark.skipif(shutil.which("fribidi") is None, reason="needs GNU FriBidi (libfribidi-bin)")
@pytest.mark.parametrize(("base", "fribidi_option"), [("auto", "--wltr"), ("rtl", "--rtl"), ("ltr", "--ltr")])
@pytest.mark.parametrize("shape", [True, False])
def test_same_visual_text_as_fribidi(tmp_path, base, fribidi_option, shape):
    paragraphs = _paragraphs()
    assert len(SEEDS) == 5 and len(paragraphs) > 40
    options = ["--base", base] + ([] if shape else ["--no-shape"])
    diffs = _compare(_ours(tmp_path, paragraphs, *options), _fribidi(paragraphs, fribidi_option))
    assert not diffs, f"{len(diffs)}/{len(paragraphs)} paragraphs differ:\n" + "\n".join(diffs[:10])


def test_shaping_is_really_on(tmp_path):
    """The parity above must not hold merely because nothing was shaped."""
    (out,) = _ours(tmp_path, ["لا سلام"])
    assert "\ufefb" in out and "\ufeb3" in out  # lam-alef ligature, initial seen
