"""PDF and Word files → plain text in logical order, or a clear refusal.

PDFs are read with pypdf's layout mode, which places every glyph where the page
shows it: an Arabic line then comes out in visual (left-to-right display)
order. A line that reads as visual Arabic is turned back into logical order —
characters reversed, runs of digits and Latin letters put back the right way,
brackets un-mirrored — and only then are presentation forms (``ﻣﺼﺮ``) folded
to letters (``مصر``), so the lam-alef ligature becomes لا, not ال. Lines
already in logical order are left as they are. A PDF without a text layer (a
scan) or one that needs a password is refused; nothing is OCRed.
Word files are read with python-docx: body paragraphs, then table cells.
"""

import io
import re
import unicodedata
import zipfile

import docx
import pypdf
from docx.opc.exceptions import PackageNotFoundError
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from archive.ingest.errors import (
    CorruptDocument,
    EncryptedDocument,
    IngestError,
    ScannedDocument,
)

MAX_PDF_PAGES = 300
# A text layer has at least this many letters per page on average; a scan has none.
MIN_LETTERS_PER_PAGE = 20

_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_LTR_RUN = re.compile(
    r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9]"
    r"(?:[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9.,:/%@_\-]*[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9])?"
)
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_PUNCTUATION = re.compile(r"[^\w\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]+")
_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def pdf_text(data: bytes) -> str:
    """The text of a PDF, paragraph per line, Arabic in logical order."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedDocument()
        pages = [
            page.extract_text(extraction_mode="layout") for page in reader.pages[:MAX_PDF_PAGES]
        ]
    except IngestError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise EncryptedDocument() from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise CorruptDocument("PDF") from None
    text = "\n\n".join(pages)
    if len(_LETTER.findall(text)) < MIN_LETTERS_PER_PAGE * max(1, len(pages)) / 4:
        raise ScannedDocument()
    lines = [line.strip() for line in text.split("\n")]
    scores = [_order_scores(line) for line in lines]
    # A line without clues (a short wrapped end) follows the document's order.
    document_visual = sum(v for _, v in scores) > sum(lg for lg, _ in scores)
    return _paragraphs(
        logical_line(line, visual > logical or (visual == logical and document_visual))
        for line, (logical, visual) in zip(lines, scores, strict=True)
    )


def logical_line(line: str, visual: bool) -> str:
    """One extracted line in logical order with letters instead of presentation forms."""
    if visual and _ARABIC.search(line):
        line = line[::-1].translate(_MIRROR)
        line = _LTR_RUN.sub(lambda run: run.group()[::-1], line)
    return _folded_forms(line)


def _order_scores(line: str) -> tuple[int, int]:
    """Clues of logical and of visual order: where final forms and the article (ال) stand."""
    logical = visual = 0
    for word in _PUNCTUATION.sub(" ", line).split():
        first, last = _form(word[0]), _form(word[-1])
        logical += (first == "initial") + (last == "final")
        visual += (first == "final") + (last == "initial")
    for word in _WORD.findall(_folded_forms(line)):
        logical += word.startswith("ال") + word.endswith("ة")
        visual += word.endswith(("لا", "لاا")) + word.startswith("ة")
    return logical, visual


def _form(char: str) -> str:
    """``initial``, ``medial``, ``final`` or ``isolated`` for a presentation form, else ""."""
    tag = unicodedata.decomposition(char)
    return tag[1 : tag.index(">")] if tag.startswith("<") else ""


def _folded_forms(text: str) -> str:
    return _PRESENTATION.sub(lambda c: unicodedata.normalize("NFKC", c.group()), text)


def _paragraphs(lines) -> str:
    """Lines wrapped inside a paragraph joined; a blank line ends a paragraph."""
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word (.docx) file, then the text of its tables' cells."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise CorruptDocument("Word") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(line for line in lines if line.strip())
