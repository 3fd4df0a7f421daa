"""The article page: date, source, body, entities, related and adjacent articles; the home page."""

from datetime import date

import pytest

from archive.models import Article, Entity, Mention
from archive.views.articles import HOME_PAGE_SIZE, adjacent_articles, related_articles
from tests.factories import article_create, entity_create, source_create

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
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
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
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    html = page[page.index('id="entities-heading"') :]
    people, organizations, places = (html.index(h) for h in ("People", "Organizations", "Places"))
    assert people < html.index("Sergey Lavrov") < organizations
    assert organizations < html.index("وزارة الخارجية الروسية") < places < html.index("Moscow")
    assert f'href="{lavrov.get_absolute_url()}"' in html
    assert f'href="/search/?person={lavrov.pk}"' in html
    assert f'href="/search/?organization={ministry.pk}"' in html
    assert f'href="/search/?place={moscow.pk}"' in html


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

    assert related_articles(article) == [
        two_shared,
        one_shared_same_source,
        one_shared_near,
        one_shared_far,
        same_source_only,
    ]


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
    # Article, mentions, related (+2 same-source neighbours), older, newer: a fixed number.
    with django_assert_max_num_queries(7):
        assert client.get(article.get_absolute_url()).status_code == 200
