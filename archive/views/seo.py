"""What search engines and link previews read: robots.txt and structured data."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.ingest.authors import is_agency

_SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL.lstrip('/')}",
        "Disallow: /api/",
        "Disallow: /en/api/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def article_json_ld(article, *, url: str, entities, absolute) -> dict:
    """schema.org ``NewsArticle`` of an article; ``absolute`` turns a path into a URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": "ar",
        "url": url,
        "mainEntityOfPage": url,
    }
    if article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    if article.author:
        kind = "Organization" if is_agency(article.author) else "Person"
        data["author"] = {"@type": kind, "name": article.author}
    if article.source:
        publisher = {"@type": "Organization", "name": article.source.name}
        if article.source.name_en:
            publisher["alternateName"] = article.source.name_en
        if article.source.homepage:
            publisher["url"] = article.source.homepage
        data["publisher"] = publisher
    if entities:
        data["mentions"] = [_entity_json_ld(entity, absolute) for entity in entities]
    return data


def _entity_json_ld(entity, absolute) -> dict:
    # No sameAs: the archive links no external authority records (yet).
    data = {
        "@type": _SCHEMA_TYPES.get(entity.kind, "Thing"),
        "name": entity.name,
        "url": absolute(entity.get_absolute_url()),
    }
    alternates = [name for name in (entity.name_en, entity.name_ru) if name]
    if alternates:
        data["alternateName"] = alternates
    return data
