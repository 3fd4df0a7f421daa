"""The entity gold set: corpus articles, each with every person, organization and place in it.

``gold/dev.json`` is the development set; ``gold/heldout.json`` is kept apart to check that
changes made while looking at the development set hold on articles nobody tuned on. The files
named ``*_people*.json`` are annotated for people only: a file's ``kinds`` names the kinds its
articles are annotated for, and only those are scored. Each article is named by its corpus and
line (``saudinewsnet`` 26907 is line 26907 of ``saudinewsnet.jsonl.gz``, counted from 1) with
the SHA-1 of its ``content``, so the text is rebuilt from the corpora and a changed corpus is
noticed. The policy the annotation follows is ``docs/entities.md``.
"""

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD_DIR = HERE / "gold"
CORPORA = ROOT.parent / "shared" / "corpora"
SPLITS = (
    "dev",
    "heldout",
    "dev_people",
    "heldout_people",
    "dev_people2",
    "heldout_people2",
    "dev_people3",
    "heldout_people3",
    "dev_people4",
    "heldout_people4",
)
KINDS = ("person", "organization", "place")


class GoldError(ValueError):
    """The gold file or the corpora do not hold what the gold set says."""


@dataclass(frozen=True)
class GoldEntity:
    kind: str
    name: str
    name_en: str
    surfaces: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Every string the entity may be matched by: its names and its surfaces."""
        return tuple(n for n in (self.name, self.name_en, *self.surfaces) if n)


@dataclass(frozen=True)
class GoldArticle:
    corpus: str
    line: int
    sha1: str
    title: str
    entities: tuple[GoldEntity, ...]
    kinds: tuple[str, ...] = KINDS

    @property
    def filename(self) -> str:
        return f"{self.corpus}.jsonl.gz"

    @property
    def key(self) -> str:
        """The importer's ``original_filename`` of this article."""
        return f"{self.filename}:{self.line}"


def gold_path(split: str) -> Path:
    if split not in SPLITS:
        raise GoldError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    return GOLD_DIR / f"{split}.json"


def gold_read(split: str, path: Path | None = None) -> list[GoldArticle]:
    """The articles of one split, checked: known kinds, surfaces given, no entity twice."""
    path = path or gold_path(split)
    data = json.loads(path.read_text(encoding="utf-8"))
    kinds = tuple(data.get("kinds", KINDS))
    if not kinds or set(kinds) - set(KINDS):
        raise GoldError(f"{path.name}: kinds must be among {', '.join(KINDS)}, not {kinds}")
    articles, keys = [], set()
    for record in data["articles"]:
        article = _article(record, kinds)
        if article.key in keys:
            raise GoldError(f"{path.name}: {article.key} is listed twice")
        keys.add(article.key)
        articles.append(article)
    return articles


def _article(record: dict, kinds: tuple[str, ...]) -> GoldArticle:
    label = f"{record['corpus']}:{record['line']}"
    entities, seen = [], set()
    for item in record["entities"]:
        entity = GoldEntity(
            kind=item["kind"],
            name=item["name"],
            name_en=item.get("name_en", ""),
            surfaces=tuple(item["surfaces"]),
        )
        if entity.kind not in KINDS:
            raise GoldError(f"{label}: {entity.name}: unknown kind {entity.kind!r}")
        if entity.kind not in kinds:
            raise GoldError(f"{label}: {entity.name}: this file annotates no {entity.kind}")
        if not entity.surfaces or not all(s.strip() for s in entity.surfaces):
            raise GoldError(f"{label}: {entity.name}: no surface form")
        if (entity.kind, entity.name) in seen:
            raise GoldError(f"{label}: {entity.kind} {entity.name} is listed twice")
        seen.add((entity.kind, entity.name))
        entities.append(entity)
    return GoldArticle(
        corpus=record["corpus"],
        line=int(record["line"]),
        sha1=record["sha1"],
        title=record.get("title") or "",
        entities=tuple(entities),
        kinds=kinds,
    )


def corpus_records(articles: list[GoldArticle], corpora: Path = CORPORA) -> dict[str, dict]:
    """``{article key: corpus record}``, each checked against the article's SHA-1."""
    wanted: dict[str, dict[int, GoldArticle]] = {}
    for article in articles:
        wanted.setdefault(article.filename, {})[article.line] = article
    records = {}
    for filename, lines in sorted(wanted.items()):
        path = corpora / filename
        if not path.exists():
            raise GoldError(f"the gold set names {filename}, which is not in {corpora}")
        with gzip.open(path, "rt", encoding="utf-8") as corpus:
            for number, text in enumerate(corpus, start=1):
                if number in lines:
                    records[lines[number].key] = json.loads(text)
                if number >= max(lines):
                    break
    for article in articles:
        record = records.get(article.key)
        if record is None:
            raise GoldError(f"{article.key}: no such line in {corpora}")
        digest = hashlib.sha1(record["content"].encode("utf-8")).hexdigest()
        if digest != article.sha1:
            raise GoldError(f"{article.key}: the corpus line is not the annotated article")
    return records
