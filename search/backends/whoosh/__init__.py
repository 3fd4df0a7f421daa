"""The archive's Whoosh backend for haystack (``search.backends.whoosh.ArabicWhooshEngine``)."""

from search.backends.whoosh.backend import ArabicWhooshEngine, ArabicWhooshSearchBackend

__all__ = ["ArabicWhooshEngine", "ArabicWhooshSearchBackend"]
