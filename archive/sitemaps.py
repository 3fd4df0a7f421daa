"""sitemap.xml sections: published articles and the entities they mention."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from archive.models import Article, Entity


class ArticleSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class EntitySitemap(Sitemap):
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
