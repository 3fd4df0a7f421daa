"""No empty page when the archive holds an answer: a plain query that finds nothing shows the
results of its spelling correction, with a way back to the query as typed; hyphenated English
names reach their entity."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.http import QueryDict
from django.urls import reverse
from haystack import connections

from archive.models import Article, Entity, Mention
from search import selectors, suggest
from search.entity_lookup import is_plain, query_entity
from tests.factories import article_create, entity_create
from tests.languages import english

URL = reverse("search:search")
API = reverse("search:api_search")
ENTITIES = Path(__file__).resolve().parents[2] / "fixtures" / "entities.json"

ARTICLES = {
    "mosul": (
        "القوات العراقية تستعيد أحياء جديدة في الموصل",
        "أعلنت القوات العراقية استعادة أحياء جديدة في الجانب الأيمن من مدينة الموصل "
        "بعد معارك عنيفة مع مسلحي تنظيم داعش.",
    ),
    "mistral": (
        "روسيا تبحث مصير حاملتي المروحيات ميسترال",
        "قالت روسيا إنها تنتظر من فرنسا رد الأموال بعد إلغاء صفقة حاملتي المروحيات ميسترال.",
    ),
    "lavrov": (
        "لافروف يستقبل وزير الخارجية العراقي في موسكو",
        "استقبل وزير الخارجية الروسي سيرغي لافروف نظيره العراقي في موسكو وبحثا التعاون "
        "في مكافحة الإرهاب.",
    ),
    # الوصول (arrival) is as near to الموصول as الموصل and commoner here: only داعش, the
    # query's other word, tells which was meant.
    "arrival": (
        "الوفد العراقي يعلن الوصول إلى موسكو",
        "أعلن الوفد العراقي الوصول إلى موسكو لبحث صفقات السلاح.",
    ),
    "arrival2": (
        "تأخر الوصول إلى المطار بسبب العاصفة",
        "قالت سلطات الطيران إن الوصول إلى مطار بغداد تأخر ساعات بسبب العاصفة الرملية.",
    ),
    "oil": (
        "بغداد وموسكو توقعان اتفاقا في مجال النفط",
        "وقعت الحكومة العراقية وشركة روسية اتفاقا لتطوير حقل نفطي في جنوب العراق.",
    ),
    "maliki": (
        "المالكي يبحث في موسكو صفقة أسلحة روسية",
        "بحث رئيس الوزراء العراقي نوري المالكي مع المسؤولين الروس صفقة أسلحة جديدة.",
    ),
}


def _authority(name: str) -> dict:
    """One entry of the real authority file, by its Arabic name."""
    entries = json.loads(ENTITIES.read_text(encoding="utf-8"))["entities"]
    return next(entry for entry in entries if entry["name"] == name)


def _entity_from_authority(name: str) -> Entity:
    entry = _authority(name)
    return entity_create(
        kind=entry["kind"],
        name=entry["name"],
        name_en=entry["name_en"],
        name_ru=entry["name_ru"],
        aliases=tuple(entry["aliases"]),
    )


@pytest.fixture
def archive(db, search_index) -> dict[str, Article]:
    articles = {
        key: article_create(title=title, body=body) for key, (title, body) in ARTICLES.items()
    }
    maliki = _entity_from_authority("نوري المالكي")
    for key in ("oil", "maliki"):
        Mention.objects.create(article=articles[key], entity=maliki, count=1)
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return articles


def _notice(response) -> tuple[str, str, str] | None:
    """(notice text, "search instead" href, its text), or None when the page shows none."""
    html = response.content.decode()
    found = re.search(
        r'<p class="search-suggestion search-corrected">(.*?)'
        r'<a class="search-instead" href="([^"]*)">([^<]*)</a>',
        html,
        re.S,
    )
    if found is None:
        return None
    return unescape(found.group(1)).strip(), unescape(found.group(2)), unescape(found.group(3))


@pytest.mark.parametrize(
    ("typed", "corrected", "article"),
    [
        ("لافرف", "لافروف", "lavrov"),
        ("ميسترل روسيا", "ميسترال روسيا", "mistral"),
        ("الموصول داعش", "الموصل داعش", "mosul"),
    ],
)
def test_a_misspelled_query_shows_the_results_of_its_correction(
    client, archive, typed, corrected, article
):
    response = client.get(english(URL), {"q": typed})
    results = response.context["results"]
    assert results.corrected_from == typed
    assert results.query.text == corrected
    assert archive[article].pk in {hit.article.pk for hit in results.hits}
    text, href, link_text = _notice(response)
    assert f"Showing results for «{corrected}»." in text
    assert "Search instead for" in text
    assert link_text == f"«{typed}»"
    # The typed query stays in the search box; the page offers no second "did you mean".
    assert response.context["query_text"] == typed
    assert response.context["suggestion"] is None
    instead = client.get(href)
    assert instead.context["form"].cleaned_data["q"] == typed
    assert instead.context["form"].cleaned_data["literal"] is True
    # As typed, no article holds every word (one may hold the correctly spelt one).
    assert instead.context["results"].count == instead.context["results"].some_words_count
    assert instead.context["results"].corrected_from is None
    assert _notice(instead) is None


def test_the_notice_and_the_link_are_in_arabic(client, archive):
    response = client.get(URL, {"q": "لافرف"}, HTTP_ACCEPT_LANGUAGE="ar")
    text, _href, link_text = _notice(response)
    assert "تُعرض نتائج «لافروف»." in text
    assert "ابحث بدلًا من ذلك عن" in text
    assert "Showing" not in text
    assert link_text == "«لافرف»"


def test_the_api_says_the_query_was_corrected_and_to_what(client, archive):
    body = client.get(API, {"q": "الموصول داعش"}).json()
    assert body["correction"] == {"query": "الموصل داعش", "original": "الموصول داعش"}
    assert body["count"] == 1
    assert body["results"][0]["id"] == archive["mosul"].pk
    as_typed = client.get(API, {"q": "الموصول داعش", "literal": "1"}).json()
    assert as_typed["correction"] is None
    assert as_typed["all_words_count"] == 0


def test_a_query_that_finds_articles_is_not_corrected(client, archive):
    body = client.get(API, {"q": "الموصل"}).json()
    assert body["correction"] is None
    assert body["count"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"الموصول داعش"'},
        {"q": "«ميسترل روسيا»"},
        {"q": "الموصول OR ميسترل"},
        {"q": "الموصول -روسيا"},
        {"q": "+الموصول داعش"},
        {"q": "title:لافرف"},
        {"q": "(الموصول داعش)"},
        {"q": "الموصول داعش", "match": "all"},
        {"q": "الموصول داعش", "literal": "1"},
    ],
)
def test_quotes_operators_match_all_and_literal_are_searched_as_typed(client, archive, params):
    body = client.get(API, params).json()
    assert body["correction"] is None
    assert body["all_words_count"] == 0
    response = client.get(URL, params)
    assert response.context["results"].corrected_from is None
    assert _notice(response) is None


def test_a_query_finding_nothing_asks_the_suggester_once(client, archive, monkeypatch):
    calls = []
    real = selectors.suggestions

    def counted(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(selectors, "suggestions", counted)
    client.get(URL, {"q": "لافرف"})
    assert calls == ["لافرف"]
    calls.clear()
    # A correction that finds nothing is asked once and offered nowhere.
    response = client.get(URL, {"q": "قسطنطينوبول"})
    assert calls == ["قسطنطينوبول"]
    assert response.context["suggestion"] is None


class _CountingVocabulary:
    """The index vocabulary of one article, counting the look-ups a suggestion makes."""

    def __init__(self):
        self.near_calls = 0
        self.frequency_calls = 0

    def doc_frequency(self, term: str) -> int:
        self.frequency_calls += 1
        return 5 if term == "لافروف" else 0

    def terms_near(self, term: str, maxdist: int):
        self.near_calls += 1
        return ["لافروف"] if term.startswith("لاف") else []


def test_a_word_longer_than_the_bound_is_never_looked_at():
    vocabulary = _CountingVocabulary()
    assert suggest.suggest("لافرف", vocabulary=vocabulary) == "لافروف"
    assert vocabulary.near_calls > 0
    long_word = "لافرف" * 200  # a thousand letters
    vocabulary = _CountingVocabulary()
    assert suggest.suggest(long_word, vocabulary=vocabulary) is None
    assert vocabulary.near_calls == 0
    assert vocabulary.frequency_calls == 0
    at_bound = "ل" + "افرفب" * 6  # 31 letters
    assert len(at_bound) == suggest.MAX_LETTERS + 1
    vocabulary = _CountingVocabulary()
    assert suggest.suggest(at_bound, vocabulary=vocabulary) is None
    assert vocabulary.near_calls == 0


def test_a_long_word_query_gives_a_page_not_an_error(client, archive):
    response = client.get(URL, {"q": "لافرف" * 200})
    assert response.status_code == 200
    assert response.context["results"].corrected_from is None


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Nouri al-Maliki", "نوري المالكي"),
        ("al-Maliki", "نوري المالكي"),
        ("nuri al-maliki", "نوري المالكي"),
        ("Adil Abdul-Mahdi", "عادل عبد المهدي"),
        ("Kata'ib Hezbollah", "كتائب حزب الله"),
        ("George W. Bush", "جورج دبليو بوش"),
    ],
)
def test_english_names_with_hyphens_apostrophes_and_dots_name_their_entity(db, typed, name):
    entity = _entity_from_authority(name)
    assert query_entity(typed) == entity


@pytest.mark.parametrize(
    "typed",
    ["-al-Maliki", "Nouri -al-Maliki", "Nouri OR al-Maliki", '"Nouri al-Maliki"', "title:Maliki"],
)
def test_operators_still_keep_a_query_from_naming_an_entity(db, typed):
    _entity_from_authority("نوري المالكي")
    assert not is_plain(typed)
    assert query_entity(typed) is None


def test_a_hyphenated_english_name_finds_the_articles_of_its_entity(client, archive):
    response = client.get(URL, {"q": "Nouri al-Maliki"})
    results = response.context["results"]
    assert results.entity.name == "نوري المالكي"
    # The article writing his Arabic name ranks above the one that only mentions him.
    assert [hit.article.pk for hit in results.hits] == [archive["maliki"].pk, archive["oil"].pk]
    assert client.get(API, {"q": "al-Maliki"}).json()["entity"]["name_en"] == "Nouri al-Maliki"


def test_exports_and_feed_of_a_corrected_page_are_those_of_its_results(client, archive):
    response = client.get(URL, {"q": "الموصول داعش"})
    export = QueryDict(response.context["export_query"].lstrip("?"))
    feed = QueryDict(response.context["feed_url"].partition("?")[2])
    assert export["q"] == feed["q"] == "الموصل داعش"
    exported = client.get(reverse("search:export", args=["json"]) + "?" + export.urlencode())
    body = json.loads(b"".join(exported.streaming_content))
    assert body["count"] == 1
    assert [row["id"] for row in body["articles"]] == [archive["mosul"].pk]


def test_the_correction_shown_is_the_one_whose_words_occur_together(client, archive):
    typed = "الموصول داعش"
    # Alone, the commoner الوصول comes first; beside داعش only الموصل finds articles.
    vocabulary = connections["default"].get_backend().vocabulary()
    assert suggest.suggestions(typed, vocabulary=vocabulary) == ["الوصول داعش", "الموصل داعش"]
    assert client.get(API, {"q": typed}).json()["correction"]["query"] == "الموصل داعش"
    # Searched as typed, "did you mean" still offers the suggester's first.
    as_typed = client.get(URL, {"q": typed, "literal": 1})
    assert as_typed.context["suggestion"] == "الوصول داعش"


# Article counts measured on the 41,000-article benchmark archive (every word of the text).
COUNTS = {
    "لافروف": 73,
    "لاعرف": 299,
    "لافروف موسكو": 40,
    "لاعرف موسكو": 50,
    "الوصول داعش": 47,
    "الوصول": 300,
    "الموصل داعش": 83,
    "الموصل": 94,
}


@pytest.mark.parametrize(
    ("typed", "texts", "chosen"),
    [
        # One word: nothing to weigh it against; the suggester's first stays.
        ("لافرف", ["لافروف", "لاعرف"], "لافروف"),
        # Commoner together, but a far smaller share of its own articles.
        ("لافرف موسكو", ["لاعرف موسكو", "لافروف موسكو"], "لافروف موسكو"),
        ("الموصول داعش", ["الوصول داعش", "الموصل داعش"], "الموصل داعش"),
    ],
)
def test_the_likeliest_correction_is_the_one_that_fits_the_other_words(typed, texts, chosen):
    assert suggest.likeliest(typed, texts, count=lambda text: COUNTS.get(text, 0)) == chosen


def test_no_correction_is_likeliest_when_there_is_none():
    assert suggest.likeliest("لافرف", [], count=lambda text: 1) is None
