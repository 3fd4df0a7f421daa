"""Entity extraction: a gazetteer of every known name, matched in one pass over the tokens.

``names`` turns a name into the folded key that aliases are stored and
looked up by (through ``search.analysis``: one normalization for search and
for entities); ``gazetteer`` builds the token trie from the database and
caches it per process; ``matcher`` finds mentions (longest match, proclitics
on the first token, ambiguous aliases only with support); ``candidates``
proposes unknown people introduced by a title cue.
"""

from archive.extraction.matcher import Extraction, FoundCandidate, FoundEntity, extract

__all__ = ["Extraction", "FoundCandidate", "FoundEntity", "extract"]
