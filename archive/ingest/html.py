"""HTML → paragraphs with the standard library parser; scripts and styles never survive.

Block elements become line breaks so paragraphs stay paragraphs; the first
``<h1>`` (else ``og:title``, else ``<title>``) is the headline candidate;
a few ``<meta>`` tags give the outlet, the publication date and the URL.
"""

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
    captions: list[str] = field(default_factory=list)


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

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.meta.setdefault("canonical", attrs.get("href", "").strip())
        elif tag == "time" and not self.time_datetime:
            self.time_datetime = attrs.get("datetime", "").strip()
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
        if tag == "h1" and not self.h1_done:
            self.capture = "h1"
        elif tag == "figcaption":
            self.capture = "figcaption"
        if tag == "pre":
            self.in_pre = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title" and self.capture == "title":
            self.capture = None
            return
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
            return
        if self.skipping:
            return
        if tag == "h1" and self.capture == "h1":
            self.capture = None
            self.h1_done = True
        elif tag == "figcaption" and self.capture == "figcaption":
            self.capture = None
            self.captions.append(" ".join("".join(self.captured["figcaption"]).split()))
            self.captured["figcaption"] = []
        if tag == "pre":
            self.in_pre = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.capture == "title":
            self.captured["title"].append(data)
            return
        if self.skipping:
            return
        if self.capture in ("h1", "figcaption"):
            self.captured[self.capture].append(data)
            return
        # Source line breaks are not paragraph breaks in HTML, except inside <pre>.
        self.parts.append(data if self.in_pre else _WHITESPACE.sub(" ", data))

    def _meta(self, attrs):
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "").strip()
        if key and content:
            self.meta.setdefault(key, content)

    def document(self) -> HtmlDocument:
        def squash(chunks):
            return " ".join("".join(chunks).split())

        published = next((self.meta[k] for k in _DATE_META if self.meta.get(k)), "")
        return HtmlDocument(
            text="".join(self.parts),
            headline=squash(self.captured["h1"]) or self.meta.get("og:title", ""),
            page_title=squash(self.captured["title"]),
            site_name=self.meta.get("og:site_name", ""),
            published=published or self.time_datetime,
            url=self.meta.get("og:url") or self.meta.get("canonical", ""),
            captions=[c for c in self.captions if c],
        )
