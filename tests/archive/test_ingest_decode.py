"""Decoding raw bytes: every encoding Arabic sites use, never mojibake, clear errors."""

import codecs
import gzip
from pathlib import Path

import pytest

from archive.ingest import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    UndecodableDocument,
    UnsupportedType,
    parse_document,
)
from archive.ingest.decode import decode_bytes, reads_as_arabic

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


ENCODINGS = {
    "windows-1256": lambda text: text.encode("cp1256"),
    "utf-16 with BOM": lambda text: text.encode("utf-16"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-32 with BOM": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_seed_reencoded_parses_to_the_identical_document(seed, encoding):
    text = seed_text(seed)
    reference = parse_document(text.encode("utf-8"), filename="seed.txt")

    parsed = parse_document(ENCODINGS[encoding](text), filename="seed.txt")

    assert parsed.title == reference.title
    assert parsed.body == reference.body
    assert parsed.published_on == reference.published_on
    assert parsed.source_name == reference.source_name


def test_windows_1256_is_detected_by_name():
    decoded = decode_bytes(seed_text("004").encode("cp1256"))

    assert decoded.encoding == "cp1256"
    assert decoded.text.startswith("الجعفري يبحث مع لافروف")


def test_utf16_without_bom_is_recognised_by_its_byte_pattern():
    assert decode_bytes(seed_text("002").encode("utf-16-le")).encoding == "utf-16-le"
    assert decode_bytes(seed_text("002").encode("utf-16-be")).encoding == "utf-16-be"


def test_windows_1256_with_crlf_line_endings_keeps_paragraphs():
    text = seed_text("001").replace("\n", "\r\n")

    parsed = parse_document(text.encode("cp1256"), filename="old-site.txt")

    assert parsed.title.startswith("الكاظمي يستقبل مسؤولاً روسياً")
    assert "\r" not in parsed.body
    assert len(parsed.body.split("\n")) == 12


def test_empty_file_is_refused_with_a_clear_message():
    for raw in (b"", b"   \n\n \t", "", "\ufeff\n"):
        with pytest.raises(EmptyDocument) as error:
            parse_document(raw, filename="empty.txt")
        assert "empty" in str(error.value) or "no article text" in str(error.value)


def test_file_with_only_page_chrome_is_refused_as_empty():
    with pytest.raises(EmptyDocument):
        parse_document("+ الخط -\nالتعليقات\n".encode(), filename="chrome.txt")


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        # A fixed modification time: the same bytes, and test id, in every process (xdist).
        (gzip.compress("إيلاف من لندن".encode(), mtime=0), "gzip"),
    ],
)
def test_binary_file_is_refused_and_named(raw, kind):
    with pytest.raises(BinaryDocument) as error:
        parse_document(raw, filename="article.txt")

    assert kind in str(error.value)
    assert "binary" in str(error.value)


def test_bytes_with_nul_that_are_not_utf16_are_binary():
    raw = bytes(range(256)) * 8

    with pytest.raises(BinaryDocument):
        parse_document(raw, filename="article.txt")


@pytest.mark.parametrize(
    "raw",
    [
        # Russian in KOI8-R: decodable as Windows-1256 only into Arabic-letter soup.
        (
            "Министр иностранных дел России Сергей Лавров провел переговоры с "
            "министром иностранных дел Ирака в Москве в среду"
        ).encode("koi8_r"),
        # UTF-8 Arabic cut at odd offsets: invalid UTF-8, and mojibake in any single-byte code.
        b"".join(
            chunk[1:] for chunk in [seed_text("003")[i : i + 7].encode() for i in range(0, 700, 7)]
        ),
        # Shift_JIS.
        "ロシアとイラクの外相会談がモスクワで行われた。".encode("shift_jis"),
    ],
    ids=["koi8-r", "broken-utf8", "shift-jis"],
)
def test_undecodable_text_is_refused_rather_than_stored_as_mojibake(raw):
    with pytest.raises(UndecodableDocument) as error:
        parse_document(raw, filename="article.txt")

    assert "UTF-8" in str(error.value)


def test_mojibake_is_not_taken_for_arabic():
    mojibake = seed_text("000").encode("utf-8").decode("cp1256")

    assert not reads_as_arabic(mojibake)
    assert reads_as_arabic(seed_text("000"))


def test_file_over_the_size_limit_is_refused(settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 1000
    raw = seed_text("002").encode("utf-8")

    with pytest.raises(DocumentTooLarge) as error:
        parse_document(raw, filename="big.txt")

    assert "1,000" in str(error.value)


@pytest.mark.parametrize("name", ["scan.odt", "article.doc", "photo.jpg", "archive.zip"])
def test_unsupported_file_type_is_refused_by_name(name):
    with pytest.raises(UnsupportedType) as error:
        parse_document(seed_text("000").encode(), filename=name)

    assert name in str(error.value)


def test_every_refusal_is_a_value_error_with_a_message():
    for raw in (b"", b"%PDF-1.4", "Привет".encode("koi8_r") * 20):
        with pytest.raises(ValueError) as error:
            parse_document(raw, filename="x.txt")
        assert str(error.value)
