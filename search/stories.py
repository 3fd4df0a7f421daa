"""Stories in search: one result per story, its other versions, and what the counts count.

Outlets reprint agency copy: the archive groups the versions of one text into a story
(``archive.models.Story``). The search page shows each story once by default (its first
version in the chosen order: the most relevant, or the newest/oldest), with "+N versions
from …" listing the story's other matching versions; ``versions=all`` shows every article.
The result count, the facets and the timeline count stories when collapsed and articles
otherwise; the page says which.

Each article's story key is in the index (``search_indexes``): ``s<story id>``, or
``a<article id>`` for an article alone, so both kinds of keys never collide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import ngettext_lazy, pgettext

from archive.models import Article
from archive.selectors import STORY_ORDER
from archive.timeline import TimelineText, TimelineWords, django_text
from search.backends.base import SearchOutcome

VERSIONS_ALL = "all"
VERSION_FIELDS = ("title", "slug", "published_on", "status", "source__name", "source__name_en")


def story_key(*, story_id: int | None, article_id: int) -> str:
    """The key an article is collapsed on: its story's, or its own when it is alone."""
    return f"s{story_id}" if story_id else f"a{article_id}"


def collapses(params: dict) -> bool:
    """Whether a search shows one result per story (the default) or every version."""
    return params.get("versions") != VERSIONS_ALL


def counts_stories(results) -> bool:
    """Whether these search results' count, facets and timeline count stories."""
    return bool(results.stories and results.stories.collapsed)


@dataclass
class StorySummary:
    """What the results say about stories.

    ``collapsed``: one result per story; ``article_count``: the articles behind ``count``
    (equal when not collapsed); ``versions``: per article id of a hit, its story's other
    matching articles, earliest first (only when collapsed). :meth:`story` gives a hit's
    story key and number of versions (read on first use: the page does not show them).
    """

    collapsed: bool
    article_count: int
    hit_ids: list[int] = field(default_factory=list)
    versions: dict[int, list[Article]] = field(default_factory=dict)
    _stories: dict[int, tuple[str, int]] | None = field(default=None, repr=False)

    def story(self, article_id: int) -> tuple[str, int]:
        """``(story key, published versions of the story)`` of a hit; 1 when it is alone."""
        if self._stories is None:
            rows = Article.objects.filter(pk__in=self.hit_ids).values_list(
                "pk", "story_id", "story__size"
            )
            self._stories = {
                pk: (story_key(story_id=story_id, article_id=pk), max(size or 1, 1))
                for pk, story_id, size in rows
            }
        return self._stories.get(article_id) or (story_key(story_id=None, article_id=article_id), 1)


def story_summary(outcome: SearchOutcome, *, collapsed: bool) -> StorySummary:
    """What a page of results says about stories: its hits' other matching versions (one
    query, none when no hit has any)."""
    hit_ids = [pk for pk, _score in outcome.hits]
    articles = outcome.count if outcome.article_count is None else outcome.article_count
    collapsed = collapsed and outcome.article_count is not None
    summary = StorySummary(collapsed=collapsed, article_count=articles, hit_ids=hit_ids)
    other_ids = {pk for others in outcome.versions.values() for pk in others}
    if not other_ids:
        return summary
    found = (
        Article.objects.published()
        .filter(pk__in=other_ids)
        .select_related("source")
        .only(*VERSION_FIELDS)
        .order_by(*STORY_ORDER)
    )
    by_id = {article.pk: article for article in found}  # earliest first
    for pk, others in outcome.versions.items():
        wanted = set(others)
        summary.versions[pk] = [article for key, article in by_id.items() if key in wanted]
    return summary


def version_outlets(versions: list[Article], *, english: bool) -> list[str]:
    """The outlets of ``versions``, each once, in the order of the versions."""
    names = []
    for article in versions:
        source = article.source
        if source is None:
            continue
        name = source.name_en if english and source.name_en else source.name
        if name not in names:
            names.append(name)
    return names


STORY_WORDS = TimelineWords(
    describe=ngettext_lazy("%(period)s: %(count)s story", "%(period)s: %(count)s stories", "n"),
    summary_years=ngettext_lazy(
        "Stories per year, %(first)s–%(last)s: %(count)s story in all",
        "Stories per year, %(first)s–%(last)s: %(count)s stories in all",
        "n",
    ),
    summary_months=ngettext_lazy(
        "Stories per month in %(year)s: %(count)s story in all",
        "Stories per month in %(year)s: %(count)s stories in all",
        "n",
    ),
    summary_span=ngettext_lazy(
        "Stories per month, %(first)s–%(last)s: %(count)s story in all",
        "Stories per month, %(first)s–%(last)s: %(count)s stories in all",
        "n",
    ),
    summary_year=ngettext_lazy(
        "Stories in %(year)s: %(count)s story", "Stories in %(year)s: %(count)s stories", "n"
    ),
    undated=ngettext_lazy(
        "%(count)s story has no date and is not in the chart.",
        "%(count)s stories have no date and are not in the chart.",
        "n",
    ),
    summary_days=ngettext_lazy(
        "Stories per day, %(first)s–%(last)s: %(count)s story in all",
        "Stories per day, %(first)s–%(last)s: %(count)s stories in all",
        "n",
    ),
    summary_month_days=ngettext_lazy(
        "Stories per day in %(month)s: %(count)s story in all",
        "Stories per day in %(month)s: %(count)s stories in all",
        "n",
    ),
)


def story_timeline_text() -> TimelineText:
    """The timeline's words when it counts stories rather than articles."""
    return django_text(STORY_WORDS)


def story_row(summary: StorySummary | None, article_id: int, *, english: bool) -> dict:
    """What a result row shows of its story: the other matching versions and their outlets."""
    versions = summary.versions.get(article_id, []) if summary else []
    outlets = version_outlets(versions, english=english)
    return {
        "versions": versions,
        "version_outlets": pgettext("list separator", ", ").join(outlets),
    }


def _version_json(article: Article) -> dict:
    source = article.source
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.get_absolute_url(),
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "source": (
            {"id": source.pk, "name": source.name, "name_en": source.name_en} if source else None
        ),
    }


def api_story_fields(results, *, hit=None) -> dict:
    """The API's story fields: of the whole results, or of one ``hit``."""
    summary = results.stories or StorySummary(collapsed=False, article_count=results.count)
    if hit is None:
        return {
            "counts": "stories" if summary.collapsed else "articles",
            "article_count": summary.article_count,
        }
    pk = hit.article.pk
    return {
        "story": summary.story(pk)[0],
        "versions": summary.story(pk)[1],
        "other_versions": [_version_json(other) for other in summary.versions.get(pk, [])],
    }


def article_story(article: Article) -> dict:
    """An exported article's story key and its story's number of published versions (the
    ``story`` relation loaded with the article)."""
    story = article.story if article.story_id else None
    return {
        "story": story_key(story_id=article.story_id, article_id=article.pk),
        "versions": max(story.size, 1) if story else 1,
    }
