"""Every read that relies on Whoosh's private internals, behind small public functions.

Whoosh's public readers hand out postings, column values and field lengths one document at a
time through several Python layers; the search hot path reads them a block, a column or a
segment at a time instead, from the attributes Whoosh keeps for itself (underscored names,
the ``whoosh3`` codec's classes, pickled position blocks). Such attributes may change in
any release, so they are touched here only, and :func:`check_version` tells whether the
installed Whoosh is the one these functions were written against. Wherever Whoosh hands
out something else (another codec, another column type), each function falls back to the
public API.
"""

import io
import pickle
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

import whoosh
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3LeafMatcher,
    W3PerDocReader,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE, pack_ushort
from whoosh.util.numeric import byte_to_length

# The Whoosh release (the ``whoosh-reloaded`` distribution) whose internals this module reads.
WHOOSH_VERSION = "2.7.5"


class WhooshVersionError(RuntimeError):
    """The installed Whoosh is not the release this module was written against."""


def installed_version() -> str:
    return whoosh.versionstring()


def check_version(expected: str = WHOOSH_VERSION) -> None:
    """Raise :class:`WhooshVersionError` unless the installed Whoosh is ``expected``."""
    installed = installed_version()
    if installed != expected:
        raise WhooshVersionError(
            f"Whoosh {installed} is installed, but search/backends/whoosh/internals.py reads "
            f"the private internals of Whoosh {expected}: check each of its functions against "
            f"Whoosh {installed} before changing the pin."
        )


@dataclass(slots=True)
class Postings:
    """The live documents holding a term, in document order: global document numbers, and
    when asked, their weights and encoded values (positions)."""

    ids: list[int]
    weights: list[float] | None
    values: list[bytes] | None


def read_postings(
    reader, fieldname: str, text, *, with_values: bool, with_weights: bool = True
) -> Postings:
    """A term's postings read block by block from each segment of ``reader``."""
    found = Postings([], [] if with_weights else None, [] if with_values else None)
    for leaf_reader, offset in reader.leaf_readers():
        try:
            matcher = leaf_reader.postings(fieldname, text)
        except TermNotFound:
            continue
        deleted = None
        if isinstance(matcher, FilterMatcher):
            deleted = matcher._ids
            matcher = matcher.child
            matcher.reset()
        leaf = _matcher_items(matcher, with_values, with_weights=with_weights)
        if deleted:
            kept = [i for i, doc in enumerate(leaf.ids) if doc not in deleted]
            parts = (leaf.ids, leaf.weights, leaf.values)
            leaf = Postings(*(None if part is None else [part[i] for i in kept] for part in parts))
        found.ids.extend([doc + offset for doc in leaf.ids] if offset else leaf.ids)
        if found.weights is not None:
            found.weights.extend(leaf.weights)
        if found.values is not None:
            found.values.extend(leaf.values)
    return found


def segment_term_ids(leaf_reader, fieldname: str) -> Iterator[tuple[bytes, list[int]]]:
    """Every term of a field in one segment with the segment's document numbers holding it,
    deleted ones included, in term order: one pass over the segment's terms file rather
    than one hashed lookup per term (Whoosh's ``postings``)."""
    terms = getattr(leaf_reader, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        yield from _public_term_ids(leaf_reader, fieldname)
        return
    number = terms._fieldmap.get(fieldname)
    if number is None:
        return
    prefix = pack_ushort(number)
    format_ = leaf_reader.schema[fieldname].format
    for key, data in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):
            break
        info = W3TermInfo.from_bytes(data)
        if info.is_inlined():
            ids = list(info.inlined_postings()[0])
        else:
            ids = _extent_ids(terms._postfile, info._offset, info._length)
            if ids is None:
                matcher = terms._codec.postings_reader(terms._postfile, info, format_)
                ids = _matcher_items(matcher, False, with_weights=False).ids
        yield key[len(prefix) :], ids


def _extent_ids(postfile, offset: int, length) -> list[int] | None:
    """The document numbers of a term's postings in the ``whoosh3`` layout, from one read of
    their bytes: a header tag, then blocks of a signed length (negative for the last), a
    pickled info tuple and the pickled, maybe compressed, data whose first item holds the
    gaps between ids. ``None`` when the bytes are not laid out so."""
    if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps the unpacked tuple
        (length,) = length
    raw = postfile.get(offset, length)
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        return None
    ids: list[int] = []
    position, last = 4, False
    while not last and position < len(raw):
        (size,) = _BLOCK_LENGTH.unpack_from(raw, position)
        position += _BLOCK_LENGTH.size
        last, size = size < 0, abs(size)
        block = io.BytesIO(raw[position : position + size])
        info = pickle.load(block)
        data = block.read()
        if info[3]:
            data = zlib.decompress(data)
        # Each block's gaps start from 0.
        ids.extend(accumulate(pickle.loads(data)[0]))
        position += size
    return ids


def _public_term_ids(leaf_reader, fieldname: str) -> Iterator[tuple[bytes, list[int]]]:
    """:func:`segment_term_ids` through Whoosh's public API (deleted documents left out)."""
    if fieldname not in leaf_reader.schema.names():
        return
    for term in leaf_reader.lexicon(fieldname):
        yield term, list(leaf_reader.postings(fieldname, term).all_ids())


def _matcher_items(matcher, with_values: bool, *, with_weights: bool) -> Postings:
    """What a leaf matcher holds from its current position: whole blocks at a time."""
    found = Postings([], [] if with_weights else None, [] if with_values else None)
    ids, weights, values = found.ids, found.weights, found.values
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            _read_block_ids(matcher)
            start = matcher._i
            ids.extend(matcher._ids[start:])
            if weights is not None:
                matcher._read_weights()
                weights.extend(matcher._weights[start:])
            if values is not None:
                matcher._read_values()
                values.extend(matcher._values[start:])
            matcher._next_block()
        return found
    while matcher.is_active():
        ids.append(matcher.id())
        if weights is not None:
            weights.append(matcher.weight())
        if values is not None:
            values.append(matcher.value())
        matcher.next()
    return found


def _read_block_ids(matcher: W3LeafMatcher) -> None:
    """Whoosh's ``W3LeafMatcher._read_ids`` with the gaps summed in C (``accumulate``) rather
    than by Whoosh's generator: a posting block holds up to 128 ids."""
    if matcher._ids is not None:
        return
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))


def decoded_positions(value: bytes) -> list[int]:
    """The positions held by a posting value of Whoosh's ``Positions`` format (its
    ``decode_positions``): a count, then pickled position deltas."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(pickle.loads(value[_INT_SIZE:])))


def deleted_docs(leaf_reader) -> frozenset[int] | set[int]:
    """A segment's deleted document numbers (Whoosh's segment readers keep them as a set)."""
    deleted = getattr(leaf_reader, "deleted_docs_set", None)
    if deleted is not None:
        return deleted
    size = leaf_reader.doc_count_all()
    return {doc for doc in range(size) if leaf_reader.is_deleted(doc)}


_BLOCK_LENGTH = struct.Struct("!i")
_BYTE_LENGTHS = [byte_to_length(byte) for byte in range(256)]


def field_lengths(reader, fieldname: str) -> list[int]:
    """The length of a field in each document of one segment, as Whoosh's scorer reads it:
    in one read of the segment's one-byte length column when it has one, otherwise through
    ``doc_field_length`` (one Python call per document)."""
    size = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if isinstance(perdoc, W3PerDocReader):
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if isinstance(column, NumericColumn.Reader) and column._fixedlen == 1:
        raw = column._dbfile.get(column._basepos, column._count)
        lengths = [_BYTE_LENGTHS[byte] for byte in raw]
        return lengths + [0] * (size - len(lengths))
    return [reader.doc_field_length(doc, fieldname, 1) or 0 for doc in range(size)]


def numeric_column_values(column, size: int) -> list:
    """A segment's numeric column as a list of ``size`` raw values: in one read of its packed
    values when Whoosh stores them as fixed-size numbers, otherwise one per document."""
    if type(column) is NumericColumn.Reader:
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = [value for (value,) in struct.iter_unpack("!" + column._typecode, raw)]
        return values[:size] + [column._default] * (size - len(values))
    return list(column)


def field_b(weighting, fieldname: str) -> float:
    """BM25F's ``B`` for a field: the per-field value given to the weighting, or its default."""
    return weighting._field_B.get(fieldname, weighting.B)
