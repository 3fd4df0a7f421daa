"""The archive's data: outlets, articles, stories, entities and where entities are mentioned."""

from archive.models.articles import Article, ArticleQuerySet, Source
from archive.models.entities import Entity, EntityAlias, EntityCandidate, EntityQuerySet
from archive.models.mentions import Mention, MentionQuerySet, MentionSuppression
from archive.models.slugs import SLUG_MAX, unicode_slug
from archive.models.stories import Story, StoryBand, StoryFingerprint

__all__ = [
    "SLUG_MAX",
    "Article",
    "ArticleQuerySet",
    "Entity",
    "EntityAlias",
    "EntityCandidate",
    "EntityQuerySet",
    "Mention",
    "MentionQuerySet",
    "MentionSuppression",
    "Source",
    "Story",
    "StoryBand",
    "StoryFingerprint",
    "unicode_slug",
]
