"""Atom feeds a researcher can follow: the newest articles and each entity's articles."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.feeds import FEED_SIZE, ArticleFeedSpec, article_feed
from archive.models import Article, Entity


def _newest(articles):
    return list(articles.select_related("source").newest_first()[:FEED_SIZE])


@require_GET
def latest_feed(request):
    spec = ArticleFeedSpec(
        title=_("Iraq–Russia News Archive: latest articles"),
        link=reverse("archive:home"),
        articles=_newest(Article.objects.published()),
    )
    return article_feed(request, spec=spec)


@require_GET
def entity_feed(request, pk):
    entity = get_object_or_404(Entity, pk=pk)
    if entity.merged_into_id:
        return redirect("archive:entity_feed", pk=entity.merged_into_id, permanent=True)
    english = (get_language() or "").startswith("en") and entity.name_en
    spec = ArticleFeedSpec(
        title=_("Articles mentioning %(name)s")
        % {"name": entity.name_en if english else entity.name},
        link=entity.get_absolute_url(),
        articles=_newest(Article.objects.published().filter(mentions__entity=entity)),
    )
    return article_feed(request, spec=spec)
