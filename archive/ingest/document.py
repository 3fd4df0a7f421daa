"""Raw scraped text or HTML → a clean, dated, attributed document (no database access)."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext

from archive.ingest import chrome, dates, maintext, office, sources, title
from archive.ingest.authors import clean_author
from archive.ingest.decode import decode_bytes
from archive.ingest.errors import DocumentTooLarge, EmptyDocument, NotArabic, UnsupportedType
from archive.ingest.html import html_extract, looks_like_html
from archive.ingest.text import fold, tidy

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
# Read into text first (archive.ingest.office), then like a text file.
OFFICE_EXTENSIONS = {".pdf": "pdf", ".docx": "docx"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Where a publication date may stand on its own line: the top of the page or its foot.
DATE_LINE_TOP = 5
DATE_LINE_BOTTOM = 3
# A date opening the lead after at most a place or an outlet is its dateline
# ("بغداد، 30 نوفمبر 2021 (واع) - …"); later in a sentence it is an event's date.
DATELINE_PREFIX_WORDS = 3
LEAD_PARAGRAPHS = 3
# A page whose text is mostly in another script is not an article for this archive.
MIN_ARABIC_SHARE = 0.3
# An agency's credit line ("(أ ف ب)") counts at the top or the foot of the text only.
CREDIT_EDGE_LINES = 2

_DATE_LINE_FILLER = re.compile(
    r"(?<!\w)(?:تاريخ|النشر|نشر|في|بتاريخ|اخر|تحديث|محدث|الساعه|بتوقيت|مكه|المكرمه|"
    r"غرينتش|جرينتش|gmt|utc|ص|م|صباحا|مساء|اليوم|يوم|الموافق|"
    + "|".join(dates.WEEKDAYS)
    + r")(?!\w)"
)
_NOT_LETTERS = re.compile(r"[\d\W_]+")
_SURROGATES = re.compile("[\ud800-\udfff]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass
class ParsedDocument:
    """What the importer understood of one raw document."""

    title: str
    title_derived: bool
    body: str
    published_on: datetime.date | None
    source_name: str | None
    metadata: dict = field(default_factory=dict)
    review_reasons: list[str] = field(default_factory=list)
    author: str = ""
    # The document as decoded, before any clean-up: kept so nothing is ever lost.
    raw_text: str = field(default="", repr=False)
    # A page's whole visible text, for the preview's "what was left out" (not stored).
    page_text: str = field(default="", repr=False)
    # A PDF's or Word file's bytes, kept beside the database (archive.services.originals).
    original: bytes = field(default=b"", repr=False)


def max_file_bytes() -> int:
    return getattr(settings, "ARCHIVE_MAX_FILE_BYTES", DEFAULT_MAX_BYTES)


def parse_document(
    raw: bytes | str, *, filename: str | None = None, title_hint: str | None = None
) -> ParsedDocument:
    """Decode, clean and analyse one document; raise an ``IngestError`` if it is not an article.

    ``title_hint`` is a title known from elsewhere (a JSON-lines ``title``):
    the first line is then dropped only if it repeats that title.
    """
    fmt = _format(filename)
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_file_bytes():
        raise DocumentTooLarge(size, max_file_bytes())
    metadata: dict = {}
    if fmt is None and isinstance(raw, bytes) and raw.startswith(b"%PDF"):
        fmt = "pdf"
    if fmt in ("pdf", "docx"):
        return _office_document(raw, fmt, metadata, title_hint)
    if isinstance(raw, bytes):
        decoded = decode_bytes(raw)
        text, metadata["encoding"] = decoded.text, decoded.encoding
    else:
        text = _SURROGATES.sub("\ufffd", raw)
    if fmt is None:
        fmt = "html" if looks_like_html(text) else "text"
    metadata["format"] = fmt
    original, page_text = text, ""
    if fmt == "html":
        page = html_extract(text)
        page_text = page.text
        main = maintext.main_text(text) if page.text.strip() else ""
        metadata["extractor"] = "trafilatura" if main.strip() else "page"
        text = main if main.strip() else page.text
        _html_metadata(page, metadata)
        markup_date = maintext.markup_date(original) if main.strip() else ""
        if markup_date:
            metadata["html"]["markup_date"] = markup_date
    parsed = _Analysis(tidy(text), metadata, title_hint).run()
    if fmt == "html":
        _require_arabic(parsed)
    parsed.raw_text = original
    parsed.page_text = page_text
    return parsed


def _office_document(raw, fmt: str, metadata: dict, title_hint: str | None) -> "ParsedDocument":
    """A PDF or Word file: its text, then the analysis of a text file; the text is what is kept."""
    if isinstance(raw, str):
        raise UnsupportedType(f"*.{fmt}")
    text = office.pdf_text(raw) if fmt == "pdf" else office.docx_text(raw)
    if not text.strip():
        raise EmptyDocument()
    metadata["format"] = fmt
    parsed = _Analysis(tidy(text), metadata, title_hint).run()
    _require_arabic(parsed)
    parsed.raw_text = text
    parsed.original = raw
    return parsed


def _require_arabic(parsed: "ParsedDocument") -> None:
    letters = _LETTER.findall(parsed.title + parsed.body)
    arabic = sum(1 for letter in letters if _ARABIC.match(letter))
    if letters and arabic < MIN_ARABIC_SHARE * len(letters):
        raise NotArabic()


def _format(filename: str | None) -> str | None:
    if not filename:
        return None
    suffix = PurePath(filename).suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in OFFICE_EXTENSIONS:
        return OFFICE_EXTENSIONS[suffix]
    if suffix == "":
        return None
    raise UnsupportedType(PurePath(filename).name)


def _html_metadata(page, metadata: dict) -> None:
    html = {
        "headline": page.headline,
        "page_title": page.page_title,
        "site_name": page.site_name,
        "published": page.published,
        "url": page.url,
        "author": page.author,
        "marked_author": page.marked_author,
        "after_headline": page.after_headline,
        "before_headline": page.before_headline,
    }
    metadata["html"] = {key: value for key, value in html.items() if value}
    if page.captions:
        metadata["captions"] = list(page.captions)


class _Analysis:
    """One pass over the lines of a document; each step moves lines out of the body."""

    def __init__(self, text: str, metadata: dict, title_hint: str | None):
        self.lines = [line for line in text.split("\n") if line]
        self.metadata = metadata
        self.title_hint = (title_hint or "").strip()
        self.reasons: list[str] = []

    def run(self) -> ParsedDocument:
        if not self.lines:
            raise EmptyDocument()
        self._strip_chrome()
        self._take_credits()
        if not self.lines:
            raise EmptyDocument(_no_text_message())
        date_lines = self._take_date_lines()
        headline = self._take_headline()
        self._take_captions()
        self._take_trailing()
        if not self.lines:
            raise EmptyDocument(_no_text_message())
        dateline, _ = title.split_dateline(self.lines[0])
        if dateline:
            self.metadata["dateline"] = dateline
        if headline:
            title_text, derived = headline, False
        else:
            title_text, derived = title.derive_title(self.lines[0]), True
            self.reasons.append("title_derived")
        if not title_text:
            title_text = title.clean_title(" ".join(self.lines[0].split()[:10])) or gettext(
                "Untitled article"
            )
        published_on = self._publication_date(date_lines)
        source_name = self._source(dateline)
        author = self._author(dateline)
        if published_on is None:
            self.reasons.append("no_date")
        if source_name is None:
            self.reasons.append("no_source")
        return ParsedDocument(
            title=title_text,
            title_derived=derived,
            body="\n".join(self.lines),
            published_on=published_on,
            source_name=source_name,
            metadata=self.metadata,
            review_reasons=self.reasons,
            author=author,
        )

    def _moved(self, key: str, lines: list) -> None:
        if lines:
            self.metadata.setdefault(key, []).extend(lines)

    def _strip_chrome(self) -> None:
        removed, kept = [], []
        for index, line in enumerate(self.lines):
            if index >= 2 and chrome.is_end_marker(line):
                removed.extend(self.lines[index:])
                break
            (removed if chrome.is_chrome(line) else kept).append(line)
        self.lines = kept
        self._moved("chrome", removed)

    def _take_credits(self) -> None:
        credits, kept = [], []
        last = len(self.lines) - CREDIT_EDGE_LINES
        for index, line in enumerate(self.lines):
            found = chrome.credit(line)
            if found and found["kind"] == "agency" and CREDIT_EDGE_LINES <= index < last:
                found = None
            (credits.append(found) if found else kept.append(line))
        self.lines = kept
        self._moved("credits", credits)

    def _take_date_lines(self) -> list[dates.DateMention]:
        count = len(self.lines)
        found, kept, texts = [], [], []
        for index, line in enumerate(self.lines):
            near_edge = index < DATE_LINE_TOP or index >= count - DATE_LINE_BOTTOM
            mentions = dates.find_dates(line) if near_edge and len(line) < 120 else []
            if mentions and _only_date(line, mentions):
                found.append(mentions[0])
                texts.append(line)
            else:
                kept.append(line)
        if kept:
            self.lines = kept
            self._moved("date_lines", texts)
            return found
        return []

    def _take_headline(self) -> str:
        if self.title_hint:
            if fold(self.lines[0]) == fold(self.title_hint) and len(self.lines) > 1:
                self.lines.pop(0)
            return title.clean_title(self.title_hint)
        html_headline = self.metadata.get("html", {}).get("headline") or self._page_title()
        if html_headline:
            # A page's headline repeated anywhere in its text (trafilatura may put it last).
            key = fold(html_headline)
            kept = [line for line in self.lines if fold(line) != key]
            self.lines = kept or self.lines
            return title.clean_title(html_headline)
        if title.is_headline(self.lines[0], self.lines[1:]):
            return title.clean_title(self.lines.pop(0))
        return ""

    def _page_title(self) -> str:
        """``<title>`` without the site's name (``العنوان | إيلاف``)."""
        page_title = self.metadata.get("html", {}).get("page_title", "")
        parts = [p for p in re.split(r"\s+[|–—\-:]\s+", page_title) if p.strip()]
        named = [p for p in parts if sources.resolve_source_name(p)]
        for part in named:
            self.metadata["html"].setdefault("site_name", part.strip())
        rest = [p for p in parts if p not in named]
        return " - ".join(rest) if rest else ""

    def _take_captions(self) -> None:
        captions = [line for line in self.lines if chrome.is_caption(line)]
        if len(captions) < len(self.lines):
            self.lines = [line for line in self.lines if line not in captions]
            self._moved("captions", captions)

    def _take_trailing(self) -> None:
        if self.metadata.get("format") == "html":
            return  # an HTML page's widgets went with <nav>, <aside> and <footer>
        trailing = []
        while (
            len(self.lines) > 1
            and len(trailing) < 2
            and chrome.is_trailing_fragment(self.lines[-1])
        ):
            trailing.insert(0, self.lines.pop())
        self._moved("trailing", trailing)

    def _publication_date(self, date_lines: list[dates.DateMention]) -> datetime.date | None:
        for evidence, value in self._date_candidates(date_lines):
            if value and datetime.date(1900, 1, 1) <= value <= _latest_plausible():
                self.metadata["date_evidence"] = evidence
                if evidence == "caption":
                    self.reasons.append("date_from_caption")
                return value
        return None

    def _date_candidates(self, date_lines):
        html = self.metadata.get("html", {})
        if html.get("published"):
            yield "html", dates.parse_date_value(html["published"])
        if html.get("markup_date"):
            yield "markup", dates.parse_date_value(html["markup_date"])
        for where in ("after_headline", "before_headline"):
            for line in html.get(where, []):
                for mention in dates.find_dates(line) if len(line) < 120 else []:
                    if not mention.weekday_contradicts:
                        yield (
                            where.replace("after", "under").replace("before", "above"),
                            mention.date,
                        )
        for mention in date_lines:
            if not mention.weekday_contradicts:
                yield "date_line", mention.date
        for index, paragraph in enumerate(self.lines[:LEAD_PARAGRAPHS]):
            for mention in dates.find_dates(paragraph):
                if mention.weekday_contradicts:
                    continue
                if index == 0 and _opens_dateline(paragraph, mention):
                    yield "dateline", mention.date
                if mention.today:
                    yield "lead", mention.date
        lead_weekdays = dates.weekdays_named(self.lines[0])
        for caption in self.metadata.get("captions", []):
            for mention in dates.find_dates(caption):
                named_in_lead = mention.weekday is None and mention.date.weekday() in lead_weekdays
                if mention.weekday_matches or named_in_lead:
                    yield "caption", mention.date

    def _source(self, dateline: str) -> str | None:
        site = self.metadata.get("html", {}).get("site_name")
        candidates = [("site_name", site and sources.resolve_source_name(site))]
        candidates.append(("dateline", dateline and sources.find_outlet(dateline)))
        for credit in self.metadata.get("credits", []):
            if credit["kind"] == "source":
                value = credit["value"]
                found = sources.resolve_source_name(value) or sources.find_outlet(value)
                candidates.append(("credit", found))
        for evidence, name in candidates:
            if name:
                self.metadata["source_evidence"] = evidence
                return name
        addressed = sources.find_addressed_outlet("\n".join(self.lines))
        if addressed:
            self.metadata["source_evidence"] = "quoted: " + addressed[1]
            return addressed[0]
        return None

    def _author(self, dateline: str) -> str:
        """The byline: the page's metadata, a byline line, an agency's credit, the dateline's."""
        credits = self.metadata.get("credits", [])
        html = self.metadata.get("html", {})
        candidates = [html.get("author", "")]
        candidates += [c["value"] for c in credits if c["kind"] == "byline"]
        candidates.append(html.get("marked_author", ""))
        candidates += [c["value"] for c in credits if c["kind"] == "agency"]
        credited = _DATELINE_CREDIT.search(dateline or "")
        candidates.append(credited["value"] if credited else "")
        for candidate in candidates:
            author = clean_author(candidate)
            if author:
                return author
        return ""


_DATELINE_CREDIT = re.compile(r"\((?P<value>[^()\d]{2,30})\)\s*$")


def _opens_dateline(paragraph: str, mention: dates.DateMention) -> bool:
    prefix = fold(paragraph)[: mention.start]
    words = _NOT_LETTERS.sub(" ", prefix).split()
    return len(words) <= DATELINE_PREFIX_WORDS and "يوم" not in words and "في" not in words


def _only_date(line: str, mentions: list[dates.DateMention]) -> bool:
    residue = dates.residue_without_dates(line, mentions)
    residue = _DATE_LINE_FILLER.sub(" ", residue)
    return len(_NOT_LETTERS.sub("", residue)) <= 2


def _latest_plausible() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=1)


def _no_text_message() -> str:
    return gettext("No article text is left once page chrome and captions are removed.")
