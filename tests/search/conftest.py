"""Search test fixtures: an empty index per test, and the five seed articles indexed.

The seed articles are built from the raw seed texts with the test factories
(not the importer), so these tests depend only on the search code. Dates,
sources and entity mentions are the ones the seed texts state.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from haystack import connections

from archive.models import Article, Entity, Mention, Source
from tests.factories import article_create, entity_create, source_create

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_DATES = {
    "000": date(2021, 11, 30),
    "001": date(2021, 4, 22),
    "002": None,
    "003": date(2020, 11, 25),
    "004": None,
}
SEED_SOURCES = {"000": "elaph", "002": "elaph", "003": "tass"}
# Which seeds name each entity (checked against the texts with grep).
SEED_MENTIONS = {
    "kazimi": ("000", "001", "002", "003"),
    "lavrov": ("003", "004"),
    "putin": ("000", "001", "002", "003", "004"),
    "jaafari": ("004",),
    "moscow": ("000", "002", "003", "004"),
    "baghdad": ("000", "001", "002", "003", "004"),
}
CHROME_LINES = {"+ الخط -", "التعليقات", "المساهمون"}


def seed_text(number: str) -> str:
    path = next(SEEDS_DIR.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")


def seed_title_body(number: str) -> tuple[str, str]:
    """The headline (or the lead's first words) and the body of a raw seed."""
    lines = [line.strip() for line in seed_text(number).splitlines()]
    lines = [line for line in lines if line and line not in CHROME_LINES]
    first = lines[0]
    words = first.split()
    title = first if len(words) <= 14 else " ".join(words[:10])
    body_lines = lines[1:] if len(words) <= 14 else lines
    return title, "\n".join(body_lines)


@dataclass
class Seeds:
    articles: dict[str, Article]
    entities: dict[str, Entity]
    sources: dict[str, Source]

    def ids(self, *numbers: str) -> set[int]:
        return {self.articles[number].pk for number in numbers}


@pytest.fixture
def search_index():
    """An empty index before and after the test."""
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


def _entities() -> dict[str, Entity]:
    person, place = Entity.Kind.PERSON, Entity.Kind.PLACE
    return {
        "kazimi": entity_create(
            kind=person,
            name="مصطفى الكاظمي",
            name_en="Mustafa al-Kadhimi",
            name_ru="Мустафа аль-Казыми",
            aliases=("الكاظمي",),
        ),
        "lavrov": entity_create(
            kind=person,
            name="سيرغي لافروف",
            name_en="Sergey Lavrov",
            name_ru="Сергей Лавров",
            aliases=("لافروف", "Lavrov", "Лавров"),
        ),
        "putin": entity_create(
            kind=person,
            name="فلاديمير بوتين",
            name_en="Vladimir Putin",
            name_ru="Владимир Путин",
            aliases=("بوتين",),
        ),
        "jaafari": entity_create(
            kind=person, name="إبراهيم الجعفري", name_en="Ibrahim al-Jaafari", name_ru=""
        ),
        "moscow": entity_create(kind=place, name="موسكو", name_en="Moscow", name_ru="Москва"),
        "baghdad": entity_create(kind=place, name="بغداد", name_en="Baghdad", name_ru="Багдад"),
    }


def seeds_create() -> Seeds:
    sources = {
        "elaph": source_create(name="إيلاف", name_en="Elaph"),
        "tass": source_create(name="تاس", name_en="TASS"),
    }
    articles = {}
    for number, published_on in SEED_DATES.items():
        title, body = seed_title_body(number)
        source = sources.get(SEED_SOURCES.get(number))
        articles[number] = article_create(
            title=title, body=body, published_on=published_on, source=source
        )
    entities = _entities()
    for key, numbers in SEED_MENTIONS.items():
        for number in numbers:
            Mention.objects.create(article=articles[number], entity=entities[key], count=1)
    return Seeds(articles, entities, sources)


@pytest.fixture
def seeds(db, search_index) -> Seeds:
    """The five seed articles, with their sources and mentions, in the index."""
    created = seeds_create()
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())  # one commit for all five
    return created
