"""What the page set's sites share: the page's data, dates written as Arabic sites write them,
menus, comments, cookie notices, footers and the other chrome around an article."""

import json
from dataclasses import dataclass
from datetime import date
from html import escape

WEEKDAYS = "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split()
MONTHS = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split()
LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
PAIRED = ["يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر",
          "اكتوبر", "نوفمبر", "ديسمبر"]  # fmt: skip
MENU = "الرئيسية سياسة اقتصاد رياضة منوعات تكنولوجيا صحة ثقافة فيديو".split()
COOKIE = (
    "يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك. "
    "بمواصلة التصفح فإنك توافق على سياسة الخصوصية الخاصة بنا."
)
COMMENT_POLICY = (
    "التعليقات المنشورة لا تعبر عن رأي الموقع وإنما تعبر عن رأي أصحابها، "
    "ويحتفظ الموقع بحق حذف أي تعليق يتضمن إساءة أو خروجا عن موضوع الخبر."
)
COMMENTS = [
    ("أبو محمد", "الله يحفظ بلادنا من كل شر، خبر مهم شكرا على المتابعة والتغطية المستمرة."),
    ("سارة", "للأسف هذه الأخبار تتكرر كل يوم ولا أحد يتحرك لإيجاد حل حقيقي للمشكلة."),
]
FOOTER = "جميع الحقوق محفوظة © {year} {site}. يمنع نسخ أو إعادة نشر المحتوى دون إذن مسبق."


@dataclass
class Page:
    title: str
    paragraphs: list[str]
    published: date
    byline: str
    site: str
    url: str
    date_style: str
    byline_style: str
    others: list[str]


def e(text: str) -> str:
    return escape(text, quote=True)


def written_date(page: Page) -> str:
    day, style = page.published, page.date_style
    weekday = WEEKDAYS[day.weekday()]
    if style == "text_numeric":
        return f"نشر في {day:%d/%m/%Y} - {day.day % 12 + 1}:15 م"
    if style == "text_levantine":
        return f"{weekday}، {day.day} {LEVANTINE[day.month - 1]} {day.year}"
    if style == "text_paired":
        return f"{weekday}، {day.day} {LEVANTINE[day.month - 1]}/{PAIRED[day.month - 1]} {day.year}"
    return f"{weekday} {day.day} {MONTHS[day.month - 1]} {day.year}"


def iso(page: Page) -> str:
    return f"{page.published.isoformat()}T09:30:00+03:00"


def date_meta(page: Page) -> str:
    if page.date_style == "meta":
        return f'<meta property="article:published_time" content="{iso(page)}">'
    return ""


def date_visible(page: Page) -> str:
    if page.date_style.startswith("text"):
        return f'<span class="date">{e(written_date(page))}</span>'
    if page.date_style == "time":
        return f'<time datetime="{iso(page)}">{e(written_date(page))}</time>'
    return '<span class="date">منذ 5 ساعات</span>' if page.date_style == "meta" else ""


def json_ld(page: Page, author_type: str = "Person") -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "mainEntityOfPage": page.url,
        "publisher": {"@type": "Organization", "name": page.site},
    }
    if page.date_style == "jsonld":
        data["datePublished"] = iso(page)
    if page.byline:
        data["author"] = {"@type": author_type, "name": page.byline}
    return (
        '<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False) + "</script>"
    )


def body(page: Page, tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{e(p)}</{tag}>" for p in page.paragraphs)


def links(titles: list[str], with_dates: bool = False) -> str:
    items = []
    for number, title in enumerate(titles):
        extra = f' <span class="date">{12 + number} مارس 2014</span>' if with_dates else ""
        items.append(f'<li><a href="/news/{number + 900}">{e(title)}</a>{extra}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def menu() -> str:
    return "".join(f'<li><a href="/{i}">{e(m)}</a></li>' for i, m in enumerate(MENU))


def comments_block(heading: str) -> str:
    items = "".join(
        f'<li class="comment"><div class="comment-author">{e(name)}</div>'
        f'<div class="comment-content"><p>{e(text)}</p></div></li>'
        for name, text in COMMENTS
    )
    return (
        f'<div id="comments" class="comments-area"><h3 class="comments-title">{heading}</h3>'
        f'<ol class="comment-list">{items}</ol>'
        '<div id="respond" class="comment-respond"><h3>اترك تعليقاً</h3>'
        "<p>لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p>"
        f'<p class="policy">{e(COMMENT_POLICY)}</p>'
        '<form><textarea name="comment"></textarea><input name="author">'
        '<button type="submit">إرسال التعليق</button></form></div></div>'
    )


def head(page: Page, title: str, extra: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{extra}\n"
        '<link rel="stylesheet" href="/static/style.css">\n'
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "</script>\n</head>\n"
    )


def og(page: Page, title: str | None = None) -> str:
    return (
        f'<meta property="og:title" content="{e(title or page.title)}">\n'
        f'<meta property="og:site_name" content="{e(page.site)}">\n'
        f'<meta property="og:url" content="{e(page.url)}">\n'
        f'<meta property="og:type" content="article">\n'
    )


def footer(page: Page) -> str:
    return e(FOOTER.format(year=page.published.year, site=page.site))


# --- the kinds of site ------------------------------------------------------------------
