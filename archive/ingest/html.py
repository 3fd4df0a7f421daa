"""HTML → paragraphs with the standard library parser; scripts and styles never survive.

Block elements become line breaks so paragraphs stay paragraphs; the first
``<h1>`` (else ``og:title``, else ``<title>``) is the headline candidate;
a few ``<meta>`` tags and the page's JSON-LD give the outlet, the publication
date, the author and the URL. The lines printed right under the headline, and the
two right above it, are kept apart (``after_headline``, ``before_headline``): sites
write the date there. The main text
itself comes from ``archive.ingest.mainext``; this whole-page text is its
fallback and what the upload preview compares it with.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = frozenset(
    "script style noscript template svg math iframe object embed canvas nav footer aside "
    "form button select textarea head".split()
)
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header main "
    "blockquote figure pre hr dd dt dl address center".split()
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
)
_ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle "
    "BlogPosting WebPage".split()
)
AFTER_HEADLINE_LINES = 4
BEFORE_HEADLINE_LINES = 2
# Elements CMS themes mark as the byline (``meta-author``, ``byline``, Drupal's ``username``).
_BYLINE_MARK = re.compile(r"author|byline|writer|username")
BYLINE_MAX_WORDS = 6
_WHITESPACE = re.compile(r"\s+")
_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<p[\s>]|<div[\s>])",
    re.I,
)


@dataclass
class HtmlDocument:
    text: str
    headline: str = ""
    page_title: str = ""
    site_name: str = ""
    published: str = ""
    url: str = ""
    author: str = ""
    marked_author: str = ""
    captions: list[str] = field(default_factory=list)
    after_headline: list[str] = field(default_factory=list)
    before_headline: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    return bool(_SNIFF.match(text[:1000]))


def html_extract(markup: str) -> HtmlDocument:
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    return parser.document()


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.capture: str | None = None
        self.captured: dict[str, list[str]] = {"title": [], "h1": [], "figcaption": []}
        self.h1_done = False
        self.meta: dict[str, str] = {}
        self.captions: list[str] = []
        self.time_datetime = ""
        self.in_pre = False
        self.json_ld: list[str] = []
        self.in_json_ld = False
        self.h1_at: int | None = None
        self.h1_from: int | None = None
        self.byline_tag: str | None = None
        self.byline_depth = 0
        self.byline_text: list[str] = []
        self.bylines: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.meta.setdefault("canonical", attrs.get("href", "").strip())
        elif tag == "time" and not self.time_datetime:
            self.time_datetime = attrs.get("datetime", "").strip()
        elif tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self.in_json_ld = True
            self.json_ld.append("")
        if tag == "title" and self.capture is None:
            self.capture = "title"
            return
        if tag == "body" and "head" in self.skipping:
            # An unclosed <head> (legal HTML) ends where the body begins.
            self.skipping.clear()
        if tag in _SKIP and tag not in _VOID:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        self._byline_start(tag, attrs)
        if tag == "h1" and not self.h1_done:
            self.capture = "h1"
            self.h1_from = len(self.parts)
        elif tag == "figcaption":
            self.capture = "figcaption"
        if tag == "pre":
            self.in_pre = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json_ld = False
        if tag == "title" and self.capture == "title":
            self.capture = None
            return
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
            return
        if self.skipping:
            return
        if tag == self.byline_tag:
            self._byline_end()
        if tag == "h1" and self.capture == "h1":
            self.capture = None
            self.h1_done = True
            self.h1_at = len(self.parts)
        elif tag == "figcaption" and self.capture == "figcaption":
            self.capture = None
            self.captions.append(" ".join("".join(self.captured["figcaption"]).split()))
            self.captured["figcaption"] = []
        if tag == "pre":
            self.in_pre = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld[-1] += data
            return
        if self.capture == "title":
            self.captured["title"].append(data)
            return
        if self.skipping:
            return
        if self.byline_tag:
            self.byline_text.append(data)
        if self.capture in ("h1", "figcaption"):
            self.captured[self.capture].append(data)
            return
        # Source line breaks are not paragraph breaks in HTML, except inside <pre>.
        self.parts.append(data if self.in_pre else _WHITESPACE.sub(" ", data))

    def _byline_start(self, tag, attrs):
        if tag == self.byline_tag:
            self.byline_depth += 1
            return
        if self.byline_tag or tag in _VOID:
            return
        marks = " ".join(attrs.get(a, "") for a in ("class", "rel", "itemprop", "id")).lower()
        if _BYLINE_MARK.search(marks) and "comment" not in marks:
            self.byline_tag, self.byline_depth, self.byline_text = tag, 1, []

    def _byline_end(self):
        self.byline_depth -= 1
        if self.byline_depth == 0:
            text = " ".join("".join(self.byline_text).split())
            if text and len(text.split()) <= BYLINE_MAX_WORDS:
                self.bylines.append(text)
            self.byline_tag = None

    def _meta(self, attrs):
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "").strip()
        if key and content:
            self.meta.setdefault(key, content)

    def _after_headline(self) -> list[str]:
        if self.h1_at is None:
            return []
        lines = [line.strip() for line in "".join(self.parts[self.h1_at :]).split("\n")]
        return [line for line in lines if line][:AFTER_HEADLINE_LINES]

    def _before_headline(self) -> list[str]:
        if self.h1_from is None:
            return []
        lines = [line.strip() for line in "".join(self.parts[: self.h1_from]).split("\n")]
        return [line for line in lines if line][-BEFORE_HEADLINE_LINES:]

    def document(self) -> HtmlDocument:
        def squash(chunks):
            return " ".join("".join(chunks).split())

        linked = json_ld_article(self.json_ld)
        published = next((self.meta[k] for k in _DATE_META if self.meta.get(k)), "")
        meta_author = next(
            (v for k in _AUTHOR_META if (v := self.meta.get(k, "")) and v[:4] != "http"), ""
        )
        return HtmlDocument(
            text="".join(self.parts),
            headline=squash(self.captured["h1"]) or self.meta.get("og:title", ""),
            page_title=squash(self.captured["title"]),
            site_name=self.meta.get("og:site_name", ""),
            published=published or linked.get("published", "") or self.time_datetime,
            url=self.meta.get("og:url") or self.meta.get("canonical", ""),
            author=linked.get("author", "") or meta_author,
            marked_author=self.bylines[0] if self.bylines else "",
            captions=[c for c in self.captions if c],
            after_headline=self._after_headline(),
            before_headline=self._before_headline(),
        )


def json_ld_article(blocks: list[str]) -> dict[str, str]:
    """The publication date and authors the page's JSON-LD gives its article."""
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for item in _json_ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(kind in _ARTICLE_TYPES for kind in kinds if isinstance(kind, str)):
                continue
            found = {"published": str(item.get("datePublished") or "")}
            found["author"] = "، ".join(_names(item.get("author")))
            if found["published"] or found["author"]:
                return found
    return {}


def _json_ld_items(data) -> list[dict]:
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
            found.extend(i for i in item.get("@graph") or [] if isinstance(i, dict))
    return found


def _names(author) -> list[str]:
    authors = author if isinstance(author, list) else [author]
    names = []
    for person in authors:
        name = person.get("name") if isinstance(person, dict) else person
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(" ".join(name.split()))
    return names
