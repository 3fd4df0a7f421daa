"""The archive's Whoosh backend for haystack (``search.backends.whoosh.ArabicWhooshEngine``).

``backend`` is the haystack glue (schema, writes, the searcher); ``executor`` evaluates a
search on document numbers, ``scoring`` ranks with Whoosh's BM25F, ``searcher_cache`` holds
what one searcher's queries share, and ``internals`` is the one module that reads Whoosh's
private internals. ``analyzer`` and ``textfield`` are the Arabic text field.
"""

from search.backends.whoosh.backend import ArabicWhooshEngine, ArabicWhooshSearchBackend

__all__ = ["ArabicWhooshEngine", "ArabicWhooshSearchBackend"]
