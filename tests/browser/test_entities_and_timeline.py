"""Entity pages in both interfaces, and a timeline drawn at the granularity of its span."""

import re

import pytest
from playwright.sync_api import expect

from archive.models import Article, Entity

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The seeds are dated November 2020, April 2021 and November 2021; two are undated.
RANGE = "?date_from=2020-11-01&date_to=2021-04-30"
MONTHS_IN_RANGE = 6

NAME_GAP = """(dt) => {
  const dd = dt.nextElementSibling.querySelector("bdi") || dt.nextElementSibling;
  const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return {gap: Math.max(a.left - b.right, b.left - a.right), sameLine: overlap > 0};
}"""


def _entity_with_an_undated_article() -> Entity:
    undated = Article.objects.published().filter(published_on__isnull=True)
    return (
        Entity.objects.active()
        .filter(mentions__article__in=undated)
        .exclude(name_en="")
        .exclude(name_ru="")
        .order_by("pk")
        .first()
    )


def test_entity_page_heads_in_the_readers_language_with_names_beside_their_labels(view):
    entity = _entity_with_an_undated_article()
    assert entity is not None, "the seeds need an entity named in an undated article"
    view.open(entity.get_absolute_url())
    view.shot("entity")

    heading = view.page.locator("h1")
    if view.language == "en":
        expect(heading.locator("span[lang='en']")).to_have_text(entity.name_en)
        expect(heading.locator("bdi[lang='ar']")).to_have_text(entity.name)
    else:
        expect(heading).to_have_text(entity.name)
    labels = view.page.locator(".entity-names dt").all()
    assert len(labels) >= 3  # Arabic, English, Russian (and other spellings)
    for label in labels:
        placed = label.evaluate(NAME_GAP)
        assert placed["sameLine"], "a name is not on its label's line"
        assert placed["gap"] < 48, f"a name sits {placed['gap']:.0f} px from its label"

    undated = Article.objects.published().filter(mentions__entity=entity, published_on__isnull=True)
    note = view.page.locator(".timeline__undated")
    expect(note).to_be_visible()
    # Arabic writes one and two in words (مقال واحد، مقالان); larger counts as digits.
    words = {1: ("1", "واحد"), 2: ("2", "مقالان")}.get(undated.count(), (str(undated.count()),))
    assert any(word in note.inner_text() for word in words)
    view.check()


def test_a_date_range_of_months_is_charted_month_by_month(view):
    view.open("/search/" + RANGE)
    view.shot("search-timeline-months")

    chart = view.page.locator("figure.timeline")
    expect(chart).to_have_class(re.compile(r"\btimeline--month\b"))
    expect(chart.locator(".timeline__table tbody tr")).to_have_count(MONTHS_IN_RANGE)
    expect(chart.locator("a.timeline__bar")).to_have_count(2)  # the two months with articles
    view.check()
