"""Entity extraction: a gazetteer of every known name, matched in one pass over the tokens.

Plain text and plain records in, plain records out: nothing here reads the
database (``archive.services.gazetteer`` builds the gazetteer from it).
``names`` turns a name into the folded key that aliases are stored and looked
up by (through ``arabic_text``: one normalization for search and for entities);
``gazetteer`` is the token trie; ``matcher`` finds mentions (longest match,
proclitics on the first token, ambiguous aliases only with support);
``candidates`` proposes unknown people introduced by a title cue.
"""

from archive.extraction.matcher import Extraction, FoundCandidate, FoundEntity, extract

__all__ = ["Extraction", "FoundCandidate", "FoundEntity", "extract"]
