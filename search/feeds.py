"""The Atom feed of any search, so a researcher can follow a topic, a person or a source.

A search feed lists the ``FEED_SIZE`` newest matching articles whatever the
``sort`` parameter says: a feed reader polls for what is new, and in
relevance order a new article could rank below the entries shown and never
appear. The feed's link is the search page with the same parameters, newest
first, and its title states the query and the filters.
"""

from dataclasses import dataclass
from itertools import islice

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from archive.feeds import FEED_SIZE, ArticleFeed, ArticleFeedSpec
from archive.links import QueryLinks
from archive.models import Article, Entity, Source
from search.backends.base import SORT_NEWEST
from search.forms import ENTITY_KINDS
from search.selectors import search_iter_article_ids

TITLE_QUERY_CHARS = 120
# Page state that does not change which articles a search finds.
PAGE_STATE = ("page", "page_size", "more")
KIND_HEADINGS = {
    "person": gettext_lazy("People"),
    "organization": gettext_lazy("Organizations"),
    "place": gettext_lazy("Places"),
}


@dataclass(frozen=True)
class SearchFeedSpec(ArticleFeedSpec):
    """A feed spec that also names the feed's own URL (its parameters define the feed)."""

    feed_url: str = ""


class SearchArticleFeed(ArticleFeed):
    def feed_url(self, obj):
        # Django's default, the request path, drops the query string: the feed's
        # rel="self" link would name the feed of the whole archive.
        return obj.spec.feed_url or None


search_article_feed = SearchArticleFeed()


def search_feed_articles(*, params: dict, limit: int = FEED_SIZE) -> list[Article]:
    """The ``limit`` newest published articles matching ``params``."""
    ids = list(islice(search_iter_article_ids(params={**params, "sort": SORT_NEWEST}), limit))
    found = Article.objects.published().filter(pk__in=ids).select_related("source")
    by_id = {article.pk: article for article in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _names(model, ids) -> str:
    english = (get_language() or "").startswith("en")
    rows = dict(
        (pk, (name_en if english and name_en else name))
        for pk, name, name_en in model.objects.filter(pk__in=ids).values_list(
            "pk", "name", "name_en"
        )
    )
    return "، ".join(rows[pk] for pk in ids if pk in rows)


def search_feed_title(params: dict) -> str:
    """What the search asks for, in words: the query, then each filter."""
    parts = []
    if params.get("q"):
        parts.append(f"“{Truncator(params['q']).chars(TITLE_QUERY_CHARS)}”")
    for kind in ENTITY_KINDS:
        if params.get(kind):
            parts.append(f"{KIND_HEADINGS[kind]}: {_names(Entity, params[kind])}")
    if params.get("source"):
        parts.append(_("Sources: %(names)s") % {"names": _names(Source, params["source"])})
    if params.get("year"):
        parts.append(_("Year %(year)s") % {"year": params["year"]})
    if params.get("date_from"):
        parts.append(_("from %(date)s") % {"date": params["date_from"].isoformat()})
    if params.get("date_to"):
        parts.append(_("to %(date)s") % {"date": params["date_to"].isoformat()})
    if not parts:
        return _("Archive search: all articles")
    return _("Archive search: %(query)s") % {"query": " · ".join(parts)}


def search_feed_link(query: QueryDict) -> str:
    """The search page this feed follows: same parameters, newest first, first page."""
    links = QueryLinks(query, reverse("search:search"))
    return links.href(drop=[*PAGE_STATE, "sort"], add=[("sort", SORT_NEWEST)])


def search_feed_url(query: QueryDict) -> str:
    """The feed's own URL, without the parameters that do not change it."""
    return reverse("search:feed") + QueryLinks(query).query(drop=[*PAGE_STATE, "sort"])


def search_feed_spec(*, params: dict, query: QueryDict) -> SearchFeedSpec:
    return SearchFeedSpec(
        title=search_feed_title(params),
        link=search_feed_link(query),
        feed_url=search_feed_url(query),
        articles=search_feed_articles(params=params),
        subtitle=_("The %(count)s newest articles matching this search.") % {"count": FEED_SIZE},
    )
