"""Folded keys of names, shared by alias storage, lookups and the matcher.

All letter folding and clitic segmentation come from ``arabic_text``;
this module only decides which of its forms a name may take. The one rule
added here is the definite article: ``الصالح`` must never become the name
``صالح``, while ``للعراق`` (li + al-Iraq) must still be ``العراق``.
"""

from functools import lru_cache

from arabic_text import strip_proclitics, tokens

ARTICLE = "ال"
# Letters that may stand alone as a proclitic before a word (and, so, prepositions).
_CLITIC_LETTERS = frozenset("وفبكل")


def name_tokens(text: str) -> list[str]:
    """The folded tokens of a name: ``"فلاديمير بوتين"`` → ``["فلاديمير", "بوتين"]``."""
    # Folded forms only: no stemming (the gazetteer folds every name of the archive).
    return [token.folded for token in tokens(text or "", terms=False)]


def name_normalize(text: str) -> str:
    """The key an alias is stored under: folded tokens joined by one space."""
    return " ".join(name_tokens(text))


@lru_cache(maxsize=200_000)
def first_token_keys(folded: str) -> frozenset[str]:
    """Every name key a text token may stand for once its proclitics are removed.

    ``وللعراق`` → {``وللعراق``, ``العراق``}; ``للجنه`` → also ``اللجنه``.
    The article stays part of the key: a stripped ``ال`` is put back and
    ``لل`` (li + al-) gives ``ال``, so ``الصالح`` never yields ``صالح``.
    """
    keys = {folded}
    for form in strip_proclitics(folded):
        if form and form != folded:
            keys.update(_keys_for_form(folded, form))
    return frozenset(keys)


def longest_first(keys) -> list[str]:
    """Keys in a fixed order, the whole word before what its proclitics leave (بسام before
    سام): a choice among a set's keys must not depend on the hash seed."""
    return sorted(keys, key=lambda key: (-len(key), key))


def _keys_for_form(folded: str, form: str) -> list[str]:
    if not folded.endswith(form):
        # The analyzer may already give للعراق back as العراق (the lam assimilated).
        prefix = folded[: len(folded) - len(form) + 1]
        if form.startswith(ARTICLE) and folded.endswith(form[1:]) and _only_clitics(prefix):
            return [form]
        return []
    prefix = folded[: len(folded) - len(form)]
    if prefix.endswith(ARTICLE):
        return [ARTICLE + form] if _only_clitics(prefix[: -len(ARTICLE)]) else []
    if prefix.endswith("لل"):
        return [ARTICLE + form] if _only_clitics(prefix[:-1]) else []
    if not _only_clitics(prefix):
        return []
    if prefix.endswith("ل") and form.startswith("ل"):
        # لِلَّجنة: li + al-lajna, written with the article's lam assimilated.
        return [form, ARTICLE + form]
    return [form]


def _only_clitics(prefix: str) -> bool:
    return set(prefix) <= _CLITIC_LETTERS


def name_lookup_keys(text: str) -> list[str]:
    """Keys to look a typed name up by: the name itself and, for its first
    word, the forms without proclitics (``ولافروف`` → ``لافروف``)."""
    folded = name_tokens(text)
    if not folded:
        return []
    rest = folded[1:]
    return sorted({" ".join([key, *rest]) for key in first_token_keys(folded[0])})
