"""The words the date and quantity recognizers know, per language (ar, fa, ur, he, en, it).

Months, weekdays, number and scale words come from the language data `reader compare`
reads (one place for each language's words); what only suggestions need is here: which
months are also ordinary words, the cues before a year, relative dates, units. Plain
data, written as a reader would spell it: the recognizers fold every entry with
`reader.core.search.fold` (harakat, hamza forms, ة/ه, ی/ي, case and digits do not
matter), so one spelling per word is enough where folding joins the variants.

Months that are also ordinary words (Arabic مارس "practised", صفر "zero", آب "father"
once folded; Persian مهر "seal", تیر "arrow", دی, مه "fog"; English May, March, June,
August; Hebrew מאי) are listed in AMBIGUOUS_MONTHS: alone they are never a date, only with a
day or a year beside them.
"""

from __future__ import annotations

from reader.annotate.compare.lexicon import LANGUAGES, language_table

def _words(*categories: str) -> dict[str, tuple[str, ...]]:
    """Per language, the entries of `categories` in the language data that `reader
    compare` reads too (reader/annotate/compare/data/<lang>.toml): each word written once."""
    return {
        lang: tuple(key for category in categories for key in language_table(lang).get(category, {}))
        for lang in LANGUAGES
    }


def _with(table: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {lang: (*table.get(lang, ()), *extra.get(lang, ())) for lang in {*table, *extra}}


#: Month names: each language's Gregorian names, the Levantine and Maghreb Arabic names,
#: the Hijri, Persian (Solar Hijri) and Hebrew months; and the English abbreviations a
#: date is written with ("Mar. 9, 2021"), which the shared data (whole words) has not.
MONTHS: dict[str, tuple[str, ...]] = _with(
    _words("month", "month_hijri", "month_solar", "month_hebrew"),
    {"en": ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")},
)

#: Months that are ordinary words too: a date only with a day or a year beside them.
AMBIGUOUS_MONTHS = frozenset({
    "May", "March", "June", "August", "Mar.", "Jun.", "Aug.",
    "مارس", "صفر", "آب", "تموز", "نيسان", "رجب", "شعبان", "رمضان", "محرم", "ماي", "أوت", "جون",
    "مه", "اوت", "تیر", "مهر", "دی", "آذر", "بهمن", "آبان", "جون", "مئی",
    "מאי",
})

#: Days of the week (with the word for "day" where the data writes it: "يوم الاثنين").
WEEKDAYS: dict[str, tuple[str, ...]] = _words("weekday")
#: The word "day" that may stand before a weekday (part of the date: "يوم الثلاثاء").
DAY_WORDS = ("يوم", "روز")

#: Words before a year that make a four-digit number a year ("في عام 2011", "nel 2021").
YEAR_CUES = (
    # ar
    "عام", "العام", "عامي", "سنة", "السنة", "منذ", "في", "حتى", "بحلول", "قبل", "بعد", "خلال", "مطلع", "أواخر", "أوائل", "نهاية", "بداية", "منتصف",
    # fa, ur
    "سال", "در", "از", "تا", "سنہ",
    # he
    "בשנת", "שנת", "מאז", "עד", "לפני", "אחרי",
    # en
    "in", "since", "until", "by", "before", "after", "year", "during", "early", "late", "mid",
    # it
    "nel", "del", "dal", "al", "anno", "entro", "fino", "dopo", "prima",
)
#: Words after a year that make it one: era markers and postpositions ("2021 میں").
YEAR_MARKS = ("م", "هـ", "ه", "ش", "ه.ش", "AD", "BC", "CE", "BCE", "میں", "ء")

#: Relative expressions that the schema counts as dates, per language. Written with the
#: article where the language writes one; clitics before them (و، ب، ل… ; ב، ו، ל…) are
#: left out of the span by the recognizer.
RELATIVE_DATES: dict[str, tuple[str, ...]] = {
    "en": (
        "last year", "next year", "this year", "last month", "next month", "this month",
        "last week", "next week", "this week", "last decade", "next decade", "the past decade",
        "the next decade", "earlier this year", "later this year", "yesterday", "today", "tomorrow",
    ),
    "it": (
        "l'anno scorso", "lo scorso anno", "l'anno prossimo", "il prossimo anno", "quest'anno",
        "il mese scorso", "il mese prossimo", "la settimana scorsa", "la settimana prossima",
        "il prossimo decennio", "ieri", "oggi", "domani",
    ),
    "ar": (
        "العام الماضي", "العام المقبل", "العام القادم", "العام الحالي", "هذا العام",
        "السنة الماضية", "السنة المقبلة", "السنة القادمة", "الشهر الماضي", "الشهر المقبل",
        "الشهر القادم", "هذا الشهر", "الأسبوع الماضي", "الأسبوع المقبل", "الأسبوع القادم",
        "العقد الماضي", "العقد المقبل", "العقد القادم", "أمس", "الأمس", "غدا",
    ),
    "fa": (
        "سال گذشته", "سال آینده", "سال جاری", "امسال", "پارسال", "ماه گذشته", "ماه آینده",
        "هفته گذشته", "هفته آینده", "دیروز", "فردا",
    ),
    "ur": ("گزشتہ سال", "پچھلے سال", "اگلے سال", "اس سال", "گزشتہ ماہ", "اگلے ماہ", "گزشتہ ہفتے"),
    "he": (
        "השנה שעברה", "שנה שעברה", "השנה הבאה", "שנה הבאה", "החודש שעבר", "חודש שעבר",
        "החודש הבא", "חודש הבא", "השבוע שעבר", "שבוע שעבר", "השבוע הבא", "שבוע הבא", "אתמול", "מחר",
    ),
}
#: Words that make a month (or a weekday) relative when they follow it ("سبتمبر المقبل").
AFTER_MONTH = ("الماضي", "المقبل", "القادم", "گذشته", "آینده", "scorso", "prossimo", "שעבר", "הבא")
#: Words that make it relative when they precede it ("next September", "lo scorso agosto").
BEFORE_MONTH = (
    "last", "next", "this", "early", "late", "mid", "lo scorso", "il prossimo", "lo scorso mese di",
    "inizio", "fine", "metà", "مطلع", "أوائل", "أواخر", "منتصف", "نهاية", "بداية",
)
#: Linking words between a day and its month ("the 9th of March", "9 di marzo").
DAY_OF = ("of", "di", "من", "ב")

#: Ranges of years: the words around them ("between 2021 and 2025", "من 2021 إلى 2025").
RANGE_OPENERS = ("between", "from", "tra il", "fra il", "dal", "بين عامي", "بين", "من عام", "من", "از سال", "از", "בין", "מ")
RANGE_JOINERS = ("and", "to", "until", "e il", "al", "e", "و", "إلى", "الى", "حتى", "تا", "و", "ל", "עד")

#: Number words, for counts written out ("سبعة ملايين", "three years"): the shared data's,
#: and the words for one and a hundred and the vague counts, which `reader compare` leaves
#: out (it compares values) but which count things before a unit ("one year", "عشرات الأطنان").
NUMBER_WORDS: dict[str, tuple[str, ...]] = _with(_words("number"), {
    "en": ("one", "a hundred", "hundreds of", "several", "a few", "dozens of"),
    "it": ("uno", "una", "cento", "centinaia di", "decine di"),
    "ar": ("واحد", "مئة", "مائة", "مئات", "عشرات"),
    "fa": ("یک", "صد", "صدها", "ده‌ها"),
    "ur": ("ایک", "سو"),
    "he": ("אחד", "אחת", "מאה", "מאות", "עשרות"),
})

#: Scale words after a number ("6.5 مليار", "2.3 מיליון", "seven million").
SCALES: dict[str, tuple[str, ...]] = _words("scale", "scale_plural")

#: Units and currencies after a number (plural and dual forms as news writes them).
UNITS: dict[str, tuple[str, ...]] = {
    "en": (
        "dollars", "dollar", "euros", "euro", "pounds", "rubles", "roubles", "yuan", "shekels",
        "people", "persons", "units", "km", "kilometres", "kilometers", "metres", "meters", "miles",
        "kg", "kilograms", "tons", "tonnes", "barrels", "cubic metres", "cubic meters", "MW",
        "years", "months", "weeks", "days", "hours", "percent", "per cent",
    ),
    "it": (
        "dollari", "euro", "rubli", "persone", "chilometri", "km", "metri", "tonnellate",
        "anni", "mesi", "giorni", "per cento",
    ),
    "ar": (
        "دولار", "دولارا", "دولارات", "درهم", "دراهم", "يورو", "ريال", "جنيه", "دينار", "ليرة", "روبل", "يوان",
        "شيكل", "شيقل", "نسمة", "شخص", "أشخاص", "وحدة", "وحدات", "كيلومتر", "كيلومترا", "كيلومترات", "كم",
        "متر مكعب", "مترا مكعبا", "متر", "مترا", "أمتار", "طن", "أطنان", "برميل", "كيلوغرام", "كغ",
        "ميغاواط", "عاما", "أعوام", "سنوات", "سنة", "شهرا", "أشهر", "يوما", "أيام", "ساعة",
        "في المئة", "في المائة", "بالمئة", "بالمائة",
    ),
    "fa": ("دلار", "یورو", "ریال", "تومان", "نفر", "واحد", "کیلومتر", "متر مکعب", "متر", "تن", "سال", "ماه", "روز", "درصد"),
    "ur": ("روپے", "روپیہ", "ڈالر", "افراد", "کلومیٹر", "سال", "فیصد"),
    "he": ("שקלים", "שקל", "ש\"ח", "דולר", "יורו", "אנשים", "יחידות", "קילומטר", "ק\"מ", "מטר", "טון", "שנים", "חודשים", "ימים", "אחוז", "אחוזים"),
}
#: Signs written before or after a number.
CURRENCY_SIGNS = ("$", "€", "£", "₪", "﷼", "US$", "USD", "EUR")
PERCENT_SIGNS = ("%", "٪")


def all_of(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every entry of a per-language table, once, in table order."""
    return tuple(dict.fromkeys(word for words in table.values() for word in words))
