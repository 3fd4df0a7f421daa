"""PDF and Word files in, and the documents that must be refused with one clear message."""

import datetime
import io
from pathlib import Path

import docx
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.ingest import DocumentTooLarge, EmptyDocument, IngestError, parse_document
from archive.ingest.office import logical_line
from archive.models import Article
from archive.services.articles import article_ingest

DOCUMENTS = Path(__file__).resolve().parent / "pages" / "documents"
# A browser's "Save as PDF" of line 1408 of saudinewsnet.jsonl.gz (bench/pages/make_pdf.py).
STATEMENT = DOCUMENTS / "statement.pdf"
HEADLINE = "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات"
LEAD = "بحث وزير الخارجية العراقي إبراهيم الجعفري مع نظيره الروسي (سيرغي لافروف) عام 2018 في موسكو."
LAST = "ووصل الجعفري إلى موسكو أمس الاثنين لترؤس وفد العراق في اجتماعات اللجنة المشتركة."


@pytest.fixture(autouse=True)
def originals_dir(settings, tmp_path):
    settings.ARCHIVE_ORIGINALS_DIR = str(tmp_path / "originals")
    return tmp_path / "originals"


def tiny_pdf(lines: list[str], *, text: bool = True) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` as given (a ToUnicode map, no font file).

    Strings are written as the lines are: logical order as a word processor writes them, or
    visual order when a line is given reversed. ``text=False`` draws a line and no text (a scan).
    """
    chars = sorted({c for line in lines for c in line})
    codes = {c: 0x21 + i for i, c in enumerate(chars)}
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        if line:
            ops.append("<" + "".join(f"{codes[c]:02X}" for c in line) + "> Tj")
        ops.append("T*")
    content = "\n".join([*ops, "ET"]) if text else "0 0 m 200 200 l S"
    pairs = " ".join(f"<{codes[c]:02X}> <{ord(c):04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /A def "
        f"1 begincodespacerange <00> <FF> endcodespacerange {len(chars)} beginbfchar {pairs} "
        "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    widths = " ".join(["500"] * 223)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 33 /LastChar 255 "
        f"/Widths [{widths}] /ToUnicode 6 0 R >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out + trailer.encode()


def word_file(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_browser_printed_arabic_pdf_reads_in_logical_order_with_plain_letters():
    parsed = parse_document(STATEMENT.read_bytes(), filename="statement.pdf")

    assert parsed.title == "إردوغان: التفجير في سوروتش عمل إرهابي"
    assert parsed.published_on == datetime.date(2015, 7, 21)
    assert parsed.body.startswith("ندد الرئيس التركي رجب طيب إردوغان بالهجوم الانتحاري الذي أوقع")
    assert parsed.body.endswith("تفيد بأن داعش يقف وراء الاعتداء الانتحاري.")
    assert "أمس 30 قتيلا على الأقل" in parsed.body
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in parsed.body)
    assert parsed.metadata["format"] == "pdf"


def test_a_pdf_written_in_logical_order_is_not_reversed():
    parsed = parse_document(tiny_pdf([HEADLINE, "", LEAD, "", LAST]), filename="note.pdf")

    assert parsed.title == HEADLINE
    assert parsed.body.split("\n") == [LEAD, LAST]


def test_a_visual_order_line_is_turned_back_with_numbers_and_brackets_right():
    visual = ".2018 ماع (يرفعجلا) ريزولا ثحب"

    assert logical_line(visual, visual=True) == "بحث الوزير (الجعفري) عام 2018."


def test_presentation_forms_fold_to_letters_and_lam_alef_stays_lam_alef():
    assert logical_line("ﻣﺼﺮ ﻻ", visual=False) == "مصر لا"
    # "الاعتداء" printed right to left: alef, lam-alef ligature, ... read back in order.
    assert logical_line("ءاﺪﺘﻋﻻا", visual=True) == "الاعتداء"


def test_a_word_file_is_read_like_a_text_file():
    raw = word_file([HEADLINE, "الثلاثاء، 20 شباط 2018", LEAD, LAST])

    parsed = parse_document(raw, filename="translation.docx")

    assert parsed.title == HEADLINE
    assert parsed.published_on == datetime.date(2018, 2, 20)
    assert parsed.body.split("\n") == [LEAD, LAST]
    assert parsed.metadata["format"] == "docx"


@pytest.mark.parametrize(
    ("raw", "name", "code", "words"),
    [
        (tiny_pdf([""], text=False), "scan.pdf", "scanned", "no text layer"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog", "broken.pdf", "corrupt", "damaged"),
        (b"PK\x03\x04 not really a word file", "broken.docx", "corrupt", "damaged"),
        (b"<html><body><script>x()</script></body></html>", "scripts.html", "empty", "empty"),
    ],
)
def test_documents_that_are_not_articles_are_refused_with_one_clear_message(raw, name, code, words):
    with pytest.raises(IngestError) as refused:
        parse_document(raw, filename=name)

    assert refused.value.code == code
    assert words in str(refused.value)


def test_a_password_protected_pdf_is_refused():
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(STATEMENT).pages[0])
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(IngestError) as refused:
        parse_document(buffer.getvalue(), filename="locked.pdf")

    assert refused.value.code == "encrypted" and "password" in str(refused.value)


@pytest.mark.django_db
def test_a_50_mb_page_is_refused_before_it_is_read_and_nothing_changes():
    existing = article_ingest(raw=STATEMENT.read_bytes(), filename="statement.pdf").article
    page = b"<html><body><p>" + "كلمة ".encode() * (50 * 1024 * 1024 // 11) + b"</p></body></html>"

    with pytest.raises(DocumentTooLarge):
        article_ingest(raw=page, filename="huge.html")

    assert list(Article.objects.values_list("pk", "body")) == [(existing.pk, existing.body)]


@pytest.mark.django_db
def test_pdf_and_word_files_go_through_the_desks_preview_duplicate_check_and_review(
    desk, settings, tmp_path
):
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path)
    word = word_file([HEADLINE, LEAD, LAST])
    files = [
        SimpleUploadedFile("statement.pdf", STATEMENT.read_bytes(), "application/pdf"),
        SimpleUploadedFile("translation.docx", word, "application/octet-stream"),
        SimpleUploadedFile("scan.pdf", tiny_pdf([""], text=False), "application/pdf"),
    ]
    url = desk.post(reverse("admin:archive_article_upload"), {"files": files})["Location"]

    previews = desk.get(url).context["previews"]
    assert [p.format for p in previews[:2]] == ["pdf", "docx"]
    assert "no text layer" in previews[2].error
    assert previews[1].reasons  # no date, no outlet: the review queue will show it
    desk.post(url, {"action": "draft"})
    assert Article.objects.count() == 2
    assert Article.objects.get(title=HEADLINE).needs_review

    again = SimpleUploadedFile("copy.docx", word, "application/octet-stream")
    url = desk.post(reverse("admin:archive_article_upload"), {"files": [again]})["Location"]
    [preview] = desk.get(url).context["previews"]
    assert preview.duplicate_of == Article.objects.get(title=HEADLINE)


@pytest.mark.django_db
@pytest.mark.django_db
def test_a_pdf_article_keeps_its_file_and_is_read_again_from_it(originals_dir):
    from archive.services.reparse import article_reparse

    article = article_ingest(raw=STATEMENT.read_bytes(), filename="statement.pdf").article
    kept = originals_dir / article.metadata["original_file"]
    assert kept.read_bytes() == STATEMENT.read_bytes()
    # As an older reader stored it: presentation forms left in the body.
    imported = article.body
    article.body = "ﻣﺼﺮ " + imported
    article.save()
    article.metadata["found"]["digest"] = article.content_hash
    Article.objects.filter(pk=article.pk).update(metadata=article.metadata)
    article.refresh_from_db()

    assert article_reparse(article=article) == ["body"]
    article.refresh_from_db()
    assert article.body == imported
    assert article.metadata["original_file"] == kept.relative_to(originals_dir).as_posix()


@pytest.mark.django_db
def test_pasted_text_cannot_claim_to_be_a_pdf(desk):
    response = desk.post(
        reverse("admin:archive_article_upload"), {"text": LEAD, "filename": "statement.pdf"}
    )

    assert response.status_code == 200
    assert "cannot be a PDF or Word file" in response.content.decode()


def test_an_empty_word_file_is_empty():
    with pytest.raises(EmptyDocument):
        parse_document(word_file([]), filename="empty.docx")
