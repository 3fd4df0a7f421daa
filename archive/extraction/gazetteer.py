"""The gazetteer: every known name of every active entity, as a token trie.

Built from plain records (``EntityInfo``, ``NameRecord``), so extraction never
reads the database; ``archive.services.gazetteer`` builds it from the entities
and keeps one per process.
"""

from dataclasses import dataclass, field
from functools import cache

from archive.extraction.document import WordFilter
from archive.extraction.names import first_token_keys, name_tokens
from archive.extraction.places import IN_PLACE, language_adjectives
from archive.extraction.variants import VariantIndex


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One name of one entity at a trie node."""

    entity_id: int
    ambiguous: bool


@dataclass(slots=True)
class TrieNode:
    children: dict[str, "TrieNode"] = field(default_factory=dict)
    entries: tuple[AliasEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityInfo:
    id: int
    kind: str
    name: str
    name_en: str
    origin: str = ""
    review: str = "confirmed"


@dataclass(frozen=True, slots=True)
class NameRecord:
    """A name to put in the gazetteer: ``name`` in any script, for ``entity_id``."""

    entity_id: int
    name: str
    ambiguous: bool = False


# Distinct text tokens whose trie roots a gazetteer remembers (a few hundred thousand in the
# corpora); past this the memo starts again rather than grow without bound.
_ROOTS_MEMO_MAX = 500_000


class Gazetteer:
    """Token trie over folded aliases, plus what candidate detection needs to know."""

    def __init__(
        self,
        entities: list[EntityInfo],
        names: list[NameRecord],
        rejected: set[str] = frozenset(),
        *,
        countries: dict[int, int] | None = None,
        other_words: frozenset[str] = frozenset(),
    ):
        self.entities = {info.id: info for info in entities}
        # City → its country (both entity ids), and the folded city names news mostly uses
        # for another person or thing (``places.proper_other_words``): the country is their
        # support.
        self.countries = countries or {}
        self.other_words = other_words
        self.kinds = {info.id: info.kind for info in entities}
        self.root: dict[str, TrieNode] = {}
        self._roots_memo = _RootsMemo(self.root)
        # (key, trie node) of each name key a text token may stand for that starts a name
        # (``_RootsMemo``): a dict look-up, the hot path of the matcher and the name rules.
        self.roots = self._roots_memo.__getitem__
        # The words of a text that may start a name (``roots`` not empty), asked as a set.
        self.starting = WordFilter(self.roots)
        self.known_keys: set[str] = set()
        # Names editors rejected: never proposed again.
        self.rejected_keys = frozenset(rejected)
        self.person_given_names: set[str] = set()
        # Skeletons of people's names: a variant spelling resolves to its entity.
        self.variants = VariantIndex()
        # The opening words of organizations' long names (مجلس التعاون → the GCC).
        self.org_prefixes: dict[str, set[int]] = {}
        # الروسي, العراقية …: adjectives of the known places, never part of a name.
        self.nationality_adjectives: set[str] = set()
        # Every name of each organization, folded: a known one qualified by an adjective.
        self.org_names: dict[int, set[tuple[str, ...]]] = {}
        for record in names:
            if record.entity_id in self.entities:
                self._add(record)

    def _add(self, record: NameRecord) -> None:
        folded = name_tokens(record.name)
        if not folded:
            return
        self.known_keys.add(" ".join(folded))
        node = self.root.setdefault(folded[0], TrieNode())
        for token in folded[1:]:
            node = node.children.setdefault(token, TrieNode())
        entry = AliasEntry(record.entity_id, record.ambiguous)
        same_entity = [e for e in node.entries if e.entity_id == record.entity_id]
        if not same_entity:
            node.entries = (*node.entries, entry)
        elif same_entity[0].ambiguous and not record.ambiguous:
            # A name that is also listed as ambiguous stays unambiguous.
            others = tuple(e for e in node.entries if e.entity_id != record.entity_id)
            node.entries = (*others, entry)
        info = self.entities[record.entity_id]
        if info.kind == "person" and not record.ambiguous:
            self.variants.add(folded, record.entity_id)
        if info.kind == "person" and len(folded) >= 2 and not record.ambiguous:
            self.person_given_names.add(folded[0])
        if info.kind == "organization":
            self.org_names.setdefault(record.entity_id, set()).add(tuple(folded))
        if info.kind == "organization" and len(folded) >= 3 and not record.ambiguous:
            for n in range(2, len(folded)):
                owners = self.org_prefixes.setdefault(" ".join(folded[:n]), set())
                owners.add(record.entity_id)
        if info.kind == "place" and len(folded) == 1 and info.origin != "geonames":
            self.nationality_adjectives.update(nisba_forms(folded[0]))

    def add_entity(self, info: EntityInfo, names: list[NameRecord]) -> None:
        """One more entity and its names (a detected one), without rebuilding the trie."""
        self.entities[info.id] = info
        self.kinds[info.id] = info.kind
        for record in names:
            self._add(record)
        self._roots_memo.clear()
        self.starting.clear()

    def people_adjective(self, folded: str) -> bool:
        """``الكردية``, ``التركي``: the adjective of a known place or of a people (CLDR)."""
        return folded in self.nationality_adjectives or folded in language_adjectives()

    def qualified_organization(self, alias, entity_ids, adjectives) -> int | None:
        """The known organization that ``alias`` (folded words) names, when the words after
        it, ``adjectives``, only say whose it is: ``قوات البيشمركة الكردية`` is the
        Peshmerga, ``حزب العمال الكردستاني التركي`` the PKK. Not when a name of the
        organization runs on from the alias (``مجلس الأمن`` is short for ``مجلس الأمن
        الدولي``: ``مجلس الأمن الإيراني`` is another council) or names another people
        (``مجلس النواب`` is the Iraqi one: ``مجلس النواب الأردني`` is another)."""
        ids = set(entity_ids)
        if len(ids) != 1 or not adjectives:
            return None
        entity_id, alias = ids.pop(), tuple(alias)
        if self.kinds.get(entity_id) != "organization":
            return None
        if not all(self.people_adjective(word) for word in adjectives):
            return None
        said = {_masculine(word) for word in (*alias, *adjectives)}
        for name in self.org_names.get(entity_id, ()):
            if len(name) > len(alias) and name[: len(alias)] == alias:
                return None
            if any(self.people_adjective(w) and _masculine(w) not in said for w in name):
                return None
        return entity_id

    def supported_by_country(self, name: str, before: str, entity_ids, named) -> int | None:
        """The city a name of ``other_words`` (folded ``name``) stands for after a word that
        puts it in a place (folded ``before``: ``في``, ``قرب``), when the article names its
        country (``named``: entity ids): ``في الديوانية`` in news naming Iraq."""
        if name not in self.other_words or before not in _place_before():
            return None
        found = {i for i in entity_ids if self.countries.get(i) in named}
        return found.pop() if len(found) == 1 else None

    def __len__(self) -> int:
        return len(self.known_keys)


class _RootsMemo(dict):
    """Text token → (key, trie node) of each name key it may stand for that starts a name.

    Most tokens start none: remembering that per token spares the matcher the proclitic
    keys and the trie lookups of every further occurrence.
    """

    def __init__(self, root: dict[str, TrieNode]):
        super().__init__()
        self.root = root

    def __missing__(self, folded: str) -> tuple[tuple[str, TrieNode], ...]:
        root = self.root
        # The word as written first, then the forms with the fewest letters taken off
        # (فيينا is Vienna before it is ف + يينا): the same choice in every process.
        keys = sorted(first_token_keys(folded), key=lambda k: (k != folded, -len(k), k))
        found = tuple((key, root[key]) for key in keys if key in root)
        if len(self) >= _ROOTS_MEMO_MAX:
            self.clear()
        self[folded] = found
        return found


@cache
def _place_before() -> frozenset[str]:
    return frozenset(" ".join(name_tokens(word)) for word in IN_PLACE)


def _masculine(adjective: str) -> str:
    return adjective[:-1] if adjective.endswith("يه") else adjective


def nisba_forms(place: str) -> tuple[str, ...]:
    """The definite adjectives of a folded place name: روسيا → الروسي, الروسيه."""
    base = place.removeprefix("ال")
    for ending in ("يا", "ا", "ه"):
        if base.endswith(ending) and len(base) - len(ending) >= 2:
            base = base[: -len(ending)]
            break
    return ("ال" + base + "ي", "ال" + base + "يه")
