"""Public pages of entities."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from archive.models import Article, Entity

ENTITY_PAGE_SIZE = 20


def entity_detail(request, pk, slug=None):
    entity = get_object_or_404(Entity, pk=pk)
    if entity.merged_into_id:
        return redirect(entity.merged_into.get_absolute_url(), permanent=True)
    if slug != entity.slug:
        return redirect(entity.get_absolute_url(), permanent=True)
    articles = (
        Article.objects.published()
        .filter(mentions__entity=entity)
        .select_related("source")
        .newest_first()
    )
    page = Paginator(articles, ENTITY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/entity_detail.html", {"entity": entity, "page": page})
