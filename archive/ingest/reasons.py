"""Why an imported article needs an editor's eye: stable codes, translated labels."""

from django.utils.translation import gettext_lazy as _

REVIEW_REASONS = {
    "title_derived": _("The title was cut from the lead: check it."),
    "no_date": _("No publication date is stated in the text."),
    "no_source": _("No outlet could be identified."),
    "date_from_caption": _("The date comes from a photo caption: check it."),
    "date_unreadable": _("The date given with the article could not be read."),
}


def review_reason_label(code: str) -> str:
    """The editor-facing sentence for a review code (unknown codes are shown as they are)."""
    return str(REVIEW_REASONS.get(code, code))
