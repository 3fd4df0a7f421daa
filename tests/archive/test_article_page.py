"""The article page: date, source, body, entities, related and adjacent articles; the home page."""

from datetime import date

import pytest

from archive import related
from archive.models import Article, Entity, Mention
from archive.related import related_articles
from archive.views.articles import HOME_PAGE_SIZE, adjacent_articles
from tests.factories import article_create, entity_create, source_create
from tests.languages import english

pytestmark = pytest.mark.django_db

BODY = (
    "أكد رئيس الوزراء العراقي مصطفى الكاظمي، الخميس، أن بلاده تختط سياسة للانفتاح على كل "
    "الشركاء الدوليين، وذلك خلال لقاء جمعه بنائب رئيس الحكومة الروسية يوري بوريسوف.\n"
    "\n"
    "وقال المكتب الإعلامي لرئيس الوزراء العراقي إن اللقاء ناقش عدداً من الملفات المشتركة."
)


def _mention(article, *entities):
    for entity in entities:
        Mention.objects.create(article=article, entity=entity, count=1)


@pytest.fixture
def elaph():
    return source_create()


@pytest.fixture
def article(elaph):
    return article_create(
        title="الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء",
        body=BODY,
        source=elaph,
        original_url="https://www.alaraby.co.uk/politics/الكاظمي-يستقبل-مسؤولا-روسيا",
    )


def test_date_is_written_with_arabic_month_name_in_arabic(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    # Django's Arabic catalogue spells April إبريل.
    assert '<time datetime="2021-04-22">22 إبريل، 2021</time>' in html


def test_date_is_written_in_english_when_english_is_active(client, article):
    html = client.get(english(article.get_absolute_url())).content.decode()
    assert '<time datetime="2021-04-22">April 22, 2021</time>' in html


def test_source_links_to_the_original_url(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<a href="{article.original_url}" rel="noopener nofollow external">'
        '<span lang="ar">إيلاف</span></a>'
    ) in html


def test_javascript_original_url_is_never_a_link(client, elaph):
    article = article_create(body=BODY, source=elaph, original_url="javascript:alert(1)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:alert" not in html
    assert "إيلاف" in html


def test_body_is_shown_as_paragraphs_without_empty_ones(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>أكد رئيس الوزراء العراقي مصطفى الكاظمي، الخميس،" in html
    assert "<p>وقال المكتب الإعلامي لرئيس الوزراء العراقي" in html
    assert "<p></p>" not in html


def test_entities_are_grouped_by_kind_with_entity_and_search_links(client, article):
    lavrov = entity_create()
    ministry = entity_create(
        kind=Entity.Kind.ORGANIZATION, name="وزارة الخارجية الروسية", name_en="", name_ru=""
    )
    moscow = entity_create(kind=Entity.Kind.PLACE, name="موسكو", name_en="Moscow", name_ru="")
    _mention(article, moscow, ministry, lavrov)
    page = client.get(english(article.get_absolute_url())).content.decode()
    html = page[page.index('id="entities-heading"') :]
    people, organizations, places = (html.index(h) for h in ("People", "Organizations", "Places"))
    assert people < html.index("Sergey Lavrov") < organizations
    assert organizations < html.index("وزارة الخارجية الروسية") < places < html.index("Moscow")
    assert f'href="{english(lavrov.get_absolute_url())}"' in html
    assert f'href="{english("/search/")}?person={lavrov.pk}"' in html
    assert f'href="{english("/search/")}?organization={ministry.pk}"' in html
    assert f'href="{english("/search/")}?place={moscow.pk}"' in html


def test_entity_names_are_arabic_in_the_arabic_interface(client, article):
    _mention(article, entity_create())
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/entities/' in html
    assert 'lang="ar">سيرغي لافروف</a>' in html


def test_related_articles_rank_shared_entities_then_same_source_then_nearest_date(article, elaph):
    tass = source_create(name="تاس", name_en="TASS")
    lavrov, moscow = entity_create(), entity_create(kind=Entity.Kind.PLACE, name="موسكو")
    ministry = entity_create(kind=Entity.Kind.ORGANIZATION, name="وزارة الخارجية الروسية")
    kadhimi = entity_create(name="مصطفى الكاظمي", name_en="Mustafa Al-Kadhimi")
    _mention(article, lavrov, moscow, ministry)

    def other(day, source, *entities, status=Article.Status.PUBLISHED):
        created = article_create(body=BODY, published_on=day, source=source, status=status)
        _mention(created, *entities)
        return created

    two_shared = other(date(2015, 1, 1), tass, lavrov, moscow)
    one_shared_same_source = other(date(2016, 1, 1), elaph, lavrov)
    one_shared_near = other(date(2021, 4, 20), tass, moscow)
    one_shared_far = other(date(2010, 1, 1), tass, ministry)
    same_source_only = other(date(2021, 5, 1), elaph, kadhimi)
    other(date(2021, 4, 22), tass, kadhimi)
    other(date(2021, 4, 22), elaph, lavrov, moscow, ministry, status=Article.Status.DRAFT)

    assert related_articles(article=article) == [
        two_shared,
        one_shared_same_source,
        one_shared_near,
        one_shared_far,
        same_source_only,
    ]


def test_related_articles_leave_out_entities_named_in_too_many_articles(
    article, elaph, monkeypatch
):
    monkeypatch.setattr(related, "MAX_ARTICLES", 3)
    iraq = entity_create(kind=Entity.Kind.PLACE, name="العراق", name_en="Iraq")
    lavrov = entity_create()
    _mention(article, iraq, lavrov)
    tass = source_create(name="تاس", name_en="TASS")
    for day in (1, 2, 3):
        _mention(article_create(body=BODY, published_on=date(2015, 1, day), source=tass), iraq)
    shares_lavrov = article_create(body=BODY, published_on=date(2010, 1, 1), source=tass)
    _mention(shares_lavrov, lavrov)
    # Iraq is named in four articles, over the bound: only Lavrov is compared, and the rest
    # of the list comes from the article's own outlet.
    assert related.compared_entities(entity_ids=[iraq.pk, lavrov.pk]) == [lavrov.pk]
    assert related_articles(article=article)[0] == shares_lavrov


def test_related_articles_are_shown_on_the_page(client, article):
    lavrov = entity_create()
    _mention(article, lavrov)
    related = article_create(title="الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات", body=BODY)
    _mention(related, lavrov)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="related-heading"' in html
    assert f'href="{related.get_absolute_url()}"' in html


def test_previous_and_next_skip_drafts_and_undated_articles(client, article):
    older = article_create(body=BODY, published_on=date(2020, 11, 25))
    article_create(body=BODY, published_on=date(2021, 1, 1), status=Article.Status.DRAFT)
    article_create(body=BODY, published_on=None)
    newer = article_create(body=BODY, published_on=date(2021, 6, 28))
    article_create(body=BODY, published_on=date(2022, 1, 1))
    assert adjacent_articles(article) == (older, newer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{older.get_absolute_url()}"' in html
    assert f'rel="next" href="{newer.get_absolute_url()}"' in html


def test_articles_of_the_same_day_are_ordered_by_id(article):
    same_day_later = article_create(body=BODY, published_on=article.published_on)
    assert adjacent_articles(article)[1] == same_day_later
    assert adjacent_articles(same_day_later)[0] == article


def test_home_lists_newest_published_articles_with_their_lead(client, article):
    article_create(title="مسودة لم تنشر بعد", body=BODY, status=Article.Status.DRAFT)
    html = client.get("/").content.decode()
    assert article.title in html
    assert "مسودة لم تنشر بعد" not in html
    assert '<p class="lead" lang="ar" dir="rtl">أكد رئيس الوزراء العراقي' in html
    assert 'type="application/atom+xml"' in html


def test_home_paginates_newest_first(client):
    for day in range(1, HOME_PAGE_SIZE + 2):
        article_create(title=f"مقال رقم {day}", body=BODY, published_on=date(2021, 3, day))
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert f"مقال رقم {HOME_PAGE_SIZE + 1}<" in first
    assert "مقال رقم 1<" not in first
    assert "مقال رقم 1<" in second


def test_article_page_queries_do_not_grow_with_its_entities(
    client, article, django_assert_max_num_queries
):
    related = article_create(body=BODY)
    for number in range(12):
        entity = Entity.objects.create(kind=Entity.Kind.PLACE, name=f"مدينة رقم {number}")
        _mention(article, entity)
        _mention(related, entity)
    # Article, mentions, the related entities' bounded counts, related (+2 same-source
    # neighbours), older, newer, versions: a fixed number.
    with django_assert_max_num_queries(8):
        assert client.get(article.get_absolute_url()).status_code == 200


# ------------------------------------------ the words that brought the reader (``hl``)

JUMP_LINK = '<a class="match-jump" href="#first-match">'


def _page(client, article, hl=None, *, in_english=False) -> str:
    data = {"hl": hl} if hl is not None else None
    url = article.get_absolute_url()
    response = client.get(english(url) if in_english else url, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_words_of_the_search_are_marked_in_the_title_and_the_body(client, article):
    html = _page(client, article, "الكاظمي")
    assert "<h1><mark>الكاظمي</mark> يستقبل مسؤولاً روسياً" in html
    assert 'الوزراء العراقي مصطفى <mark id="first-match" tabindex="-1">الكاظمي</mark>،' in html
    assert html.count('id="first-match"') == 1


def test_a_link_jumps_to_the_first_match_in_the_page_language(client, article):
    html = _page(client, article, "الكاظمي")
    assert f"{JUMP_LINK}انتقل إلى أول كلمة مطابقة</a>" in html
    assert f'<a href="{article.get_absolute_url()}">اعرض المقال دون تمييز</a>' in html
    english_page = _page(client, article, "الكاظمي", in_english=True)
    assert f"{JUMP_LINK}Jump to the first match</a>" in english_page
    # The link comes before the text it jumps into.
    assert html.index(JUMP_LINK) < html.index('id="first-match"')


def test_a_phrase_is_marked_whole_and_its_words_alone_are_not(client, article):
    html = _page(client, article, '"رئيس الوزراء" الكاظمي')
    assert '<mark id="first-match" tabindex="-1">رئيس الوزراء</mark>' in html
    assert "<mark>لرئيس الوزراء</mark>" in html
    assert "<mark>رئيس</mark>" not in html
    assert "<mark>الوزراء</mark>" not in html


def test_words_only_in_the_title_say_the_text_does_not_hold_them(client, article):
    html = _page(client, article, "يستقبل")
    assert "<h1>الكاظمي <mark>يستقبل</mark>" in html
    assert JUMP_LINK not in html
    assert "كلمات بحثك غير موجودة في نص هذا المقال." in html


@pytest.mark.parametrize("hl", [None, "", "   ", '""', "في على من", "«»"])
def test_without_words_to_mark_the_page_is_the_plain_article(client, article, hl):
    html = _page(client, article, hl)
    assert "<mark" not in html
    assert "match-nav" not in html
    assert "<h1>الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء</h1>" in html


def test_markup_in_the_words_is_never_written_and_words_still_marked(client, article):
    html = _page(client, article, "<script>alert(1)</script> <img src=x onerror=alert(1)> الكاظمي")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<mark>الكاظمي</mark>" in html
    html = _page(client, article, '"><img src=x onerror=alert(1)>')
    assert "<img src=x" not in html


def test_the_words_are_bounded_in_length_and_number(client, article):
    html = _page(client, article, "الكاظمي " + "ب" * 100_000)
    assert "<mark>الكاظمي</mark>" in html
    html = _page(client, article, " ".join(["موسكو"] * 40 + ["الكاظمي"]))
    assert "<mark" not in html


def test_a_page_with_marks_names_the_plain_permalink_as_canonical(client, article):
    html = _page(client, article, "الكاظمي")
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert 'content="noindex"' not in html
