"""What editors see of stories: an article's other versions, and the version an upload repeats."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from archive.models import Article
from archive.selectors import story_matches, story_versions


def _outlet(version: Article) -> str:
    return version.source.name if version.source else gettext("Outlet not stated")


def _date(version: Article) -> str:
    day = version.published_on
    return date_format(day, "j F Y") if day else gettext("Date not stated")


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


@dataclass(frozen=True)
class StoryMatch:
    """The published article an uploaded text most resembles, and how much (0–100)."""

    article: Article
    percent: int

    @property
    def message(self) -> str:
        """ "This looks like the version published by X on date (93 % same)"."""
        article = self.article
        values = {"percent": self.percent, "outlet": _outlet(article), "date": _date(article)}
        if article.source and article.published_on:
            text = gettext(
                "This looks like the version published by %(outlet)s on %(date)s "
                "(%(percent)s %% same)."
            )
        elif article.source:
            text = gettext(
                "This looks like the version published by %(outlet)s (%(percent)s %% same)."
            )
        else:
            text = gettext(
                "This looks like an article already in the archive (%(percent)s %% same)."
            )
        return text % values


def story_match(*, body: str, published_on=None) -> StoryMatch | None:
    """The published article nearest to ``body`` when near enough to be one story with it
    (``archive.selectors.story_matches``); else None. Read-only: the upload preview says so
    before anything is saved."""
    found = story_matches(body=body, published_on=published_on, limit=1)
    if not found:
        return None
    article, similarity = found[0]
    return StoryMatch(article, round(similarity * 100))
