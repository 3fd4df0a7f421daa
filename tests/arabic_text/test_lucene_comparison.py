"""The analyzer against Lucene's Arabic analyzer (tests/arabic_text/lucene_reference.py)."""

import pytest

from arabic_text import analyze
from tests.arabic_text.lucene_reference import lucene_analyze

LUCENE_MISSES = {
    "stacked prefixes": ("وللعراق", "العراق"),
    "lone preposition before a city": ("بموسكو", "موسكو"),
    "lone preposition before a country": ("لروسيا", "روسيا"),
    "pronoun suffix": ("زيارته", "زيارة"),
    "hamza seat": ("مسؤول", "مسئول"),
    "dagger alef": ("هٰذه المنظمة", "هذه المنظمة"),
    "presentation forms": ("ﺍﻟﻌﺮﺍﻕ", "العراق"),
    "Persian letters": ("کرکوک", "كركوك"),
}


@pytest.mark.parametrize("pair", LUCENE_MISSES.values(), ids=LUCENE_MISSES.keys())
def test_we_join_spellings_that_lucene_keeps_apart(pair):
    assert analyze(pair[0]) == analyze(pair[1])
    assert lucene_analyze(pair[0]) != lucene_analyze(pair[1])


LUCENE_CONFLATES = {
    "minister and water jar": ("وزير", "زير"),
    "Ali and a non-word": ("علي", "عل"),
    "cooperation and a non-word": ("تعاون", "تعا"),
    "affairs and a non-word": ("شؤون", "شؤ"),
    "Putin and a non-word": ("بوتين", "بوت"),
}


@pytest.mark.parametrize("pair", LUCENE_CONFLATES.values(), ids=LUCENE_CONFLATES.keys())
def test_we_avoid_lucenes_over_stemming(pair):
    assert lucene_analyze(pair[0]) == lucene_analyze(pair[1])
    assert analyze(pair[0]) != analyze(pair[1])
