"""The importer on the five seed articles: title, date, source, chrome and captions (issue 2, 7)."""

import datetime
from pathlib import Path

import pytest

from archive.ingest import parse_document

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def parse_seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_document(path.read_bytes(), filename=path.name)


@pytest.mark.parametrize(
    ("seed", "published_on", "source_name"),
    [
        ("000", datetime.date(2021, 11, 30), "إيلاف"),
        ("001", datetime.date(2021, 4, 22), "العربي الجديد"),
        ("002", None, "إيلاف"),
        ("003", datetime.date(2020, 11, 25), "تاس"),
        ("004", None, None),
    ],
)
def test_each_seed_gets_its_publication_date_and_outlet(seed, published_on, source_name):
    parsed = parse_seed(seed)

    assert parsed.published_on == published_on
    assert parsed.source_name == source_name


def test_headline_line_becomes_the_title_and_leaves_the_body():
    for seed, headline in [
        ("001", "الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء"),
        ("004", "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات والتعاون في كافة المجالات"),
    ]:
        parsed = parse_seed(seed)
        assert parsed.title == headline
        assert parsed.title_derived is False
        assert "title_derived" not in parsed.review_reasons
        assert headline not in parsed.body


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        ("000", "اجرى مبعوث للرئيس الروسي بوتين في بغداد الثلاثاء مباحثات مع الكاظمي وصالح"),
        ("002", "فيما وصل الى موسكو الاثنين وزير الخارجية العراقي لترؤس وفد بلاده"),
        (
            "003",
            "نقل رئيس الوزراء العراقي مصطفى الكاظمي التحيات وأطيب التمنيات للرئيس الروسي "
            "فلاديمير بوتين",
        ),
    ],
)
def test_text_opening_with_the_lead_gets_a_short_derived_title_flagged_for_review(seed, title):
    parsed = parse_seed(seed)

    assert parsed.title == title
    assert parsed.title_derived is True
    assert "title_derived" in parsed.review_reasons
    assert len(parsed.title.split()) <= 14
    # The lead stays in the body: the derived title is a summary, not a cut.
    assert parsed.body.split("\n")[0].startswith(("ايلاف من لندن", "إيلاف من لندن", "نقل رئيس"))


def test_derived_title_leaves_out_the_dateline():
    parsed = parse_seed("000")

    assert "لندن" not in parsed.title
    assert parsed.metadata["dateline"] == "ايلاف من لندن"


def test_page_chrome_is_stripped_from_the_body():
    bodies = {seed: parse_seed(seed).body for seed in ("000", "001", "002", "003", "004")}
    lines = [line for body in bodies.values() for line in body.split("\n")]

    assert "+ الخط -" not in lines
    assert "التعليقات" not in lines
    assert "المساهمون" not in lines
    assert all(line.strip() for line in lines)
    assert "+ الخط -" in parse_seed("001").metadata["chrome"]


def test_photo_caption_leaves_the_body_but_is_kept_with_its_date():
    parsed = parse_seed("000")
    caption = (
        "الرئيس صالح مجتمعا في بغداد الثلاثاء 30 تشرين الثاني نوفمبر 2021 مع بوغدانوف "
        "مبعوث الرئيس الروسي بوتين (الرئاسة العراقية)"
    )

    assert caption not in parsed.body
    assert parsed.metadata["captions"] == [caption]
    assert parsed.metadata["date_evidence"] == "caption"
    assert "date_from_caption" in parsed.review_reasons


def test_caption_ending_in_a_social_media_credit_leaves_the_body():
    parsed = parse_seed("001")

    assert parsed.metadata["captions"] == [
        "الكاظمي استقبل نائب رئيس الحكومة الروسية اليوم (فيسبوك)"
    ]
    assert "(فيسبوك)" not in parsed.body
    assert parsed.metadata["date_lines"] == ["22 ابريل 2021"]
    assert parsed.body.startswith("أكد رئيس الوزراء العراقي مصطفى الكاظمي، الخميس")


def test_credit_lines_leave_the_body_and_are_kept_as_metadata():
    parsed = parse_seed("003")

    assert {"kind": "source", "label": "المصدر", "value": "تاس"} in parsed.metadata["credits"]
    photo = [c for c in parsed.metadata["credits"] if c["kind"] == "photo"]
    assert photo[0]["value"] == "الخدمة الصحفية في وزارة الخارجية الروسية/ تاس"
    assert "المصدر:" not in parsed.body
    assert "الصورة:" not in parsed.body
    assert parsed.metadata["source_evidence"] == "credit"


def test_historical_dates_in_the_body_never_become_the_publication_date():
    # Seed 002 names 1944, 1955, 1958, a 2019 meeting and "حزيران يونيو الماضي", yet states no
    # publication date; seed 000 names the same history but its caption dates the report.
    assert parse_seed("002").published_on is None
    assert "no_date" in parse_seed("002").review_reasons
    assert parse_seed("000").published_on.year == 2021


def test_dateline_and_followed_by_credit_name_the_outlet():
    assert parse_seed("000").metadata["source_evidence"] == "dateline"
    assert parse_seed("002").metadata["dateline"] == "إيلاف من لندن"


def test_outlet_quoting_a_source_to_itself_is_the_source():
    parsed = parse_seed("001")

    assert parsed.source_name == "العربي الجديد"
    assert parsed.metadata["source_evidence"].startswith("quoted:")


def test_article_without_outlet_evidence_has_no_source_and_asks_for_review():
    parsed = parse_seed("004")

    assert parsed.source_name is None
    assert set(parsed.review_reasons) == {"no_date", "no_source"}


def test_trailing_related_link_leaves_the_body():
    parsed = parse_seed("003")

    assert parsed.metadata["trailing"] == ['مجموعة الرؤية الاستراتيجية "روسيا - العالم الإسلامي"']
    assert parsed.body.endswith("وضباط حفظ النظام والجيش.")


def test_body_keeps_every_paragraph_of_the_article():
    parsed = parse_seed("002")
    paragraphs = parsed.body.split("\n")

    assert len(paragraphs) == 19
    assert "المنتدى التقني التسليحي" in paragraphs
    assert paragraphs[-1].startswith("وللعراق سفارة في موسكو")


def test_raw_text_is_kept_as_given():
    path = next(SEEDS.glob("001_*.txt"))

    assert parse_seed("001").raw_text == path.read_text(encoding="utf-8")
