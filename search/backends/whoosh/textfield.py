"""A Whoosh text field that indexes the Arabic analyzer's terms without its token objects.

No Django import: Whoosh pickles the schema into the index, so opening it must not need
settings.
"""

from collections import defaultdict

from whoosh.fields import TEXT
from whoosh.formats import Positions

from arabic_text import analyze


class ArabicText(TEXT):
    """Whoosh's ``TEXT``, with the index postings computed straight from :func:`analyze`.

    Indexing asks only for each term's positions, and the terms of ``analyze`` in order are
    the analyzer's, numbered from 0; this skips the token objects and generator chain of
    Whoosh's analyzer protocol. Queries and highlighting still go through the analyzer.
    """

    def index(self, value, **kwargs):
        if not isinstance(value, str) or type(self.format) is not Positions:
            yield from super().index(value, **kwargs)
            return
        positions = defaultdict(list)
        for position, term in enumerate(analyze(value)):
            positions[term].append(position)
        boost = self.format.field_boost
        encode = self.format.encode
        for term, found in positions.items():
            yield term.encode("utf-8"), len(found), len(found) * boost, encode(found)
