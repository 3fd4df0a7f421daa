"""Reporters named in bylines and credit lines are people, on the shapes Arabic news prints:
``عمر إبراهيم – عين اليوم``, ``سعود الدعجاني - سبق - عسير:``, a name alone on the last line;
an outlet's credit, a place's dateline and a headline are not."""

import pytest

from archive.extraction import extract
from archive.extraction.bylines import dateline_name
from archive.ingest import parse_document
from archive.services.gazetteer import gazetteer_get
from archive.services.mentions import extraction_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]

LEAD = (
    "أكدت وزارة العمل في دليلها الإرشادي الجديد أنه سيتم إيقاف الخدمات عن المنشآت "
    "التي يثبت تقديمها بلاغات كيدية بحق العمالة الوافدة."
)


def people_in(content: str, title: str = "وزارة العمل تعتمد إجراءات عقابية") -> list[str]:
    """The people extraction proposes in an article imported from ``content``."""
    parsed = parse_document(content, title_hint=title)
    text = extraction_text(
        title=parsed.title,
        body=parsed.body,
        title_derived=parsed.title_derived,
        dateline=parsed.metadata.get("dateline"),
    )
    found = extract(text, gazetteer_get())
    return [c.name for c in found.candidates if c.kind == "person"]


def named(dateline: str) -> str | None:
    span = dateline_name(dateline)
    return dateline[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("dateline", "name"),
    [
        ("عمر إبراهيم", "عمر إبراهيم"),
        ("سعود الدعجاني - سبق - عسير", "سعود الدعجاني"),
        ("الرياض - محمد الغامدي", "محمد الغامدي"),
        ("عبدالرحمن الشهري", "عبدالرحمن الشهري"),
        ("عبير الرجباني- سبق- الرياض", "عبير الرجباني"),
        ("عبد الله البارقي- سبق- عدن", "عبد الله البارقي"),
        ("Next Previous أحمد حجازي", "أحمد حجازي"),
    ],
)
def test_the_reporter_of_a_dateline(dateline, name):
    assert named(dateline) == name


@pytest.mark.parametrize(
    "dateline",
    [
        "عين اليوم",
        "سبق- متابعة",
        "واس (المنامة)",
        "مكة المكرمة",
        "إيلاف من لندن",
        "الحد الجنوبي",
        "وزير الخارجية السعودي",
        "أ ف ب- أبوظبي",
    ],
)
def test_an_outlet_or_a_place_is_no_reporter(dateline):
    assert named(dateline) is None


def test_the_dateline_keeps_its_reporter_and_blanks_the_rest():
    body = "سعود الدعجاني - سبق - عسير: كشف أحد أقارب الجاني تفاصيل الحادثة"
    text = extraction_text(title="", body=body, dateline="سعود الدعجاني - سبق - عسير")
    assert len(text) == len(body)
    assert text.startswith("سعود الدعجاني ")
    assert "عسير" not in text and "سبق" not in text
    assert text.endswith(body[len("سعود الدعجاني - سبق - عسير") :])


def test_a_dateline_without_a_reporter_is_blanked_whole():
    body = "واس – جدة: تلقى خادم الحرمين الشريفين اتصالا هاتفيا"
    text = extraction_text(title="", body=body, dateline="واس – جدة")
    assert text == " " * len("واس – جدة") + body[len("واس – جدة") :]


def test_name_dash_outlet_on_its_own_line():
    assert "عمر إبراهيم" in people_in("عمر إبراهيم – عين اليوم\n" + LEAD)


def test_name_outlet_place_before_a_colon():
    found = people_in("سعود الدعجاني - سبق - عسير: " + LEAD)
    assert "سعود الدعجاني" in found


def test_a_woman_reporter_by_her_family_nisba():
    assert "حنان الحامدي" in people_in("Next Previous حنان الحامدي – عين اليوم\n" + LEAD)


def test_name_dash_place():
    assert "حامد القرشي" in people_in("حامد القرشي – مكة المكرمة\n" + LEAD)


def test_a_name_alone_on_the_last_line():
    """A page's closing byline (an HTML page keeps its last short line in the body)."""
    found = extract(f"عنوان الخبر\n\n{LEAD}\n{LEAD}\n- خالد الدوس", gazetteer_get())
    assert [c.name for c in found.candidates if c.kind == "person"] == ["خالد الدوس"]


def test_a_last_line_of_ordinary_words_names_nobody():
    found = extract(f"عنوان الخبر\n\n{LEAD}\n{LEAD}\nوالله ولي التوفيق", gazetteer_get())
    assert [c.name for c in found.candidates if c.kind == "person"] == []


def test_an_outlet_credit_names_nobody():
    assert people_in("عين اليوم – جدة\n" + LEAD) == []


def test_a_place_dateline_names_nobody():
    assert people_in("الرياض – واس\n" + LEAD) == []


def test_a_headline_opening_with_a_name_is_no_byline():
    """``عبدالغني يعود للأخضر``: a headline of a name and a verb is not a credit line."""
    found = people_in(LEAD + "\n" + LEAD, title="عبدالغني يعود للأخضر")
    assert not any(name.startswith("عبدالغني يعود") for name in found)
