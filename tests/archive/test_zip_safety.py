"""Zip archives are read in memory and refused when they could harm the server (issue 6, item 3)."""

import io
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from archive.ingest import DocumentTooLarge, UnsupportedType
from archive.ingest.archives import (
    ArchiveEntryError,
    ArchiveRefused,
    NestedArchive,
    UnsafeEntry,
    ZipLimits,
    unsafe_name,
    zip_entries,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[4]
LIMITS = ZipLimits(entries=10, entry_bytes=1024 * 1024, total_bytes=4 * 1024 * 1024, ratio=100)


def make_zip(*members) -> bytes:
    """A zip of ``(name or ZipInfo, bytes)`` pairs, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def english():
    """Messages are compared as written in the source."""
    with translation.override("en"):
        yield


@pytest.fixture
def opened(monkeypatch):
    """The names of the entries the reader actually inflated."""
    names = []
    original = zipfile.ZipFile.open

    def spy(self, member, mode="r", *args, **kwargs):
        if mode == "r":
            names.append(member.filename if isinstance(member, zipfile.ZipInfo) else member)
        return original(self, member, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return names


def by_name(entries) -> dict:
    return {entry.name: entry for entry in entries}


def test_zip_of_three_seed_files_gives_their_exact_bytes():
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    data = make_zip(*[(f"أخبار/{path.name}", path.read_bytes()) for path in seeds])

    entries = zip_entries(data, limits=LIMITS)

    assert [entry.name for entry in entries] == [f"أخبار/{path.name}" for path in seeds]
    assert [entry.data for entry in entries] == [path.read_bytes() for path in seeds]
    assert all(entry.error is None for entry in entries)


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "أخبار/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "..\\evil.txt"],
)
def test_entry_pointing_outside_the_archive_is_refused_and_the_others_are_read(name, opened):
    data = make_zip((name, "نص خبيث".encode()), ("good.txt", SEED.read_bytes()))

    entries = by_name(zip_entries(data, limits=LIMITS))

    assert isinstance(entries[name].error, UnsafeEntry)
    assert "outside the archive" in str(entries[name].error)
    assert entries[name].data == b""
    assert entries["good.txt"].data == SEED.read_bytes()
    assert opened == ["good.txt"]


def test_names_with_parent_components_or_roots_are_unsafe_and_plain_folders_are_not():
    assert unsafe_name("a/../../b.txt")
    assert unsafe_name("\\\\server\\share\\b.txt")
    assert unsafe_name("name\x00.txt")
    assert not unsafe_name("أخبار/2021/خبر..txt")
    assert not unsafe_name("a/b/c.html")


def test_symbolic_link_entry_is_refused_without_being_read(opened):
    link = zipfile.ZipInfo("link.txt")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    data = make_zip((link, b"/etc/passwd"))

    [entry] = zip_entries(data, limits=LIMITS)

    assert isinstance(entry.error, UnsafeEntry)
    assert "symbolic link" in str(entry.error)
    assert opened == []


def test_zip_bomb_of_fifty_megabytes_of_zeros_is_refused_without_inflating_it(opened):
    data = make_zip(("zeros.txt", bytes(50 * 1024 * 1024)))
    assert len(data) < 100 * 1024

    [entry] = zip_entries(data, limits=ZipLimits.from_settings())

    assert isinstance(entry.error, DocumentTooLarge)
    assert opened == []


def test_archive_that_would_expand_beyond_the_upload_limit_is_refused_as_a_whole(opened):
    part = bytes(900 * 1024)
    data = make_zip(*[(f"part-{n}.txt", part) for n in range(5)])

    with pytest.raises(ArchiveRefused, match="would expand"):
        zip_entries(data, limits=LIMITS)
    assert opened == []


def test_small_entry_compressed_like_a_bomb_is_refused_by_its_ratio(opened):
    data = make_zip(("padding.txt", b"\n" * (900 * 1024)))

    [entry] = zip_entries(data, limits=LIMITS)

    assert isinstance(entry.error, UnsafeEntry)
    assert "compressed more than 100 times" in str(entry.error)
    assert opened == []


def test_entry_whose_header_understates_its_size_yields_no_more_than_declared():
    real = ("بغداد موسكو " * 40_000).encode()
    data = bytearray(make_zip(("lie.txt", real)))
    _declare_size(data, 1000)

    [entry] = zip_entries(bytes(data), limits=LIMITS)

    assert entry.data == b""
    assert isinstance(entry.error, ArchiveEntryError)
    assert "damaged" in str(entry.error)


def _declare_size(data: bytearray, size: int) -> None:
    """Rewrite the uncompressed size in the local header and the central directory."""
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, size)


def test_too_many_entries_refuse_the_archive():
    data = make_zip(*[(f"{n}.txt", "خبر".encode()) for n in range(11)])

    with pytest.raises(ArchiveRefused, match="11"):
        zip_entries(data, limits=LIMITS)


def test_nested_archive_is_not_opened(opened):
    inner = make_zip(("inner.txt", SEED.read_bytes()))
    data = make_zip(("inner.zip", inner), ("outer.txt", SEED.read_bytes()))

    entries = by_name(zip_entries(data, limits=LIMITS))

    assert isinstance(entries["inner.zip"].error, NestedArchive)
    assert opened == ["outer.txt"]


def test_entries_of_other_types_are_refused_by_name():
    data = make_zip(("photo.jpg", b"\xff\xd8\xff"), ("خبر.html", "<p>نص</p>".encode()))

    entries = by_name(zip_entries(data, limits=LIMITS))

    assert isinstance(entries["photo.jpg"].error, UnsupportedType)
    assert entries["خبر.html"].error is None


def test_entry_larger_than_the_file_limit_is_refused_from_its_declared_size(opened):
    text = SEED.read_bytes()
    limits = ZipLimits(entries=10, entry_bytes=len(text) - 1, total_bytes=10**6, ratio=100)

    [entry] = zip_entries(make_zip(("big.txt", text)), limits=limits)

    assert isinstance(entry.error, DocumentTooLarge)
    assert opened == []


def test_encrypted_entry_is_refused_with_a_clear_message():
    data = bytearray(make_zip(("locked.txt", b"secret")))
    # The zip module cannot write encrypted entries: set the "encrypted" flag by hand.
    data[data.find(b"PK\x03\x04") + 6] |= 0x1
    data[data.find(b"PK\x01\x02") + 8] |= 0x1

    [entry] = zip_entries(bytes(data), limits=LIMITS)

    assert "encrypted" in str(entry.error)


def test_damaged_or_fake_archive_is_refused_as_a_whole():
    with pytest.raises(ArchiveRefused, match="damaged or not a zip"):
        zip_entries(b"PK\x03\x04 this is not really a zip", limits=LIMITS)


def test_archiver_litter_is_left_out():
    data = make_zip(
        ("__MACOSX/._خبر.txt", b"\x00\x05\x16\x07"),
        (".DS_Store", b"\x00\x00\x00\x01Bud1"),
        ("خبر.txt", SEED.read_bytes()),
    )

    assert [entry.name for entry in zip_entries(data, limits=LIMITS)] == ["خبر.txt"]


def test_utf8_names_written_without_the_utf8_flag_are_shown_in_arabic():
    # Old Windows tools write UTF-8 names without flagging them: write an ASCII name of
    # the same length, then put the Arabic name's UTF-8 bytes in its place.
    arabic = "خبر.txt".encode()
    placeholder = b"x" * (len(arabic) - 4) + b".txt"
    data = make_zip((placeholder.decode(), SEED.read_bytes())).replace(placeholder, arabic)

    [entry] = zip_entries(data, limits=LIMITS)

    assert entry.name == "خبر.txt"
    assert entry.error is None
