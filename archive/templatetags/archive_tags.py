"""Template filters of the archive's pages."""

import json
from html import escape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from arabic_text import Highlight

register = template.Library()

# Same escapes as Django's json_script: "</script>" or "<!--" in a title cannot end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """JSON for inside ``<script type="application/ld+json">``, safe against break-out.

    Django's ``json_script`` writes the whole element with ``type="application/json"``;
    structured data needs the schema.org type, so only the content is written here.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe: the only characters that could close the element are escaped above.
    return mark_safe(text.translate(_SCRIPT_ESCAPES))


_MARK = "<mark>{}</mark>"
_ANCHORED_MARK = '<mark id="{}" tabindex="-1">{}</mark>'


@register.filter
def marked(segments: Highlight, anchor: str = "") -> SafeString:
    """Highlight segments as HTML: the text escaped, the matched words in ``<mark>``.

    With ``anchor``, the first mark carries it as its id (a link's target, focusable). One
    ``str.format`` per piece, escaped as ``format_html`` escapes (``html.escape``): a result
    page writes hundreds of pieces.
    """
    html = []
    for text, on in segments:
        if not on:
            html.append(escape(text))
        elif anchor:
            html.append(_ANCHORED_MARK.format(escape(anchor), escape(text)))
            anchor = ""
        else:
            html.append(_MARK.format(escape(text)))
    return mark_safe("".join(html))


# Pages shown on each side of the current one, and at each end, by the pagination.
PAGES_AROUND, PAGES_AT_ENDS = 2, 1


@register.filter
def page_links(page) -> list:
    """The page numbers a pagination shows: the first and last, the current one and its
    neighbours, ``None`` for a gap (Django's elided page range)."""
    numbers = page.paginator.get_elided_page_range(
        page.number, on_each_side=PAGES_AROUND, on_ends=PAGES_AT_ENDS
    )
    ellipsis = page.paginator.ELLIPSIS
    return [None if number == ellipsis else number for number in numbers]
