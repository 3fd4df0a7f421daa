"""sitemap.xml sections: published articles and the entities they mention.

Every page is listed in both interface languages (Arabic unprefixed, English under
``/en/``), each with its ``hreflang`` alternates and the Arabic page as ``x-default``.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from archive.models import Article, Entity


class _BothLanguages(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(_BothLanguages):
    changefreq = "yearly"

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class EntitySitemap(_BothLanguages):
    changefreq = "weekly"

    def items(self):
        # Only entities a visitor can find something on; merged ones redirect elsewhere.
        return (
            Entity.objects.filter(
                merged_into__isnull=True,
                mentions__article__in=Article.objects.published(),
            )
            .annotate(last_article_change=Max("mentions__article__updated_at"))
            .only("pk", "slug")
            .order_by("pk")
        )

    def lastmod(self, entity):
        return entity.last_article_change


SITEMAPS = {"articles": ArticleSitemap, "entities": EntitySitemap}
