"""Found entities against gold entities in one article: who matches whom, and the scores.

A found entity and a gold entity of the same kind match when their name keys meet: the
found entity's surface forms in the article, its name and aliases on one side, the gold
entity's names and surface forms on the other, each folded the way aliases are stored and
looked up (``archive.extraction.names.name_lookup_keys``). Each entity is matched at most
once (a maximum bipartite matching), so one found entity never answers for two people.
"""

from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Found:
    """An entity extraction found in an article."""

    kind: str
    name: str
    forms: tuple[str, ...]
    names: tuple[str, ...] = ()

    def strings(self) -> tuple[str, ...]:
        """Its forms in the article, its name and its other names."""
        return (*self.forms, self.name, *self.names)


@cache
def _keys(text: str) -> frozenset[str]:
    from archive.extraction.names import name_lookup_keys

    return frozenset(name_lookup_keys(text))


def keys_of(strings) -> frozenset[str]:
    keys = set()
    for text in strings:
        keys |= _keys(text)
    return frozenset(keys)


@dataclass
class Comparison:
    """One article's gold and found entities and the pairs matched between them."""

    gold: list
    found: list[Found]
    pairs: dict[int, int] = field(default_factory=dict)  # gold index → found index

    def counts(self, kind: str) -> dict:
        gold = [i for i, g in enumerate(self.gold) if g.kind == kind]
        found = [j for j, f in enumerate(self.found) if f.kind == kind]
        tp = sum(1 for i in gold if i in self.pairs)
        return {"tp": tp, "fp": len(found) - tp, "fn": len(gold) - tp}

    def errors(self) -> list[dict]:
        matched = set(self.pairs.values())
        misses = [
            {"type": "miss", "kind": g.kind, "name": g.name, "forms": list(g.surfaces)}
            for i, g in enumerate(self.gold)
            if i not in self.pairs
        ]
        extras = []
        for j, f in enumerate(self.found):
            if j not in matched:
                extras.append(
                    {
                        "type": self._extra_type(f),
                        "kind": f.kind,
                        "name": f.name,
                        "forms": list(f.forms),
                    }
                )
        return misses + extras

    def _extra_type(self, found: Found) -> str:
        """``duplicate``: it names a gold entity another found entity already matched;
        ``wrong kind``: it names a gold entity of another kind; else ``false positive``."""
        keys = keys_of(found.strings())
        named = [g for g in self.gold if keys & keys_of(g.names())]
        if any(g.kind == found.kind for g in named):
            return "duplicate"
        return "wrong kind" if named else "false positive"


def compare(gold, found: list[Found]) -> Comparison:
    """The largest set of one-to-one gold–found pairs of the same kind whose keys meet."""
    gold_keys = [keys_of(g.names()) for g in gold]
    found_keys = [keys_of(f.strings()) for f in found]
    edges = {
        i: [j for j, f in enumerate(found) if f.kind == g.kind and gold_keys[i] & found_keys[j]]
        for i, g in enumerate(gold)
    }
    owner: dict[int, int] = {}  # found index → gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in edges:
        augment(i, set())
    return Comparison(gold=list(gold), found=found, pairs={i: j for j, i in owner.items()})


def scores(counts) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }
