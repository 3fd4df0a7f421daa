"""How to cite an article: APA and Chicago text, RIS, BibTeX and CSL-JSON.

Pure formatting: every function takes a ``Citation`` and returns text, so the
formats can be tested without a request or a database. Titles are kept as
written (Arabic, UTF-8); only what a format's syntax requires is escaped.
Dates in the human-readable styles follow the active language; the format
strings are translatable so a language can reorder day, month and year.

What a person reads (APA, Chicago, RIS, the CSV export) shows the link as an
IRI, the Arabic slug as letters (``readable_url``); BibTeX and CSL-JSON keep
the encoded URI their tools expect. In APA and Chicago each name, title and
link is isolated from its neighbours' direction, so an Arabic title in an
English sentence (or a link in an Arabic one) reads in order: Unicode isolates
(U+2068 … U+2069, the link left-to-right with U+2066) in plain text, ``<bdi>``
in HTML (``html=True``).
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.utils import dateformat
from django.utils.encoding import uri_to_iri
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Arabic and Latin sentence ends: a title ending in one needs no added period.
_SENTENCE_END = (".", "?", "!", "؟", "…")
_WHITESPACE = re.compile(r"\s+")
_BIBTEX_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:-]")
# LaTeX specials, replaced in one pass so a replacement is never re-escaped.
_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# A url field is verbatim in biblatex: only what would unbalance the entry is encoded.
_BIBTEX_URL_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})

FIRST_STRONG_ISOLATE, LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE = "\u2068", "\u2066", "\u2069"

RIS_CONTENT_TYPE = "application/x-research-info-systems"
BIBTEX_CONTENT_TYPE = "application/x-bibtex"
CSL_JSON_CONTENT_TYPE = "application/vnd.citationstyles.csl+json"


@dataclass(frozen=True)
class Citation:
    """What every citation format needs to know about one article."""

    key: str
    title: str
    url: str
    accessed: date
    published: date | None = None
    publisher: str = ""
    language: str = "ar"
    author: str = ""


def citation_from_article(article, *, url: str, accessed: date) -> Citation:
    """The citation of an article; ``url`` is its absolute permalink."""
    return Citation(
        key=f"archive-article-{article.pk}",
        title=article.title,
        url=url,
        accessed=accessed,
        published=article.published_on,
        publisher=article.source.name if article.source else "",
        author=getattr(article, "author", "") or "",
    )


def readable_url(url: str) -> str:
    """The link as a person reads it: percent-encoded Arabic shown as letters."""
    return uri_to_iri(url)


class _Writer:
    """Plain text with Unicode isolates, or HTML with ``<bdi>``: the same citation."""

    def __init__(self, html: bool):
        self.html = html

    def isolate(self, text: str) -> str:
        text = _one_line(text)
        if self.html:
            return format_html("<bdi>{}</bdi>", text)
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"

    def link(self, url: str) -> str:
        url = readable_url(_one_line(url))
        if self.html:
            return format_html('<bdi dir="ltr">{}</bdi>', url)
        return f"{LEFT_TO_RIGHT_ISOLATE}{url}{POP_ISOLATE}"

    def sentence(self, text: str) -> str:
        """An isolated name or title followed by a period unless it ends a sentence already."""
        end = "" if _one_line(text).endswith(_SENTENCE_END) else "."
        return self.isolate(text) + end

    def text(self, text: str) -> str:
        return conditional_escape(text) if self.html else text

    def join(self, parts: list[str]) -> str | SafeString:
        joined = " ".join(parts)
        return mark_safe(joined) if self.html else joined  # every part was escaped


def _one_line(text: str) -> str:
    # Line-based formats (RIS) break on a newline inside a value.
    return _WHITESPACE.sub(" ", text or "").strip()


def apa(citation: Citation, *, html: bool = False) -> str:
    """APA 7 style for a news web page: the author (a person or an agency) first, if named."""
    out = _Writer(html)
    if citation.published:
        issued = dateformat.format(citation.published, pgettext("APA citation date", "Y, F j"))
    else:
        issued = _("n.d.")
    parts = [out.sentence(citation.author)] if citation.author else []
    parts += [out.sentence(citation.title), out.text(f"({issued}).")]
    if citation.publisher:
        parts.append(out.sentence(citation.publisher))
    accessed = dateformat.format(citation.accessed, pgettext("APA access date", "F j, Y"))
    # The link goes in after escaping: only the isolated link is markup.
    retrieved = _("Retrieved %(date)s, from %(url)s") % {"date": accessed, "url": "\x00"}
    parts.append(out.text(retrieved).replace("\x00", out.link(citation.url)))
    return out.join(parts)


def chicago(citation: Citation, *, html: bool = False) -> str:
    """Chicago (notes and bibliography) style for a news web page."""
    out = _Writer(html)
    date_format = pgettext("Chicago citation date", "F j, Y")
    parts = [out.sentence(citation.author)] if citation.author else []
    parts.append(out.text("“") + out.sentence(citation.title) + out.text("”"))
    issued = [out.isolate(citation.publisher)] if citation.publisher else []
    if citation.published:
        issued.append(out.text(dateformat.format(citation.published, date_format)))
    if issued:
        parts.append(out.text(", ").join(issued) + ".")
    accessed = dateformat.format(citation.accessed, date_format)
    parts.append(out.text(_("Accessed %(date)s.") % {"date": accessed}))
    parts.append(out.link(citation.url) + ".")
    return out.join(parts)


def to_ris(citation: Citation) -> str:
    """An RIS record (``TY  - NEWS``) with CRLF line ends, as the format specifies."""
    fields = [("TY", "NEWS"), ("ID", citation.key), ("TI", citation.title)]
    if citation.author:
        fields.append(("AU", citation.author))
    if citation.publisher:
        fields += [("T2", citation.publisher), ("PB", citation.publisher)]
    if citation.published:
        fields += [
            ("PY", str(citation.published.year)),
            ("DA", citation.published.strftime("%Y/%m/%d")),
        ]
    fields += [
        ("UR", readable_url(citation.url)),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
        ("LA", citation.language),
    ]
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in fields]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field: LaTeX specials escaped, Arabic untouched."""
    return _one_line(text).translate(_BIBTEX_ESCAPES)


def to_bibtex(citation: Citation) -> str:
    """A biblatex ``@online`` entry."""
    fields = [("title", bibtex_escape(citation.title))]
    if citation.author:
        # Braced: a name as written, never split into first and last names by BibTeX.
        fields.append(("author", "{" + bibtex_escape(citation.author) + "}"))
    if citation.publisher:
        publisher = bibtex_escape(citation.publisher)
        fields += [("publisher", publisher), ("organization", publisher)]
    if citation.published:
        fields += [
            ("date", citation.published.isoformat()),
            ("year", str(citation.published.year)),
            ("month", str(citation.published.month)),
        ]
    fields += [
        ("url", _one_line(citation.url).translate(_BIBTEX_URL_ESCAPES)),
        ("urldate", citation.accessed.isoformat()),
        ("langid", "arabic"),
        ("language", "arabic"),
    ]
    key = _BIBTEX_KEY_UNSAFE.sub("-", citation.key)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{key},\n{body}\n}}\n"


def _date_parts(value: date) -> dict:
    return {"date-parts": [[value.year, value.month, value.day]]}


def to_csl_json(citation: Citation) -> str:
    """A CSL-JSON list holding one ``article-newspaper`` item, UTF-8 (not ``\\u`` escapes)."""
    item = {
        "id": citation.key,
        "type": "article-newspaper",
        "title": citation.title,
        "URL": citation.url,
        "accessed": _date_parts(citation.accessed),
        "language": citation.language,
    }
    if citation.author:
        item["author"] = [{"literal": _one_line(citation.author)}]
    if citation.publisher:
        item["publisher"] = citation.publisher
        item["container-title"] = citation.publisher
    if citation.published:
        item["issued"] = _date_parts(citation.published)
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
