"""Public pages of articles: the home page and the permalink."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from archive.models import Article

HOME_PAGE_SIZE = 20


def home(request):
    articles = Article.objects.published().select_related("source").newest_first()
    page = Paginator(articles, HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/home.html", {"page": page})


def _visible_articles(request):
    if request.user.is_authenticated and request.user.is_staff:
        return Article.objects.all()
    return Article.objects.published()


def article_detail(request, pk, slug=None):
    article = get_object_or_404(_visible_articles(request).select_related("source"), pk=pk)
    if slug != article.slug:
        # Old or missing slugs keep working: a permanent redirect to the canonical URL.
        return redirect(article.get_absolute_url(), permanent=True)
    mentions = article.mentions.select_related("entity").order_by("entity__kind", "-count")
    return render(
        request,
        "archive/article_detail.html",
        {"article": article, "mentions": mentions},
    )
