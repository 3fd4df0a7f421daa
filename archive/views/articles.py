"""Public pages of articles: the home page and the permalink."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from arabic_text import highlight_full, parse_marks
from archive import citations
from archive.models import Article, Entity
from archive.permalinks import HIGHLIGHT_PARAM, highlight_words, with_highlight
from archive.related import related_articles
from archive.selectors import article_lead, collection_summary, story_versions
from archive.views import seo

HOME_PAGE_SIZE = 20
# The id of the first marked word of the body: the "jump to the first match" link's target.
FIRST_MATCH_ID = "first-match"

KIND_HEADINGS = {
    Entity.Kind.PERSON: _("People"),
    Entity.Kind.ORGANIZATION: _("Organizations"),
    Entity.Kind.PLACE: _("Places"),
}


def visible_articles(user):
    """Articles this user may open: staff also preview drafts."""
    if user.is_authenticated and user.is_staff:
        return Article.objects.all()
    return Article.objects.published()


def adjacent_articles(article) -> tuple[Article | None, Article | None]:
    """The published articles just older and just newer by date (ties broken by id)."""
    day = article.published_on
    if day is None:
        return None, None
    published = Article.objects.published().exclude(pk=article.pk)
    older = (
        published.filter(Q(published_on__lt=day) | Q(published_on=day, pk__lt=article.pk))
        .order_by("-published_on", "-pk")
        .first()
    )
    newer = (
        published.filter(Q(published_on__gt=day) | Q(published_on=day, pk__gt=article.pk))
        .order_by("published_on", "pk")
        .first()
    )
    return older, newer


def _mentioned_entities(article) -> list[tuple[Entity, int]]:
    """Entities with their mention counts; a merged entity shows as the one it became."""
    mentions = article.mentions.select_related("entity__merged_into").order_by(
        "-count", "entity__name"
    )
    seen, result = set(), []
    for mention in mentions:
        entity = mention.entity.merged_into or mention.entity
        if entity.pk not in seen:
            seen.add(entity.pk)
            result.append((entity, mention.count))
    return result


def entity_groups(entities: list[tuple[Entity, int]], *, english: bool) -> list[dict]:
    """Mentioned entities grouped by kind, each with its search filter."""
    groups = []
    for kind, heading in KIND_HEADINGS.items():
        items = []
        for entity, count in entities:
            if entity.kind != kind:
                continue
            search_query = QueryDict(mutable=True)
            search_query[kind] = str(entity.pk)
            shows_english = english and bool(entity.name_en)
            items.append(
                {
                    "entity": entity,
                    "count": count,
                    "name": entity.name_en if shows_english else entity.name,
                    "lang": "en" if shows_english else "ar",
                    "search_query": search_query,
                }
            )
        if items:
            groups.append({"kind": kind, "heading": heading, "mentions": items})
    return groups


def _safe_external_url(url: str) -> str:
    # Only web links: a javascript: or data: URL must never become a clickable href.
    return url if url.lower().startswith(("http://", "https://")) else ""


def marked_text(article, words: str) -> dict:
    """The title and paragraphs as highlight segments, the words and phrases of ``words``
    marked (``hl`` of a link from a search result), and the first marked paragraph's anchor.

    ``marked_title``, ``paragraphs`` (each ``segments`` and ``anchor``: the anchor id on the
    first paragraph with a mark, else ""), ``first_match`` (that id, or "" when the body
    has no mark) and ``highlighting`` (words were given).
    """
    marks = parse_marks(words)
    title = highlight_full(article.title, marks)
    paragraphs = []
    first_match = ""
    for text in article.paragraphs():
        segments = highlight_full(text, marks)
        anchor = ""
        if not first_match and any(segment.marked for segment in segments):
            anchor = first_match = FIRST_MATCH_ID
        paragraphs.append({"segments": segments, "anchor": anchor})
    return {
        "marked_title": title,
        "paragraphs": paragraphs,
        "first_match": first_match,
        "highlighting": bool(marks),
    }


def home(request):
    articles = Article.objects.published().select_related("source").newest_first()
    page = Paginator(articles, HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    collection = collection_summary()
    context = {
        "page": page,
        "collection": collection,
        "most_mentioned": [
            (KIND_HEADINGS[kind], entities) for kind, entities in collection.top.items() if entities
        ],
    }
    return render(request, "archive/home.html", context)


def article_detail(request, pk, slug=None):
    article = get_object_or_404(visible_articles(request.user).select_related("source"), pk=pk)
    words = highlight_words(request.GET.get(HIGHLIGHT_PARAM))
    if slug != article.slug:
        # Old or missing slugs keep working: a permanent redirect to the canonical URL (with
        # the words to mark, when a search result's link brought the reader).
        return redirect(with_highlight(article.get_absolute_url(), words), permanent=True)
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    entities = _mentioned_entities(article)
    citation = citations.citation_from_article(
        article, url=canonical_url, accessed=timezone.localdate()
    )
    json_ld = seo.article_json_ld(
        article,
        url=canonical_url,
        entities=[entity for entity, _count in entities],
        absolute=request.build_absolute_uri,
    )
    older, newer = adjacent_articles(article)
    context = {
        "article": article,
        "canonical_url": canonical_url,
        "canonical_display": uri_to_iri(canonical_url),
        "original_url": _safe_external_url(article.original_url),
        "lead": article_lead(article),
        "entity_groups": entity_groups(entities, english=(get_language() or "").startswith("en")),
        "related_articles": related_articles(
            article=article, entity_ids=[entity.pk for entity, _count in entities]
        ),
        "story_versions": story_versions(article=article),
        "older_article": older,
        "newer_article": newer,
        "apa_citation": citations.apa(citation, html=True),
        "chicago_citation": citations.chicago(citation, html=True),
        "json_ld": json_ld,
        **marked_text(article, words),
    }
    return render(request, "archive/article_detail.html", context)
