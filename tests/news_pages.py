"""Saved news pages in the shapes real sites give them, with the paragraphs of their article.

Each page has what surrounds an article on a news site: a menu, an advertisement, a
byline, a "read also" list, share buttons, comments, a "most read" sidebar, a footer; the
English one a cookie banner and an embedded tweet. `Page.paragraphs` is what a reader
of the page would call the article: the headline, then the body's headings, paragraphs,
list items and quotes, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class Page:
    name: str
    html: str
    paragraphs: list[str]
    encoding: str = "utf-8"
    meta: dict[str, str | None] = field(default_factory=dict)
    lang: str = ""
    direction: str = "ltr"

    def bytes(self) -> bytes:
        return self.html.encode(self.encoding)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="/l{i}">{escape(item)}</a></li>' for i, item in enumerate(items)) + "</ul>"


def news_page(*, lang: str, direction: str | None, charset_tag: str, title: str, site: str, url: str,
              published: str, author: str, menu: list[str], ad: str, byline: str, body: list[tuple[str, str]],
              read_also: tuple[str, list[str]], share: list[str], comments: tuple[str, list[str]],
              sidebar: tuple[str, list[str]], footer: str, before_article: str = "") -> str:
    """A news page: `body` is (tag, text) blocks of the article ("p", "h2", "li", "quote")."""
    parts = []
    in_list = False
    for tag, text in body:
        if tag == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif tag != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        if tag == "quote":
            parts.append(f"<blockquote><p>{escape(text)}</p></blockquote>")
        else:
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
    if in_list:
        parts.append("</ul>")
    dir_attr = f' dir="{direction}"' if direction else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}"{dir_attr}>
<head>
{charset_tag}
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{escape(author)}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
{before_article}
<header class="site-header"><a class="logo" href="/">{escape(site)}</a>
<nav class="main-menu">{_list(menu)}</nav></header>
<div class="ad ad-leaderboard" id="div-gpt-ad-1"><span>{escape(ad)}</span></div>
<main id="content">
<article class="article">
<h1 class="article-title">{escape(title)}</h1>
<div class="byline"><span class="author">{escape(byline)}</span></div>
<div class="article-body">
{chr(10).join(parts)}
</div>
<div class="read-also"><h3>{escape(read_also[0])}</h3>{_list(read_also[1])}</div>
<div class="share-buttons">{" ".join(f'<a class="share" href="#">{escape(s)}</a>' for s in share)}</div>
</article>
<section id="comments" class="comments"><h3>{escape(comments[0])}</h3>
{"".join(f'<div class="comment"><p>{escape(c)}</p></div>' for c in comments[1])}
</section>
</main>
<aside class="sidebar most-read"><h3>{escape(sidebar[0])}</h3>{_list(sidebar[1])}</aside>
<footer class="site-footer"><p>{escape(footer)}</p></footer>
<script src="/static/app.js"></script>
</body></html>
"""


def _page(name: str, *, title: str, body: list[tuple[str, str]], encoding: str = "utf-8",
          charset_tag: str = '<meta charset="utf-8">', lang: str, direction: str | None, site: str,
          url: str, published: str, author: str, date: str, **chrome) -> Page:
    html = news_page(lang=lang, direction=direction, charset_tag=charset_tag, title=title, site=site, url=url,
                     published=published, author=author, body=body, **chrome)
    return Page(name, html, [title] + [text for _, text in body], encoding,
                {"title": title, "site": site, "date": date, "url": url, "author": author},
                lang, direction or "ltr")


ARABIC_BODY = [
    ("p", "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية، في خطوة تعزز التعاون الفضائي بين البلدين بعد شهور من المحادثات."),
    ("p", "وقالت وكالة روسكوزموس في بيان إن المحطة ستكون مجمعا من المرافق التجريبية على سطح القمر أو في مداره."),
    ("h2", "تفاصيل الاتفاق"),
    ("p", "وأضاف البيان أن المحطة ستكون مفتوحة أمام جميع الدول والشركاء الدوليين المهتمين بالمشاركة في المشروع."),
    ("li", "تطوير البنية التحتية العلمية على سطح القمر."),
    ("li", "إطلاق بعثات روبوتية مشتركة قبل عام 2030."),
    ("quote", "هذه خطوة تاريخية في استكشاف الفضاء، قال المتحدث باسم الوكالة للصحفيين."),
    ("p", "ولم يتضح بعد حجم المساهمات الفنية التي يقدمها كل طرف في هذا المشروع الطموح."),
]

ARABIC_CHROME = dict(
    menu=["الرئيسية", "سياسة", "اقتصاد", "رياضة", "تكنولوجيا"],
    ad="إعلان: اشترك الآن واحصل على خصم خمسين بالمئة على الاشتراك السنوي",
    byline="سارة أحمد · 10 مارس 2021",
    read_also=("اقرأ أيضا", ["ناسا تعلن عن موعد جديد لمهمة أرتميس", "الصين تطلق مسبارا إلى الجانب البعيد من القمر"]),
    share=["شارك على فيسبوك", "شارك على تويتر", "واتساب"],
    comments=("التعليقات (2)", ["خبر رائع، أتمنى أن ينجح المشروع قريبا.", "متى سيتم الإطلاق الأول؟ لا أحد يعرف."]),
    sidebar=("الأكثر قراءة", ["خبر آخر مهم جدا للقراء اليوم", "أسعار الذهب ترتفع من جديد"]),
    footer="جميع الحقوق محفوظة © 2021 الجريدة",
)


def arabic_page(encoding: str = "utf-8") -> Page:
    """An Arabic news page; in windows-1256 it says so the way old Arabic sites do."""
    charset_tag = ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
                   if encoding == "cp1256" else '<meta charset="utf-8">')
    return _page(f"arabic-{encoding}", title="روسيا والصين تتفقان على بناء محطة قمرية", body=ARABIC_BODY,
                 encoding=encoding, charset_tag=charset_tag, lang="ar", direction="rtl", site="الجريدة",
                 url="https://aljarida.example/news/2021/03/10/lunar-station", published="2021-03-10T09:30:00+03:00",
                 author="سارة أحمد", date="2021-03-10", **ARABIC_CHROME)


def hebrew_page() -> Page:
    """A Hebrew page in windows-1255 with dir="rtl" and a "ראו גם" list."""
    body = [
        ("p", "רוסיה וסין חתמו על הסכם להקמת תחנת מחקר בינלאומית על הירח, כך הודיעו סוכנויות החלל של שתי המדינות."),
        ("p", "לפי ההודעה, התחנה תכלול מתקנים ניסיוניים על פני הירח או במסלול סביבו."),
        ("h2", "מה כולל ההסכם"),
        ("p", "הסוכנויות אמרו כי התחנה תהיה פתוחה לכל המדינות והשותפים הבינלאומיים שירצו להצטרף."),
    ]
    return _page("hebrew", title="רוסיה וסין יקימו תחנת מחקר על הירח", body=body, encoding="cp1255",
                 charset_tag='<meta http-equiv="Content-Type" content="text/html; charset=windows-1255">',
                 lang="he", direction="rtl", site="חדשות החלל", url="https://news.example.co.il/space/12345",
                 published="2021-03-11T07:00:00+02:00", author="דנה כהן", date="2021-03-11",
                 menu=["ראשי", "חדשות", "כלכלה", "ספורט"], ad="פרסומת: מבצע מנויים לזמן מוגבל בלבד",
                 byline="דנה כהן · 11 במרץ 2021",
                 read_also=("ראו גם", ["נאס\"א דוחה את משימת ארטמיס", "סין הנחיתה רכב בצד הרחוק של הירח"]),
                 share=["שתפו בפייסבוק", "שתפו בוואטסאפ"],
                 comments=("תגובות", ["סוף סוף חדשות טובות מהחלל.", "מעניין מתי זה יקרה בפועל."]),
                 sidebar=("הנקראים ביותר", ["כתבה אחרת שכולם קוראים היום"]), footer="כל הזכויות שמורות © 2021")


def persian_page() -> Page:
    body = [
        ("p", "روسیه و چین توافق‌نامه‌ای برای ساخت ایستگاه بین‌المللی تحقیقات ماه امضا کردند و این همکاری را گامی مهم خواندند."),
        ("p", "به گفته روسکاسموس، این ایستگاه مجموعه‌ای از تأسیسات آزمایشی روی سطح ماه یا در مدار آن خواهد بود."),
        ("p", "دو آژانس فضایی اعلام کردند که این ایستگاه برای همه کشورهای علاقه‌مند باز خواهد بود."),
    ]
    return _page("persian", title="روسیه و چین ایستگاه تحقیقاتی ماه می‌سازند", body=body, lang="fa", direction="rtl",
                 site="خبرگزاری نمونه", url="https://khabar.example.ir/news/98765", published="2021-03-10T10:00:00+03:30",
                 author="مریم رضایی", date="2021-03-10", menu=["صفحه اصلی", "سیاسی", "اقتصادی", "ورزشی"],
                 ad="آگهی: با اشتراک ویژه همه اخبار را بخوانید", byline="مریم رضایی · ۲۰ اسفند ۱۳۹۹",
                 read_also=("همچنین بخوانید", ["ناسا زمان جدید ماموریت آرتمیس را اعلام کرد", "چین کاوشگری به سمت دیگر ماه فرستاد"]),
                 share=["اشتراک در تلگرام", "اشتراک در توییتر"],
                 comments=("نظرات", ["خبر خوبی است، امیدوارم زودتر انجام شود.", "چه زمانی پرتاب می‌شود؟"]),
                 sidebar=("پربازدیدترین‌ها", ["خبر دیگری که امروز همه می‌خوانند"]), footer="تمامی حقوق محفوظ است")


COOKIE_BANNER = ('<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our '
                 'site. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button>'
                 '<a href="/privacy">Privacy policy</a></div>')
TWEET = ('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Today we signed a memorandum with China on the '
         'International Lunar Research Station.</p>&mdash; Roscosmos (@roscosmos) '
         '<a href="https://twitter.com/roscosmos/status/1369">March 9, 2021</a></blockquote>\n'
         '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')


def english_page() -> Page:
    """An English page with a cookie banner and an embedded tweet (kept: the article
    quotes it; its attribution line and the widget script are not article text)."""
    body = [
        ("p", "Russia and China signed an agreement on Tuesday to build an international research station on the Moon, the two countries' space agencies said."),
        ("p", "The station will be a complex of experimental research facilities on the lunar surface or in lunar orbit, according to a statement from Roscosmos."),
        ("tweet", "Today we signed a memorandum with China on the International Lunar Research Station."),
        ("p", "The agencies said the station would be open to all interested countries and international partners."),
    ]
    page = _page("english", title="Russia and China agree to build a lunar research station", body=body,
                 lang="en", direction=None, site="Space Daily Wire", url="https://spacewire.example.org/2021/03/10/lunar-station/",
                 published="2021-03-10T08:15:00Z", author="Jane Miller", date="2021-03-10",
                 menu=["Home", "Science", "Missions", "Subscribe"], ad="Advertisement: Try our premium plan free for 30 days",
                 byline="By Jane Miller · March 10, 2021",
                 read_also=("Related", ["NASA picks companies for lunar landers", "China lands rover on the far side of the Moon"]),
                 share=["Share on Twitter", "Share on Facebook"],
                 comments=("2 comments", ["Great news for science!", "About time someone did this."]),
                 sidebar=("Most read", ["Another story everyone reads today"]),
                 footer="© 2021 Space Daily Wire. All rights reserved.", before_article=COOKIE_BANNER)
    page.html = page.html.replace(f"<tweet>{body[2][1]}</tweet>", TWEET)
    return page


def all_pages() -> list[Page]:
    return [arabic_page("utf-8"), arabic_page("cp1256"), hebrew_page(), persian_page(), english_page()]
