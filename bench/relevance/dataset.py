"""The relevance set on disk: the pool, the queries and the judgments (no Django).

``pool.tsv``: ``corpus`` (a file of ``../shared/corpora/``), ``line`` (1-based, as
``import_articles`` numbers JSON lines) and ``why`` (the topic that brought it in, or
``sample``). An article's key is ``corpus:line``, as the importer stores it in
``original_filename``. ``queries.json``: a list of ``{id, q, kind, filters, note}``.
``judgments.tsv``: ``query``, ``article`` (a key), ``grade`` (0, 1 or 2).
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
POOL = HERE / "pool.tsv"
QUERIES = HERE / "queries.json"
JUDGMENTS = HERE / "judgments.tsv"
GRADES = (0, 1, 2)


@dataclass(frozen=True)
class Query:
    """One query as a researcher types it, with the search page's filters.

    ``filters`` name entities and sources by their Arabic name (ids differ between builds):
    ``{"place": ["سوريا"], "source": ["..."], "date_from": "2015-08-01"}``.
    """

    id: str
    q: str
    kind: str
    filters: dict = field(default_factory=dict)
    note: str = ""


def key_of(corpus: str, line: int) -> str:
    return f"{corpus}:{line}"


def pool_read(path: Path = POOL) -> list[tuple[str, int, str]]:
    """``(corpus, line, why)`` rows in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["corpus"], int(row["line"]), row["why"]) for row in rows]


def pool_keys(path: Path = POOL) -> list[str]:
    return [key_of(corpus, line) for corpus, line, _why in pool_read(path)]


def queries_read(path: Path = QUERIES) -> list[Query]:
    items = json.loads(path.read_text(encoding="utf-8"))
    queries = [Query(**item) for item in items]
    ids = [query.id for query in queries]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path.name}: repeated query ids")
    return queries


def judgments_read(path: Path = JUDGMENTS) -> dict[str, dict[str, int]]:
    """``{query id: {article key: grade}}``; a later line for the same pair wins."""
    judged: dict[str, dict[str, int]] = {}
    if not path.exists():
        return judged
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            grade = int(row["grade"])
            if grade not in GRADES:
                raise ValueError(f"{path.name}: grade {grade} for {row['query']} {row['article']}")
            judged.setdefault(row["query"], {})[row["article"]] = grade
    return judged
