"""The search index of published articles.

Text fields go through the Arabic analyzer (see ``search.backends.whoosh``);
the source, the year and the entity ids of each kind are exact facet values.
"""

from django.db.models import Prefetch
from haystack import indexes

from archive.ingest.authors import author_key
from archive.models import Article, Entity, Mention
from search.backends.fields import FacetIdField, FacetIdListField

TITLE_BOOST = 2.0
ENTITY_KINDS = (Entity.Kind.PERSON, Entity.Kind.ORGANIZATION, Entity.Kind.PLACE)


def _entity_ids(article: Article, kind: str) -> list[str]:
    return sorted(
        {str(m.entity_id) for m in article.mentions.all() if m.entity.kind == kind}, key=int
    )


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    title = indexes.CharField(model_attr="title", boost=TITLE_BOOST)
    published_on = indexes.DateField(model_attr="published_on", null=True)
    year = FacetIdField(null=True)
    source = FacetIdField(null=True)
    # The byline, folded (``?author=`` filters on it).
    author = FacetIdField(null=True)
    person = FacetIdListField()
    organization = FacetIdListField()
    place = FacetIdListField()
    # The story key: ``s<story id>``, or ``a<article id>`` for an article alone.
    story = FacetIdField()
    # What ``check_index`` compares with the database to find stale documents.
    updated_at = indexes.CharField(indexed=False)

    def get_model(self):
        return Article

    def get_updated_field(self):
        return "updated_at"

    def index_queryset(self, using=None):
        mentions = Mention.objects.select_related("entity").only(
            "article_id", "entity_id", "entity__kind"
        )
        return (
            Article.objects.published()
            .defer("raw_text", "metadata", "review_reasons")
            .prefetch_related(Prefetch("mentions", queryset=mentions))
            .order_by("pk")
        )

    def prepare_text(self, article: Article) -> str:
        return f"{article.title}\n{article.body}"

    def prepare_year(self, article: Article) -> str | None:
        return str(article.published_on.year) if article.published_on else None

    def prepare_source(self, article: Article) -> str | None:
        return str(article.source_id) if article.source_id else None

    def prepare_author(self, article: Article) -> str | None:
        return author_key(article.author) or None

    def prepare_person(self, article: Article) -> list[str]:
        return _entity_ids(article, Entity.Kind.PERSON)

    def prepare_organization(self, article: Article) -> list[str]:
        return _entity_ids(article, Entity.Kind.ORGANIZATION)

    def prepare_place(self, article: Article) -> list[str]:
        return _entity_ids(article, Entity.Kind.PLACE)

    def prepare_story(self, article: Article) -> str:
        return f"s{article.story_id}" if article.story_id else f"a{article.pk}"

    def prepare_updated_at(self, article: Article) -> str:
        return article.updated_at.isoformat()
