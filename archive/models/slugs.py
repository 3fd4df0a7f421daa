"""URL slugs that keep Arabic letters, shared by the archive's models."""

from django.utils.text import slugify

SLUG_MAX = 120


def unicode_slug(text: str, fallback: str) -> str:
    """A URL slug that keeps Arabic letters; never empty."""
    slug = slugify(text or "", allow_unicode=True)[:SLUG_MAX].strip("-")
    return slug or fallback
