"""Whoosh's private internals are read in one module, for one Whoosh release, and give what
Whoosh's public API gives.

``search/backends/whoosh/internals.py`` reads attributes Whoosh keeps for itself; a new
Whoosh release may rename or change them. The pin in requirements.txt, the release the module
was written against and the installed Whoosh must agree, and each function is compared here
with the public call it replaces, over several segments with a deleted document.
"""

import ast
import importlib.metadata
from pathlib import Path

import pytest
from haystack import connections
from whoosh import scoring
from whoosh.columns import NumericColumn

from archive.models import Article
from search.backends.whoosh import internals
from tests.factories import article_create
from tests.search.conftest import seed_title_body

ROOT = Path(__file__).resolve().parents[3]
WHOOSH_PACKAGE = ROOT / "search" / "backends" / "whoosh"
INTERNALS = WHOOSH_PACKAGE / "internals.py"
# Whoosh internals whose names carry no leading underscore.
INTERNAL_NAMES = {"deleted_docs_set", "LENGTHS_COLUMN", "W3LeafMatcher", "W3PerDocReader"}
ATTRIBUTE_CALLS = ("getattr", "hasattr", "setattr")


def _pinned_whoosh() -> str:
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, equals, version = line.partition("==")
        if equals and name.strip().lower() == "whoosh-reloaded":
            return version.split("#")[0].strip()
    raise AssertionError("requirements.txt pins no whoosh-reloaded release")


def test_the_installed_whoosh_is_the_pinned_release_the_internals_were_written_for():
    pinned = _pinned_whoosh()
    assert internals.WHOOSH_VERSION == pinned, (
        f"requirements.txt pins whoosh-reloaded {pinned}, but internals.py was written against "
        f"Whoosh {internals.WHOOSH_VERSION}: check its functions against {pinned}, then set "
        "WHOOSH_VERSION."
    )
    installed = importlib.metadata.version("whoosh-reloaded")
    assert installed == pinned, f"whoosh-reloaded {installed} is installed, {pinned} is pinned"
    try:
        internals.check_version(pinned)
    except internals.WhooshVersionError as error:
        pytest.fail(str(error))


def test_the_version_check_names_both_releases_when_they_differ(monkeypatch):
    monkeypatch.setattr(internals, "installed_version", lambda: "2.7.4")
    with pytest.raises(internals.WhooshVersionError) as raised:
        internals.check_version("2.7.5")
    assert "Whoosh 2.7.4 is installed" in str(raised.value)
    assert "Whoosh 2.7.5" in str(raised.value)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _own(node: ast.expr) -> bool:
    """``self``, ``cls`` or ``super()``: the module's own classes (or haystack's, above them)."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "super"


def _internal_uses(path: Path) -> list[str]:
    """Where a module touches another object's private attribute or a Whoosh internal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names = []
        if isinstance(node, ast.Attribute) and not _own(node.value):
            names = [node.attr]
        elif isinstance(node, ast.Name):
            names = [node.id] if node.id in INTERNAL_NAMES else []
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            names = [alias.name for alias in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ATTRIBUTE_CALLS:
            names = [arg.value for arg in node.args[1:2] if isinstance(arg, ast.Constant)]
        for name in names:
            if (
                _private(name.rpartition(".")[2])
                or name in INTERNAL_NAMES
                or name.startswith("whoosh.codec")
                or name == "pickle"
            ):
                found.append(f"{path.name}:{node.lineno}: {name}")
    return found


@pytest.mark.parametrize(
    "path",
    [path for path in sorted(WHOOSH_PACKAGE.glob("*.py")) if path != INTERNALS],
    ids=lambda path: path.name,
)
def test_no_module_but_internals_touches_whoosh_internals(path):
    assert _internal_uses(path) == []


def test_the_internals_check_finds_the_internals_where_they_are():
    found = "\n".join(_internal_uses(INTERNALS))
    for name in ("_ids", "_dbfile", "_cached_reader", "deleted_docs_set", "_INT_SIZE", "pickle"):
        assert name in found


@pytest.fixture
def segments(seeds):
    """The seeds, two more articles in a second segment, and a deletion in the first."""
    backend = connections["default"].get_backend()
    title, body = seed_title_body("003")
    extra = [
        article_create(title=f"{title} ({n})", body=f"{body}\n({n})", published_on=None)
        for n in range(2)
    ]
    backend.update(connections["default"].get_unified_index().get_index(Article), extra)
    backend.remove(seeds.articles["000"])
    reader = backend.searcher().reader()
    assert len(reader.leaf_readers()) >= 2 and reader.has_deletions()
    return backend


def _public_postings(reader, fieldname: str, text: str) -> internals.Postings:
    matcher = reader.postings(fieldname, text)
    found = internals.Postings([], [], [])
    while matcher.is_active():
        found.ids.append(matcher.id())
        found.weights.append(matcher.weight())
        found.values.append(matcher.value())
        matcher.next()
    return found


@pytest.mark.parametrize(("fieldname", "text"), [("text", "لافروف"), ("text", "موسكو")])
def test_postings_read_by_blocks_equal_whooshs_matcher(segments, fieldname, text):
    reader = segments.searcher().reader()
    expected = _public_postings(reader, fieldname, text)
    assert expected.ids

    assert internals.read_postings(reader, fieldname, text, with_values=True) == expected
    without = internals.read_postings(reader, fieldname, text, with_values=False)
    assert (without.ids, without.weights, without.values) == (expected.ids, expected.weights, None)


def test_positions_decode_as_whooshs_format_decodes_them(segments):
    reader = segments.searcher().reader()
    field_format = reader.schema["text"].format
    values = internals.read_postings(reader, "text", "موسكو", with_values=True).values
    assert values
    for value in values:
        expected = field_format.decode_positions(value)
        assert internals.decoded_positions(value) == expected
        assert len(expected) >= 1


def test_deleted_documents_are_the_segment_readers_own(segments):
    deleted = [
        (
            internals.deleted_docs(leaf),
            {d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)},
        )
        for leaf, _offset in segments.searcher().reader().leaf_readers()
    ]
    assert all(found == expected for found, expected in deleted)
    assert any(expected for _found, expected in deleted)


def _refused(*args, **kwargs):
    raise AssertionError("read one document at a time instead of from the column")


@pytest.mark.parametrize("fieldname", ["text", "title"])
def test_field_lengths_from_the_length_column_equal_whooshs(segments, fieldname, monkeypatch):
    for leaf, _offset in segments.searcher().reader().leaf_readers():
        size = leaf.doc_count_all()
        expected = [leaf.doc_field_length(doc, fieldname, 1) or 0 for doc in range(size)]
        monkeypatch.setattr(leaf, "doc_field_length", _refused)
        assert internals.field_lengths(leaf, fieldname) == expected
        assert any(expected)


def test_date_column_values_from_one_read_equal_whooshs_column(segments):
    date_field = segments.date_field_name
    checked = 0
    for leaf, _offset in segments.searcher().reader().leaf_readers():
        if not leaf.has_column(date_field):
            continue
        column = leaf.column_reader(date_field, translate=False)
        assert type(column) is NumericColumn.Reader  # the one-read path applies
        assert internals.numeric_column_values(column, leaf.doc_count_all()) == list(column)
        checked += 1
    assert checked


def test_a_fields_b_is_the_weightings_own():
    weighting = scoring.BM25F(B=0.75, title_B=0.5)
    assert internals.field_b(weighting, "title") == 0.5
    assert internals.field_b(weighting, "text") == 0.75


def _segment_terms_equal_whooshs(reader, fieldname: str) -> int:
    """Compare ``segment_term_ids`` with each segment's public postings; the deleted
    documents it lists beside them."""
    deleted_seen = 0
    for leaf, _offset in reader.leaf_readers():
        deleted = internals.deleted_docs(leaf) if leaf.has_deletions() else set()
        found = dict(internals.segment_term_ids(leaf, fieldname))
        public = {
            term: list(leaf.postings(fieldname, term).all_ids()) for term in leaf.lexicon(fieldname)
        }
        live = {term: [doc for doc in ids if doc not in deleted] for term, ids in found.items()}
        assert {term: ids for term, ids in live.items() if ids} == {
            term: ids for term, ids in public.items() if ids
        }
        assert all(ids == sorted(set(ids)) for ids in found.values())
        deleted_seen += sum(doc in deleted for ids in found.values() for doc in ids)
    return deleted_seen


@pytest.mark.parametrize("fieldname", ["text", "person", "place", "story"])
def test_a_segments_terms_read_in_one_pass_equal_whooshs_postings(segments, fieldname):
    deleted_seen = _segment_terms_equal_whooshs(segments.searcher().reader(), fieldname)
    # The deleted seed's own words and story key are still listed for its segment.
    assert deleted_seen > 0


def test_terms_spanning_several_posting_blocks_are_read_whole(seeds):
    backend = connections["default"].get_backend()
    # More documents than a posting block holds (128) share these words.
    many = [
        article_create(title=f"موسكو وبغداد {n}", body=f"لقاء في موسكو رقم {n}", published_on=None)
        for n in range(300)
    ]
    backend.update(connections["default"].get_unified_index().get_index(Article), many)
    backend.remove(many[7])
    reader = backend.searcher().reader()
    _segment_terms_equal_whooshs(reader, "text")
    longest = max(
        len(ids)
        for leaf, _offset in reader.leaf_readers()
        for _term, ids in internals.segment_term_ids(leaf, "text")
    )
    assert longest >= 300
