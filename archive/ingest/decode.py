"""Bytes → text: UTF-8 (with or without BOM), UTF-16/32, Windows-1256, never mojibake.

Old Arabic sites serve Windows-1256; Windows tools save UTF-16 without a
BOM. A single-byte guess is accepted only if the result reads as Arabic
(letters, not symbols, and common Arabic words), so a wrong guess becomes a
clear error instead of an article full of garbage.
"""

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from archive.ingest.errors import BinaryDocument, EmptyDocument, UndecodableDocument
from archive.ingest.text import fold

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_MAGIC = [
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
    (b"\x00\x00\x00\x18ftyp", "MP4"),
    (b"\x00\x00\x00\x20ftyp", "MP4"),
]

# High bytes of UTF-16 code units in Arabic text: ASCII, Arabic, Arabic
# presentation forms, general punctuation.
_UTF16_HIGH_BYTES = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE, 0x08, 0x07, 0x05})

_SINGLE_BYTE = ["cp1256", "iso8859_6"]
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_ARABIC_MARK = re.compile("[\u064b-\u065f\u0670\u0640]")
# Marks and punctuation an Arabic text legitimately contains outside ASCII.
_OK_SYMBOLS = set("،؛؟«»–—…‘’“”•٪٫٬·×")
_PUNCTUATION = "\"'«»“”‘’()[]{}.,،؛:;!?؟…-–—/"
_MISPLACED = re.compile("[ةى](?=[\u0621-\u064a])|^[\u064b-\u065f]")
_FUNCTION_WORDS = frozenset(
    fold(word)
    for word in "في من على إلى أن عن مع أو ما لا هذا هذه التي الذي كان قد بعد قبل بين كما".split()
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes or raise an ``IngestError`` that says why not."""
    if not data.strip():
        raise EmptyDocument()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding + "-bom")
            except UnicodeDecodeError:
                raise UndecodableDocument() from None
    _refuse_binary_magic(data)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise BinaryDocument()
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if reads_as_arabic(text):
            return Decoded(text, encoding)
    return _charset_normalizer_guess(data)


def _refuse_binary_magic(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryDocument(kind)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 shows itself by its high bytes: NUL for ASCII, 0x06 for Arabic letters."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        plausible = sum(1 for b in high if b in _UTF16_HIGH_BYTES)
        if high.count(0) and plausible >= 0.95 * len(high):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_printable(text):
                return Decoded(text, encoding)
    return None


def _mostly_printable(text: str) -> bool:
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad <= len(text) * 0.01


def reads_as_arabic(text: str) -> bool:
    """True when a guessed decoding gives Arabic prose rather than mojibake."""
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return False
    arabic = sum(1 for ch in non_ascii if _ARABIC_LETTER.match(ch) or _ARABIC_MARK.match(ch))
    symbols = sum(1 for ch in non_ascii if ch in _OK_SYMBOLS or "\u0660" <= ch <= "\u066d")
    if arabic + symbols < 0.9 * len(non_ascii) or arabic < 0.75 * len(non_ascii):
        return False
    words = [w.strip(_PUNCTUATION) for w in text.split() if _ARABIC_LETTER.search(w)]
    # ة and ى end a word and a haraka follows a letter: letter soup breaks both rules.
    broken = sum(1 for w in words if _MISPLACED.search(w))
    if broken > max(0, 0.05 * len(words)):
        return False
    tokens = [fold(w) for w in words]
    if len(tokens) < 8:
        return True
    # Another script decoded as Arabic letters gives letter soup: few real words.
    common = sum(1 for t in tokens if t in _FUNCTION_WORDS or t.startswith(("ال", "وال", "بال")))
    return common >= 0.05 * len(tokens)


def _charset_normalizer_guess(data: bytes) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if reads_as_arabic(text):
            return Decoded(text, best.encoding)
    raise UndecodableDocument()
