"""The search page's markup that is repeated too often for the template language.

An expanded facet lists hundreds of values and a result page dozens of highlighted pieces:
written through ``{% for %}`` or ``format_html`` they cost more than the search itself. These
tags write the same markup with one ``str.format`` per item, every piece of text escaped as
``format_html`` escapes it (``html.escape``, which Django's ``escape`` calls), and mark the
whole result safe once.
"""

from collections.abc import Callable
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive.links import QueryLinks
from archive.templatetags.archive_tags import marked as archive_marked
from search.highlight import Highlight

register = template.Library()

_VALUE = """
    <li>
      <a href="{}">
        <span class="facet-check" aria-hidden="true">☐</span>
        <span class="facet-name">{}</span>
        <span class="count">{}</span>
      </a>
    </li>"""
_SELECTED_VALUE = """
    <li class="selected">
      <a href="{}" aria-current="true" title="{}">
        <span class="facet-check" aria-hidden="true">☑</span>
        <span class="facet-name">{}</span>
        <span class="count">{}</span>
      </a>
    </li>"""


@register.filter
def marked(segments: Highlight) -> SafeString:
    """Highlight segments as HTML: the text escaped, the matched words in ``<mark>``
    (the article page's filter, :func:`archive.templatetags.archive_tags.marked`)."""
    return archive_marked(segments)


@register.simple_tag
def facet_values(name: str, facet, links: QueryLinks) -> SafeString:
    """The ``<li>`` of each value of a facet: a link that adds the value to the search, or
    removes it when selected, with its name in the page's language and its count."""
    english = get_language() == "en"
    remove_title = escape(_("Remove this filter"))
    count_html = _count_html()
    adding = links.adding(name, only=name == "year")
    items = []
    unreviewed = _unreviewed_html()
    for value in facet.values:
        label = escape(value.name_en if english and value.name_en else value.name)
        if value.unreviewed:
            label += unreviewed
        count = count_html(value.count)
        if value.selected:
            href = escape(links.href(drop=[(name, value.id)]))
            items.append(_SELECTED_VALUE.format(href, remove_title, label, count))
        else:
            items.append(_VALUE.format(escape(adding(value.id)), label, count))
    return mark_safe("".join(items))


def _unreviewed_html() -> str:
    """The marker of an entity found automatically and not reviewed yet."""
    title = escape(_("Found automatically; not reviewed by an editor yet"))
    return f' <span class="unreviewed" title="{title}">{escape(_("unreviewed"))}</span>'


def _count_html() -> Callable[[int], str]:
    """``intcomma`` in the page's language, escaped. A count shorter than the locale's first
    digit group reads as its digits: most counts are, and ``intcomma`` looks up the locale's
    formats on every call."""
    grouping = get_format("NUMBER_GROUPING")
    first = grouping if isinstance(grouping, int) else (grouping[0] if grouping else 0)
    shortest = 10**first if first > 0 else None

    def html(count: int) -> str:
        if shortest is None or count < shortest:
            return str(count)
        return escape(intcomma(count))

    return html
