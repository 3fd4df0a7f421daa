"""The did-you-mean vocabulary of a Whoosh index: its terms and their document frequencies.

Implements :class:`search.suggest.Vocabulary` over an open index reader. One edit away, the
strings of :func:`search.suggest.edits1` are looked up in each segment's term table, which
beats Whoosh's ``terms_within`` automaton; two edits away, ``terms_within`` runs per segment
with the first two letters fixed (on a multi-segment reader Whoosh would otherwise compute
the distance to every term with the same first letter).
"""

from collections.abc import Iterable

from search.suggest import FAR_PREFIX, edits1

__all__ = ["WhooshVocabulary"]


class WhooshVocabulary:
    """The terms of one field of a Whoosh index, read through an open reader (keep one per
    searcher: it holds nothing but the reader)."""

    def __init__(self, reader, fieldname: str = "text"):
        self.reader = reader
        self.fieldname = fieldname
        schema = reader.schema
        self._known = fieldname in schema.names()
        self._spelling = schema[fieldname].spelling_fieldname(fieldname) if self._known else ""

    def doc_frequency(self, term: str) -> int:
        if not self._known:
            return 0
        return self.reader.doc_frequency(self.fieldname, term)

    def terms_near(self, term: str, maxdist: int) -> Iterable[str]:
        if not self._known:
            return set()
        leaves = [leaf for leaf, _offset in self.reader.leaf_readers()]
        field = self._spelling
        found = {edit for edit in edits1(term) if any((field, edit) in leaf for leaf in leaves)}
        if maxdist >= 2 and len(term) > FAR_PREFIX:
            for leaf in leaves:
                found.update(leaf.terms_within(field, term, maxdist, prefix=FAR_PREFIX))
            found.discard(term)
        return found
