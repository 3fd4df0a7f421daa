"""Admin registrations: articles and sources in ``articles``, entities in ``entities``."""

from archive.admin import articles, entities  # noqa: F401
