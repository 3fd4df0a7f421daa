"""Messages the admin shows after an action, each count with its own plural form."""

from django.utils.translation import ngettext


def reextract_message(*, articles: int, mentions: int) -> str:
    """What an extraction re-run did, in two sentences: a gettext entry pluralizes one count."""
    done = ngettext(
        "Extraction re-run on %(articles)d article.",
        "Extraction re-run on %(articles)d articles.",
        articles,
    ) % {"articles": articles}
    found = ngettext(
        "%(mentions)d mention found.",
        "%(mentions)d mentions found.",
        mentions,
    ) % {"mentions": mentions}
    return f"{done} {found}"
