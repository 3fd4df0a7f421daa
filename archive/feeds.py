"""Atom feeds of article lists.

One feed class serves every list: a view builds an ``ArticleFeedSpec`` (title,
the page it mirrors, the articles) and calls ``article_feed(request, spec=...)``.
The newest articles, an entity's articles and, later, a search's results
differ only in the spec.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from archive.models import Article
from archive.selectors import article_lead

FEED_SIZE = 50
FEED_LEAD_WORDS = 80
# Characters XML 1.0 cannot carry; a query or a scraped title may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text) -> str:
    """``text`` without the control characters that would make the feed invalid XML."""
    return _NOT_XML.sub("", str(text)) if text is not None else text


@dataclass(frozen=True)
class ArticleFeedSpec:
    """What one feed shows. ``link`` is the site path of the HTML page the feed follows."""

    title: str
    link: str
    articles: Sequence[Article]
    subtitle: str = ""


@dataclass(frozen=True)
class _Entry:
    article: Article
    # The short permalink: an entry keeps its id when an edited title changes the slug.
    guid: str


@dataclass(frozen=True)
class _Feed:
    spec: ArticleFeedSpec
    entries: list[_Entry]


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    language = "ar"
    author_name = _("Iraq–Russia News Archive")

    def get_object(self, request, *, spec: ArticleFeedSpec):
        entries = [
            _Entry(
                article=article,
                guid=request.build_absolute_uri(
                    reverse("archive:article_short", kwargs={"pk": article.pk})
                ),
            )
            for article in spec.articles
        ]
        return _Feed(spec=spec, entries=entries)

    def title(self, obj):
        return xml_text(obj.spec.title)

    def subtitle(self, obj):
        # None, not "", so Atom gets no empty <subtitle> element.
        return xml_text(obj.spec.subtitle) or None

    def link(self, obj):
        return obj.spec.link

    def items(self, obj):
        return obj.entries

    def item_title(self, entry):
        return xml_text(entry.article.title)

    def item_description(self, entry):
        # Atom's <summary type="html"> is rendered as HTML by feed readers: escape the text.
        return escape(xml_text(article_lead(entry.article, words=FEED_LEAD_WORDS)))

    def item_link(self, entry):
        return entry.article.get_absolute_url()

    def item_guid(self, entry):
        return entry.guid

    def item_author_name(self, entry):
        source = entry.article.source
        return xml_text(source.name) if source else None

    def item_pubdate(self, entry):
        article = entry.article
        if article.published_on is None:
            return article.created_at
        midnight = datetime.datetime.combine(article.published_on, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, entry):
        return entry.article.updated_at


article_feed = ArticleFeed()
