"""The words the date and quantity recognizers know, per language (ar, fa, ur, he, en, it).

Plain data, written as a reader would spell it: the recognizers fold every entry with
`reader.core.search.fold` (harakat, hamza forms, ة/ه, ی/ي, case and digits do not
matter), so one spelling per word is enough where folding joins the variants.

Months that are also ordinary words (Arabic مارس "practised", صفر "zero", آب "father"
once folded; Persian مهر "seal", تیر "arrow", دی, مه "fog"; English May, March, June,
August; Hebrew מאי) are listed in AMBIGUOUS_MONTHS: alone they are never a date, only with a
day or a year beside them.
"""

from __future__ import annotations

#: Month names: each language's Gregorian names, the Levantine (Syriac) and Maghreb
#: Arabic names, the Hijri months and the Persian (Solar Hijri) months.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    ),
    "it": (
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre",
    ),
    "ar": (
        "يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
        "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
        # Levantine and Iraqi names
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
        "تشرين الأول", "تشرين الثاني", "كانون الأول",
        # Maghreb names
        "جانفي", "فيفري", "أفريل", "ماي", "جوان", "جويلية", "أوت",
        # Hijri months
        "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى",
        "جمادى الآخرة", "جمادى الثانية", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
    ),
    "fa": (
        "ژانویه", "فوریه", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
        # Solar Hijri months
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ),
    "ur": (
        "جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر",
    ),
    "he": (
        "ינואר", "פברואר", "מרץ", "מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
        "אוקטובר", "נובמבר", "דצמבר",
    ),
}

#: Months that are ordinary words too: a date only with a day or a year beside them.
AMBIGUOUS_MONTHS = frozenset({
    "May", "March", "June", "August", "Mar.", "Jun.", "Aug.",
    "مارس", "صفر", "آب", "تموز", "نيسان", "رجب", "شعبان", "رمضان", "محرم", "ماي", "أوت", "جون",
    "مه", "اوت", "تیر", "مهر", "دی", "آذر", "بهمن", "آبان", "جون", "مئی",
    "מאי",
})

#: Days of the week; Arabic, Persian and Hebrew ones may follow the word for "day".
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "ar": ("الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "fa": ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه", "شنبه", "یکشنبه", "یک‌شنبه"),
    "ur": ("پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار"),
    "he": ("יום ראשון", "יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת"),
}
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

#: Number words, for counts written out ("سبعة ملايين", "three years"). Small numbers,
#: tens and hundreds; larger numbers are written in digits in news.
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "a hundred", "hundreds of", "several", "a few", "dozens of",
    ),
    "it": (
        "uno", "una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
        "venti", "trenta", "quaranta", "cinquanta", "cento", "centinaia di", "decine di",
    ),
    "ar": (
        "واحد", "اثنان", "اثنين", "اثنتان", "ثلاث", "ثلاثة", "أربع", "أربعة", "خمس", "خمسة",
        "ست", "ستة", "سبع", "سبعة", "ثمان", "ثماني", "ثمانية", "تسع", "تسعة", "عشر", "عشرة",
        "عشرين", "عشرون", "ثلاثين", "ثلاثون", "أربعين", "أربعون", "خمسين", "خمسون", "مئة", "مائة",
        "مئات", "عشرات",
    ),
    "fa": ("یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "بیست", "سی", "چهل", "پنجاه", "صد", "صدها", "ده‌ها"),
    "ur": ("ایک", "دو", "تین", "چار", "پانچ", "چھ", "سات", "آٹھ", "نو", "دس", "بیس", "سو"),
    "he": (
        "אחד", "אחת", "שניים", "שתיים", "שני", "שתי", "שלושה", "שלוש", "ארבעה", "ארבע", "חמישה",
        "חמש", "שישה", "שש", "שבעה", "שבע", "שמונה", "תשעה", "תשע", "עשרה", "עשר", "עשרים", "מאה", "מאות", "עשרות",
    ),
}

#: Scale words after a number ("6.5 مليار", "2.3 מיליון", "seven million").
SCALES: dict[str, tuple[str, ...]] = {
    "en": ("thousand", "million", "billion", "trillion"),
    "it": ("mila", "mille", "milione", "milioni", "miliardo", "miliardi"),
    "ar": ("ألف", "آلاف", "الف", "مليون", "ملايين", "مليار", "مليارات", "بليون", "ترليون", "تريليون"),
    "fa": ("هزار", "میلیون", "میلیارد", "هزاران", "میلیون‌ها"),
    "ur": ("ہزار", "لاکھ", "کروڑ", "ارب", "کھرب"),
    "he": ("אלף", "אלפי", "אלפים", "מיליון", "מיליוני", "מיליארד", "מיליארדי"),
}

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
