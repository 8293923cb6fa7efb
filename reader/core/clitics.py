"""Arabic proclitics: narrow a selected word to the name inside it.

An Arabic word may carry, in this order, a conjunction (و "and", ف "so"), a
preposition (ب "in/with", ك "like", ل "for") and the article ال; ل + ال is written لل
(للفضاء). Annotators want the name without the conjunction and preposition: والصين →
الصين. Whether the article stays is the caller's choice (`article=True` strips it,
as NER training data usually wants: والصين → صين); a contracted article (لل) has lost
its alef and cannot be kept on its own, so it always goes with its preposition:
للفضاء → فضاء.

The letters و ف ب ك ل also begin many words and names (وزير, فرنسا, بريطانيا, كانت,
لبنان), so the rule is conservative; a wrong cut hurts more than a missed one:
- a conjunction or preposition is cut only if at least 4 letters remain after it
  (فيما, لكن, بين, كان, ومصر keep their letters), or if the article follows it;
- never from a word that starts with one of ROOT_INITIAL (folded prefixes such as
  وزير, بريطاني, برنامج: the first letter is part of the word);
- the article is cut only if at least 3 letters remain and the rest is not one of
  ARTICLE_WORDS (الله, الذي, التي, ألمانيا…: words whose ال is not the article);
- لل counts as preposition + article only if 3 letters follow and the word after the
  preposition is not ROOT_INITIAL (للبنان is ل + لبنان, للجنة is ل + لجنة).
Letters are counted without harakat and tatweel; marks on a cut letter (وَ) go with it.
Words with letters outside the Arabic alphabet (Persian پ چ ژ گ ک ی, Latin) are left
alone: the rule is for Arabic only. Suffixed pronouns are not handled.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.search import fold
from reader.core.textunits import is_mark, word_at

__all__ = ["strip_clitics", "name_start", "ROOT_INITIAL", "ARTICLE_WORDS"]

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"
_ALEFS = "\u0627\u0671"  # a written article starts with a bare alef or alef wasla
_TATWEEL = "\u0640"

# Folded beginnings of words whose first letter is و ف ب ك ل of the root (or of a name).
ROOT_INITIAL = (
    "وكال وكيل وزار وزير وزرا ولاي وطن وسط وقت وفد وفق وثيق وضع وصل وجود وجه وحد "
    "واحد ورا ورق وقع وقف ولد وعد وصف واقع وسائل وسيل واشنطن وارسو ويلز وليام "
    "فرنس فلسطين فنزويل فيتنام فنلند فيين فريق فرص فرع فتره فكر فضا فيلم فيما فيه فقط "
    "فوق فعل فائد فرد فيدرال فيسبوك فلاديمير فولغا "
    "بريطان بروكسل برلين باريس بغداد بيروت بكين بوتين بايدن بلجيك بولند بنغلاديش "
    "باكستان بلغار بلد بلاد بيان بين بحث بحر برنامج برامج بشر بعث بعد بعض بدء بدا "
    "بداي بطل بنا بنك بيت بيي برلمان بورص باب "
    "كوري كيني كولومبي كازاخستان كمبودي كرواتي كاتالون كان كبير كثير كل كتاب كتب "
    "كشف كميه كهربا كوكب كيف كيم كييف كاليفورن "
    "ليبي لبنان لاتفي ليتوان لوكسمبورغ لاوس لجن لقا لكن لدي لعب لغ ليل لحظ لون لقب لوا "
    "لندن"
).split()

# Folded words that start with ال without it being the article.
ARTICLE_WORDS = frozenset(
    "الله اللهم الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللايي "
    "الا الي الان المانيا الماني المانيه البانيا الباني الاسكا".split()
)


def _letters(word: str) -> list[int]:
    """Indexes in `word` of its letters (not marks, not tatweel)."""
    return [i for i, c in enumerate(word) if c != _TATWEEL and not is_mark(c)]


def _is_arabic(word: str) -> bool:
    for c in word:
        if is_mark(c) or c == _TATWEEL:
            continue
        if not ("\u0621" <= c <= "\u064a" or c == "\u0671"):
            return False
    return True


_ROOT_INITIAL = re.compile("|".join(sorted(map(re.escape, ROOT_INITIAL), key=len, reverse=True)))


def _root_initial(rest: str) -> bool:
    return _ROOT_INITIAL.match(fold(rest)) is not None


@lru_cache(maxsize=65536)
def name_start(word: str, *, article: bool = True) -> int:
    """Where the name starts inside one Arabic `word` (an index into `word`): 0 when
    nothing can be cut safely. Cached: news text repeats its words."""
    if not _is_arabic(word):
        return 0
    letters = _letters(word)
    chars = [word[i] for i in letters]
    n = len(letters)

    def rest(k: int) -> str:
        return word[letters[k]:] if k < n else ""

    def article_at(k: int) -> int:
        """Length (in letters) of a written article starting at letter k, else 0."""
        if k + 2 <= n and chars[k] in _ALEFS and chars[k + 1] == "ل":
            if n - (k + 2) >= 3 and fold(rest(k)) not in ARTICLE_WORDS:
                return 2
        return 0

    k = 0
    for clitics in (_CONJUNCTIONS, _PREPOSITIONS):
        if k < n and chars[k] in clitics and not _root_initial(rest(k)):
            after = k + 1
            if chars[k] == "ل" and after < n and chars[after] == "ل":
                # ل + contracted article, unless the word after ل starts with ل itself.
                if n - (after + 1) >= 3 and not _root_initial(rest(after)):
                    return letters[after + 1]
            if article_at(after) or n - after >= 4:
                k = after
    if article:
        k += article_at(k)
    return letters[k] if k < n else 0


def strip_clitics(text: str, start: int, end: int, *, article: bool = True) -> tuple[int, int]:
    """The selection `[start, end)` narrowed past the proclitics of its first word
    (and the article when `article` is true); the end never moves."""
    if start >= end:
        return start, end
    word = word_at(text, start)
    if word is None:
        return start, end
    word_end = min(word[1], end)
    cut = name_start(text[start:word_end], article=article)
    return start + cut, end
