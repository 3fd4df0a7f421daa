"""Page chrome, credits and captions: lines that are not the article's prose.

Chrome (``+ الخط -``, share and print buttons, ``اقرأ أيضا``, the comments
block) is dropped from the body; credits (``المصدر: تاس``, ``الصورة: …``)
and photo captions (a short line ending in a credit such as
``(الرئاسة العراقية)``) leave the body but are kept as metadata, since a
caption can hold the only full date of a report.
"""

import re

from archive.ingest.text import fold

_NON_WORD = re.compile(r"[^\w\s]|_")

# Whole lines, compared on folded letters only ("+ الخط -" → "الخط").
_CHROME_LINES = frozenset(
    fold(line)
    for line in (
        "الخط",
        "حجم الخط",
        "تكبير الخط",
        "تصغير الخط",
        "a a",
        "a a a",
        "شارك",
        "شارك المقال",
        "شارك الخبر",
        "شارك هذا المقال",
        "شارك الموضوع",
        "مشاركة",
        "المشاركة",
        "شارك عبر",
        "طباعة",
        "اطبع",
        "اطبع الخبر",
        "اطبع المقال",
        "نسخة للطباعة",
        "أرسل لصديق",
        "ارسل لصديق",
        "إرسال",
        "حفظ",
        "نسخ الرابط",
        "انسخ الرابط",
        "الرابط المختصر",
        "إعلان",
        "مساحة إعلانية",
        "الرئيسية",
        "عودة",
        "المزيد",
        "اقرأ المزيد",
        "print",
        "share",
        "tweet",
        "email",
        "advertisement",
    )
)
_SHARE_WORDS = frozenset(
    fold(word)
    for word in (
        "فيسبوك فيس بوك تويتر إكس واتساب واتس اب آب تلغرام تيليغرام تليجرام لينكدإن لينكد إن "
        "ماسنجر بريد البريد الإلكتروني إيميل طباعة مشاركة شارك نسخ الرابط "
        "facebook twitter x whatsapp telegram linkedin messenger email print share copy link"
    ).split()
)
# A line starting with one of these (and short) is a widget, not prose.
_CHROME_PREFIXES = tuple(
    fold(prefix)
    for prefix in (
        "اقرأ أيضا",
        "اقرأ ايضاً",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "شاهد أيضا",
        "شاهد ايضاً",
        "طالع أيضا",
        "تابعونا على",
        "تابعنا على",
        "تابعوا",
        "اشترك في",
        "اشترك الآن",
        "حمل تطبيق",
        "حمّل تطبيق",
        "الوسوم",
        "كلمات مفتاحية",
        "كلمات دالة",
        "عدد القراءات",
        "عدد المشاهدات",
        "عدد التعليقات",
        "رابط مختصر",
        "الرابط المختصر",
        "Read also",
        "Read more",
        "أضف تعليق",
        "اترك تعليق",
        "إضافة تعليق",
        "جميع الحقوق محفوظة",
        "حقوق النشر محفوظة",
        "حقوق الطبع محفوظة",
        "©",
    )
)
# Section headings after which nothing belongs to the article.
_END_MARKERS = frozenset(
    fold(line)
    for line in (
        "التعليقات",
        "تعليقات",
        "اضف تعليق",
        "أضف تعليقاً",
        "أضف تعليقك",
        "اترك تعليقا",
        "المساهمون",
        "الأكثر قراءة",
        "الأكثر مشاهدة",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "مقالات ذات صلة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "المزيد من الأخبار",
        "comments",
    )
)
_CREDIT_LABELS = {
    "source": ("المصدر", "مصدر", "المصادر", "source"),
    "photo": ("الصورة", "صورة", "الصور", "مصدر الصورة", "حقوق الصورة", "تصوير", "photo"),
    "byline": ("بقلم", "كتب", "كتبت", "إعداد", "اعداد", "تحرير", "ترجمة", "by"),
}
_CREDIT = re.compile(
    r"^\s*(?P<label>"
    + "|".join(
        sorted({re.escape(fold(label)) for labels in _CREDIT_LABELS.values() for label in labels})
    )
    + r")\s*[:：]\s*(?P<value>\S.*)$"
)
_CREDIT_KIND = {fold(label): kind for kind, labels in _CREDIT_LABELS.items() for label in labels}
# "بقلم فلان", "كتب - فلان": a byline line without a colon (a colon one is a credit above).
_BYLINE = re.compile(
    r"^\s*(?:(?P<plain>بقلم|بواسطه)\s*[-–—]?|(?P<dashed>كتب|كتبت)\s*[-–—])\s*(?P<value>\S.*)$"
)
BYLINE_MAX_WORDS = 5
# A line that is only an agency's credit: "(أ ف ب)", "(واس)".
_AGENCY_LINE = re.compile(r"^\s*\((?P<value>[^()\d]{2,30})\)\s*$")
AGENCY_MAX_WORDS = 4
_CAPTION = re.compile(r"^(?P<text>.*\S)\s*\((?P<credit>[^()\d]{2,60})\)\s*$")
_SENTENCE_END = tuple('.!?؟:؛،"”»')


def _letters_key(line: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(line)).split())


def is_chrome(line: str) -> bool:
    key = _letters_key(line)
    if not key:
        return True
    if key in _CHROME_LINES or key in _END_MARKERS:
        return True
    tokens = key.split()
    if all(token in _SHARE_WORDS for token in tokens):
        return True
    return len(tokens) <= 15 and fold(line).lstrip(" -•*|").startswith(_CHROME_PREFIXES)


def is_end_marker(line: str) -> bool:
    return _letters_key(line) in _END_MARKERS


def credit(line: str) -> dict | None:
    """``المصدر: تاس`` → {"kind": "source", "label": "المصدر", "value": "تاس"}."""
    if len(line.split()) > 15:
        return None
    match = _CREDIT.match(fold(line))
    if not match:
        return _byline(line)
    label_end = line.find(":") if ":" in line else line.find("：")
    return {
        "kind": _CREDIT_KIND[match["label"]],
        "label": line[:label_end].strip(),
        "value": line[label_end + 1 :].strip(),
    }


def _byline(line: str) -> dict | None:
    agency = _AGENCY_LINE.match(line)
    if agency and len(agency["value"].split()) <= AGENCY_MAX_WORDS:
        return {"kind": "agency", "label": "", "value": agency["value"].strip()}
    match = _BYLINE.match(fold(line))
    if not match or len(match["value"].split()) > BYLINE_MAX_WORDS:
        return None
    words = line.split()
    value = " ".join(words[len(words) - len(match["value"].split()) :])
    return {"kind": "byline", "label": words[0], "value": value}


def is_caption(line: str) -> bool:
    """A short descriptive line ending in a parenthesised credit: ``… (فيسبوك)``."""
    match = _CAPTION.match(line)
    if not match or any(q in line for q in '"“”«»'):
        return False
    text, credit_words = match["text"], match["credit"].split()
    if not 1 <= len(credit_words) <= 5 or any(ch in match["credit"] for ch in ".،,:؛"):
        return False
    return 3 <= len(text.split()) <= 40 and not text.endswith(_SENTENCE_END)


def is_trailing_fragment(line: str) -> bool:
    """A short line without a sentence end, left at the very bottom (tags, related links)."""
    return len(line.split()) <= 8 and not line.rstrip("\"”»' ").endswith(tuple(".!?؟"))
