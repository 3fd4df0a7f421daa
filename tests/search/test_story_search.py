"""Search collapses a story to one result: its other versions listed under it, a switch to
every version, and counts, facets and the timeline counting stories.

The story is built from seed 003 (TASS, 25 November 2020): two other outlets' versions of
the same text, one with a new lead and its last paragraph cut, one a day later with a
paragraph cut and a word changed, as outlets edit agency copy.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from haystack import connections

from archive.models import Article, Mention, Source, Story
from archive.services.stories import stories_update
from search.selectors import search_execute
from search.stories import VERSIONS_ALL
from tests.factories import article_create, source_create
from tests.search.conftest import Seeds, seed_title_body

URL = reverse("search:search")
API_URL = reverse("search:api_search")
# A word of seed 003 that seeds 000–002 and 004 do not use (checked with grep).
STORY_WORD = "التمنيات"


@dataclass
class Versions:
    first: Article
    second: Article
    third: Article
    story: Story

    @property
    def ids(self) -> set[int]:
        return {self.first.pk, self.second.pk, self.third.pk}


def _paragraphs(number: str) -> tuple[str, list[str]]:
    title, body = seed_title_body(number)
    return title, body.split("\n")


def versions_create(seeds: Seeds) -> Versions:
    """Two reprints of seed 003 by other outlets, grouped with it into one story."""
    first = seeds.articles["003"]
    title, paragraphs = _paragraphs("003")
    rt = source_create(name="روسيا اليوم", name_en="RT Arabic")
    sharq = source_create(name="الشرق الأوسط", name_en="Asharq Al-Awsat")
    lead = "قال وزير الخارجية العراقي فؤاد حسين في موسكو إن الكاظمي حمّله تحياته إلى بوتين."
    second = article_create(
        title="فؤاد حسين ينقل تحيات الكاظمي إلى بوتين",
        body="\n".join([lead, *paragraphs[1:-1]]),
        published_on=date(2020, 11, 25),
        source=rt,
    )
    edited = [p.replace("الاجتماع", "اللقاء") for p in paragraphs[:2] + paragraphs[3:]]
    third = article_create(
        title=title,
        body="\n".join(edited),
        published_on=date(2020, 11, 26),
        source=sharq,
    )
    for article in (second, third):
        for mention in first.mentions.all():
            Mention.objects.create(article=article, entity=mention.entity, count=1)
    # The archive's own detection groups them, as the index worker does after a commit.
    stories_update(article_ids=[first.pk, second.pk, third.pk])
    for article in (first, second, third):
        article.refresh_from_db()
    assert first.story_id is not None
    assert first.story_id == second.story_id == third.story_id
    index = connections["default"].get_unified_index().get_index(Article)
    connections["default"].get_backend().update(index, index.index_queryset())
    return Versions(first, second, third, first.story)


@pytest.fixture
def versions(seeds) -> Versions:
    return versions_create(seeds)


def _search(**params):
    return search_execute(params=params)


def _ids(results) -> list[int]:
    return [hit.article.pk for hit in results.hits]


def test_a_story_is_one_result_with_its_other_versions_under_it(versions):
    results = _search(q=STORY_WORD)
    assert _ids(results) == [_ids(results)[0]]
    assert _ids(results)[0] in versions.ids
    assert results.count == 1
    assert results.stories.collapsed
    assert results.stories.article_count == 3
    shown = _ids(results)[0]
    others = results.stories.versions[shown]
    assert {article.pk for article in others} == versions.ids - {shown}
    dates = [article.published_on for article in others]
    assert dates == sorted(dates)


def test_every_version_is_listed_with_the_switch(versions):
    results = _search(q=STORY_WORD, versions=VERSIONS_ALL)
    assert set(_ids(results)) == versions.ids
    assert results.count == 3
    assert not results.stories.collapsed
    assert results.stories.versions == {}


def test_articles_alone_are_counted_as_before(versions, seeds):
    # "بوتين" is in every seed: five articles, three of them one story.
    collapsed = _search(q="بوتين")
    every = _search(q="بوتين", versions=VERSIONS_ALL)
    assert every.count == 7
    assert collapsed.count == 5
    assert collapsed.stories.article_count == 7
    shown = set(_ids(collapsed))
    assert len(shown & versions.ids) == 1
    assert seeds.ids("000", "001", "002", "004") <= shown


def test_the_most_relevant_version_stands_for_the_story(versions):
    every = _search(q="الاجتماع التاسع", match="all", versions=VERSIONS_ALL)
    collapsed = _search(q="الاجتماع التاسع", match="all")
    assert _ids(collapsed)[0] == _ids(every)[0]


def test_in_date_order_the_newest_or_the_oldest_version_stands_for_the_story(versions):
    newest = _search(q=STORY_WORD, sort="newest")
    oldest = _search(q=STORY_WORD, sort="oldest")
    assert _ids(newest) == [versions.third.pk]
    assert _ids(oldest)[0] in {versions.first.pk, versions.second.pk}


def test_pages_hold_distinct_stories_and_count_them(versions):
    seen = []
    for page in (1, 2, 3, 4, 5):
        results = search_execute(params={"q": "بوتين"}, page=page, page_size=1)
        assert results.num_pages == 5
        seen += _ids(results)
    assert len(seen) == 5
    assert len(set(seen) & versions.ids) == 1


def test_facets_count_a_story_once_per_value(versions, seeds):
    collapsed = _search(q="بوتين")
    every = _search(q="بوتين", versions=VERSIONS_ALL)
    putin = seeds.entities["putin"].pk

    def count(results, name, pk):
        return {value.id: value.count for value in results.facets[name].values}.get(pk)

    assert count(every, "person", putin) == 7
    assert count(collapsed, "person", putin) == 5
    # Each outlet carried the story once: its story count stays 1.
    rt = Source.objects.get(name_en="RT Arabic").pk
    assert count(collapsed, "source", rt) == 1
    assert count(collapsed, "source", seeds.sources["tass"].pk) == 1


def test_a_source_filter_keeps_the_story_through_the_version_that_outlet_carried(versions):
    rt = Source.objects.get(name_en="RT Arabic").pk
    results = _search(q=STORY_WORD, source=[rt])
    assert _ids(results) == [versions.second.pk]
    assert results.stories.versions == {}
    assert results.count == 1


def test_the_timeline_counts_stories(versions):
    collapsed = _search(q=STORY_WORD)
    every = _search(q=STORY_WORD, versions=VERSIONS_ALL)
    assert every.year_counts == {2020: 3}
    assert collapsed.year_counts == {2020: 1}
    months = _search(q=STORY_WORD, year=2020).month_counts
    assert months == {(2020, 11): 1}


def test_the_page_expands_the_versions_in_place_and_says_what_it_counts(client, versions):
    html = client.get(URL, {"q": STORY_WORD}).content.decode()
    assert html.count('<details class="story-versions">') == 1
    details = html.split('<details class="story-versions">')[1].split("</details>")[0]
    shown = {versions.first.pk, versions.second.pk, versions.third.pk}
    linked = {pk for pk in shown if f"/articles/{pk}/" in details}
    assert len(linked) == 2
    assert "versions=all" in html
    # The summary names the outlets of the other versions.
    summary = details.split("<summary>")[1].split("</summary>")[0]
    outlets = {"تاس", "روسيا اليوم", "الشرق الأوسط"}
    assert len([name for name in outlets if name in summary]) == 2


def test_the_switch_lists_every_version_and_links_back(client, versions):
    html = client.get(URL, {"q": STORY_WORD, "versions": "all"}).content.decode()
    assert '<details class="story-versions">' not in html
    for pk in versions.ids:
        assert f"/articles/{pk}/" in html
    assert "versions=all" not in html.split('class="results-stories"')[1].split("</p>")[0]


def test_the_page_states_stories_or_articles_in_the_interface_language(client, versions):
    # Arabic, the default interface.
    html = client.get(URL, {"q": STORY_WORD}).content.decode()
    assert "قصة" in html.split('id="results-heading"')[1].split("</h2>")[0]
    every = client.get(URL, {"q": STORY_WORD, "versions": "all"}).content.decode()
    assert "مقال" in every.split('id="results-heading"')[1].split("</h2>")[0]


def test_a_bad_versions_value_is_ignored_with_a_notice(client, versions):
    response = client.get(URL, {"q": STORY_WORD, "versions": "كل"})
    assert response.status_code == 200
    assert response.context["results"].count == 1
    assert response.context["notices"]


def test_the_api_carries_story_keys_and_version_counts(client, versions):
    data = client.get(API_URL, {"q": STORY_WORD}).json()
    assert data["counts"] == "stories"
    assert data["count"] == 1
    assert data["article_count"] == 3
    (result,) = data["results"]
    assert result["story"] == f"s{versions.story.pk}"
    assert result["versions"] == 3
    others = {item["id"] for item in result["other_versions"]}
    assert others == versions.ids - {result["id"]}


def test_the_api_lists_every_version_with_the_switch(client, versions, seeds):
    data = client.get(API_URL, {"q": "بوتين", "versions": "all"}).json()
    assert data["counts"] == "articles"
    assert data["count"] == data["article_count"] == 7
    by_id = {item["id"]: item for item in data["results"]}
    assert {by_id[pk]["story"] for pk in versions.ids} == {f"s{versions.story.pk}"}
    alone = seeds.articles["000"].pk
    assert by_id[alone]["story"] == f"a{alone}"
    assert by_id[alone]["versions"] == 1
    assert by_id[alone]["other_versions"] == []


def test_exports_list_every_version_with_its_story(client, versions):
    response = client.get(reverse("search:export", args=["json"]), {"q": STORY_WORD})
    data = b"".join(response.streaming_content).decode()
    for pk in versions.ids:
        assert f'"id": {pk},' in data
    assert data.count(f'"story": "s{versions.story.pk}", "versions": 3') == 3


def test_a_new_search_from_the_form_keeps_every_version_shown(client, versions):
    html = client.get(URL, {"q": STORY_WORD, "versions": "all"}).content.decode()
    form = html.split('class="search-form"')[1].split("</form>")[0]
    assert '<input type="hidden" name="versions" value="all">' in form


def test_a_story_of_one_matching_version_has_no_versions_to_expand(client, versions):
    rt = Source.objects.get(name_en="RT Arabic").pk
    html = client.get(URL, {"q": STORY_WORD, "source": rt}).content.decode()
    assert '<details class="story-versions">' not in html


@pytest.mark.parametrize(
    "params",
    [{"q": "بوتين"}, {}, {"q": "لافروف"}, {"place": "moscow"}, {"q": "بوتين", "sort": "oldest"}],
    ids=["putin", "everything", "lavrov", "moscow filter", "putin oldest"],
)
def test_every_count_is_the_number_of_distinct_stories_among_the_matching_articles(
    versions, seeds, params
):
    if "place" in params:
        params = {**params, "place": [seeds.entities["moscow"].pk]}
    every = search_execute(params={**params, "versions": VERSIONS_ALL}, page_size=100)
    matching = Article.objects.filter(pk__in=_ids(every)).prefetch_related("mentions")
    key = {a.pk: f"s{a.story_id}" if a.story_id else f"a{a.pk}" for a in matching}
    collapsed = search_execute(params=params, page_size=100)
    assert collapsed.count == len(set(key.values()))
    assert len(_ids(collapsed)) == collapsed.count
    assert len({key[pk] for pk in _ids(collapsed)}) == collapsed.count

    def stories_with(test) -> int:
        return len({key[a.pk] for a in matching if test(a)})

    for value in collapsed.facets["source"].values:
        assert value.count == stories_with(lambda a, v=value: a.source_id == v.id)
    for value in collapsed.facets["person"].values:
        mentioned = lambda a, v=value: any(m.entity_id == v.id for m in a.mentions.all())  # noqa: E731
        assert value.count == stories_with(mentioned)
    for year, count in collapsed.year_counts.items():
        assert count == stories_with(lambda a, y=year: a.published_on and a.published_on.year == y)
