"""A saved page's main text with trafilatura; its publication date with htmldate.

trafilatura finds the article's block and leaves menus, related and "most read"
boxes, comment sections and footers out. Its ``fast`` mode (no second
extractor) and no metadata pass keep a page at a few milliseconds; the
importer reads the metadata itself (``archive.ingest.html``). Tables are left
out because old sites lay whole pages out in tables. htmldate reads the date
from the markup only (``extensive_search=False``): a date guessed from the page
text or the URL is worse than the importer's own Arabic date reading.
"""

import logging
import re

import htmldate
import trafilatura
from lxml import etree

# trafilatura and htmldate log every page they cannot read at WARNING/ERROR.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)
# trafilatura writes a list item as "- item"; the page showed a bullet, not a dash.
_LIST_ITEM = re.compile(r"^- ", re.MULTILINE)


def main_text(markup: str) -> str:
    """The article's paragraphs, one a line; "" when no main text is found."""
    try:
        found = trafilatura.bare_extraction(
            markup,
            fast=True,
            include_comments=False,
            include_tables=False,
            with_metadata=False,
        )
    except (ValueError, etree.LxmlError):
        return ""
    return _LIST_ITEM.sub("", found.text or "") if found is not None else ""


def markup_date(markup: str) -> str:
    """The publication date the markup states (ISO), or ""."""
    try:
        found = htmldate.find_date(markup, extensive_search=False, original_date=True)
    except (ValueError, etree.LxmlError):
        return ""
    return found or ""
