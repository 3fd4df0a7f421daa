"""Publication dates from Arabic text, and why historical dates are not publication dates."""

import datetime

import pytest

from archive.ingest import parse_document
from archive.ingest.dates import find_dates, parse_date_value

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 تشرين الثاني نوفمبر 2021", D(2021, 11, 30)),
        ("25 نوفمبر/تشرين الثاني 2020", D(2020, 11, 25)),
        ("22 ابريل 2021", D(2021, 4, 22)),
        ("22 أبريل 2021", D(2021, 4, 22)),
        ("22 إبريل 2021", D(2021, 4, 22)),
        ("9 أيلول سبتمبرعام 1944", D(1944, 9, 9)),
        ("1 آذار (مارس) 2019", D(2019, 3, 1)),
        ("15 آب أغسطس 2015", D(2015, 8, 15)),
        ("٣٠ تشرين الثاني ٢٠٢١", D(2021, 11, 30)),
        ("27/02/2025", D(2025, 2, 27)),
        ("2015-07-21", D(2015, 7, 21)),
        ("18 جانفي 2017", D(2017, 1, 18)),
        ("7 ماي 2017", D(2017, 5, 7)),
        ("3 كانون الأول 2019", D(2019, 12, 3)),
        ("3 كانون الاول ديسمبر 2019", D(2019, 12, 3)),
        ("الأربعاء، 25 تشرين الثاني 2020", D(2020, 11, 25)),
    ],
)
def test_written_dates_in_every_month_naming_are_read(text, expected):
    assert [m.date for m in find_dates(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "في كانون الثاني يناير عام 1955",
        "في العاشر من حزيران يونيو الماضي",
        "في ديسمبر/كانون الأول 2017",
        "31 شباط 2021",
        "في عام 1944",
        "25 نوفمبر/حزيران 2020",
    ],
)
def test_partial_or_impossible_dates_are_not_dates(text):
    assert find_dates(text) == []


def test_weekday_and_today_before_a_date_are_recognised():
    [mention] = find_dates(
        "وأعلن ذلك، اليوم الأربعاء 25 نوفمبر/تشرين الثاني 2020، نائب رئيس الوزراء"
    )

    assert mention.today
    assert mention.weekday_matches


def test_anniversary_is_not_today():
    [mention] = find_dates("في مثل هذا اليوم 27 جانفي من سنة 2014 صودق على الدستور")

    assert not mention.today


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-07-21 02:51:32", D(2015, 7, 21)),
        ("2017-01-20T21:43:00+01:00", D(2017, 1, 20)),
        ("2017-01-22T185600", D(2017, 1, 22)),
        ("17/05/2015", D(2015, 5, 17)),
        ("22 ابريل 2021", D(2021, 4, 22)),
        (D(2020, 1, 2), D(2020, 1, 2)),
        ("", None),
        ("غير معروف", None),
        ("2015-13-45", None),
    ],
)
def test_date_fields_in_the_corpora_formats_are_read(value, expected):
    assert parse_date_value(value) == expected


def article(*lines: str):
    return parse_document("\n".join(lines), filename="a.txt")


LEAD = "بحث وزير الخارجية العراقي مع نظيره الروسي العلاقات الثنائية بين البلدين."
MORE = "وأكد الجانبان أهمية تطوير التعاون في مجالات الطاقة والأمن."


def test_a_standalone_date_line_under_the_headline_is_the_publication_date():
    parsed = article("العراق وروسيا يبحثان التعاون", "الخميس 22 نيسان 2021", LEAD, MORE)

    assert parsed.published_on == D(2021, 4, 22)
    assert "الخميس 22 نيسان 2021" not in parsed.body


def test_a_date_line_with_a_publication_label_and_time_is_a_date_line():
    parsed = article("العراق وروسيا يبحثان التعاون", "تاريخ النشر: 27/02/2025 - 10:35 ص", LEAD)

    assert parsed.published_on == D(2025, 2, 27)


def test_a_dateline_date_at_the_start_of_the_lead_is_the_publication_date():
    parsed = article("بغداد، 30 تشرين الثاني 2021 (واع) - " + LEAD, MORE)

    assert parsed.published_on == D(2021, 11, 30)
    assert parsed.source_name == "وكالة الأنباء العراقية"


def test_a_historical_date_inside_a_sentence_is_not_the_publication_date():
    parsed = article(
        LEAD,
        "يشار الى ان العلاقات الدبلوماسية اقيمت في 9 أيلول سبتمبر عام 1944.",
        "وكان الوزير قد زار موسكو يوم الثلاثاء 30 تشرين الثاني 2021.",
    )

    assert parsed.published_on is None
    assert "no_date" in parsed.review_reasons


def test_an_announced_future_event_with_its_weekday_is_not_the_publication_date():
    parsed = article("تقرر إقامة المباراة في لندن يوم الأربعاء 12 أغسطس 2015 على ملعب لوفتس رود.")

    assert parsed.published_on is None


def test_a_weekday_that_contradicts_the_date_disqualifies_it():
    # 25 November 2020 was a Wednesday, not a Friday.
    parsed = article(LEAD, "وأعلن ذلك اليوم الجمعة 25 نوفمبر 2020 الوزير.")

    assert parsed.published_on is None


def test_a_date_in_the_future_is_not_a_publication_date():
    future = datetime.date.today().year + 2

    parsed = article("العراق وروسيا يبحثان التعاون", f"22 نيسان {future}", LEAD)

    assert parsed.published_on is None
