"""Template filters of the archive's pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

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
