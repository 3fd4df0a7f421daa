"""What editors see of stories: an article's other versions, and the version an upload repeats."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from archive.models import Article
from archive.selectors import story_versions


def _outlet(version: Article) -> str:
    return version.source.name if version.source else gettext("Outlet not stated")


def _date(version: Article) -> str:
    day = version.published_on
    return date_format(day) if day else gettext("Date not stated")


def _similarity(version: Article) -> str:
    if version.story_similarity is None:
        return gettext("the earliest version")
    percent = round(version.story_similarity * 100)
    return gettext("%(percent)s %% the same as the earliest version") % {"percent": percent}


def story_versions_html(article: Article) -> str:
    """The other published versions of ``article``'s story, earliest first, as a list with
    their outlet, date, similarity and links (admin page, side by side); "—" when alone."""
    if article.pk is None:
        return "—"
    versions = story_versions(article=article)
    if not versions:
        return "—"
    rows = (
        (
            reverse("admin:archive_article_change", args=[version.pk]),
            version.title,
            _outlet(version),
            _date(version),
            _similarity(version),
            reverse("archive:story_compare", args=[article.pk, version.pk]),
            gettext("Compare side by side"),
        )
        for version in versions
    )
    return format_html(
        "<ol>{}</ol>",
        format_html_join(
            "",
            '<li><a href="{}" lang="ar" dir="rtl">{}</a> · {} · {} · {} · <a href="{}">{}</a></li>',
            rows,
        ),
    )
