"""Script payloads stored in the archive or typed into a search never run on any page.

Every payload of ``PAYLOADS`` (mixed into real Arabic, as a pasted article would bring it)
is put where an editor, an import or a visitor can put text: article titles, bodies and
original URLs, source names and homepages, entity names, aliases and descriptions (which
become facet values and filter chips), and search queries. Every public page, feed, export,
the API and the admin lists are then read back: HTML pages are parsed and must contain no
element, attribute or link the payloads would create; feeds must stay well-formed with
nothing executable in their HTML summaries; JSON and downloads must be served as such.
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from haystack import connections

from archive.models import Article, Entity, EntityAlias, Mention, Source
from tests.factories import article_create

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "'\"--><svg onload=alert(1)>",
    "\u202e<script>alert(1)</script>\u202c",
    '<a href="javascript:alert(1)">اضغط هنا</a>',
    "</textarea></title><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)>",
    '" onmouseover="alert(1)" data-x="',
]
MIXED = " ".join(PAYLOADS)
ARABIC = "الكاظمي يبحث مع لافروف في موسكو تعزيز التعاون"
# Strings that only exist in a response when a payload was copied in without escaping.
RAW_MARKERS = ["<script>alert(1)", "</script><script>", "<svg onload", "<img src=x", "<iframe"]
ATOM = "{http://www.w3.org/2005/Atom}"
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class _MarkupAudit(HTMLParser):
    """Elements and attributes a payload would have injected, found by parsing the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # (The admin draws its own <svg> icons; an injected one shows by its onload.)
        if tag == "iframe" or (tag == "img" and ("src", "x") in attrs):
            self.problems.append(f"injected <{tag}>")
        if tag == "script":
            # JSON data blocks (structured data) hold the text escaped; they never run.
            self._in_script = dict(attrs).get("type") not in DATA_SCRIPT_TYPES
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction") and url.startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.problems.append("payload inside a <script> element")


def assert_no_injected_markup(html: str, where: str = "") -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: unescaped {marker!r}"
    audit = _MarkupAudit()
    audit.feed(html)
    audit.close()
    assert audit.problems == [], f"{where}: {audit.problems}"


@pytest.fixture
def poisoned(db):
    """An archive whose every text field carries the payloads, beside real Arabic."""
    # Names fit their columns (200 characters), as PostgreSQL insists.
    source = Source.objects.create(
        name=f"إيلاف {PAYLOADS[0]} {PAYLOADS[1]} {PAYLOADS[5]}",
        name_en=f"{PAYLOADS[3]} {PAYLOADS[7]}",
        homepage="javascript:alert(1)",
        aliases=[MIXED],
    )
    people = []
    for number, payload in enumerate(PAYLOADS):
        person = Entity.objects.create(
            kind=Entity.Kind.PERSON,
            name=f"سيرغي لافروف {number} {payload}",
            name_en=payload,
            name_ru=f"Лавров {payload}",
            description=f"وزير الخارجية {payload}",
            description_en=payload,
        )
        EntityAlias.objects.create(entity=person, name=f"لافروف {payload}")
        people.append(person)
    place = Entity.objects.create(
        kind=Entity.Kind.PLACE,
        name=f"موسكو {PAYLOADS[1]} {PAYLOADS[10]}",
        name_en=f"{PAYLOADS[0]} {PAYLOADS[8]}",
    )
    articles = []
    for number, payload in enumerate(PAYLOADS):
        article = article_create(
            title=f"{ARABIC} {payload}",
            body=f"{ARABIC} {payload}\n{MIXED} روسيا والعراق\n{payload} بغداد",
            source=source,
            original_url="javascript:alert(1)",
        )
        Mention.objects.create(article=article, entity=people[number], count=2)
        Mention.objects.create(article=article, entity=place, count=1)
        articles.append(article)
    return {"source": source, "people": people, "place": place, "articles": articles}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="muharrir", email="", password="كلمة-سر-طويلة-2021"
    )


def _get(client, url, data=None):
    response = client.get(url, data)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        return response, b"".join(response.streaming_content).decode("utf-8")
    return response, response.content.decode("utf-8")


def _public_pages(poisoned) -> list[tuple[str, dict | None]]:
    article = poisoned["articles"][0]
    person = poisoned["people"][1]
    pages = [
        (reverse("archive:home"), None),
        (reverse("archive:entity_index"), None),
        (reverse("archive:entity_index"), {"q": PAYLOADS[0]}),
        (person.get_absolute_url(), None),
        (poisoned["place"].get_absolute_url(), None),
        (reverse("search:search"), None),
        (reverse("search:help"), None),
    ]
    pages += [(a.get_absolute_url(), None) for a in poisoned["articles"]]
    for payload in PAYLOADS:
        # The query in the box, in the snippets' highlights, in the notices and the links.
        pages.append((reverse("search:search"), {"q": f"لافروف {payload}"}))
    pages.append(
        (
            reverse("search:search"),
            {
                "q": PAYLOADS[1],
                "person": [str(person.pk)],
                "place": [str(poisoned["place"].pk)],
                "source": [str(poisoned["source"].pk)],
                "more": ["person"],
                "date_from": PAYLOADS[0],
                "page": PAYLOADS[5],
            },
        )
    )
    pages.append((reverse("archive:article", args=[article.pk, article.slug]), {"q": MIXED}))
    for payload in PAYLOADS:
        # The words a result link asks the article page to mark, the payload's among them.
        pages.append((article.get_absolute_url(), {"hl": f"لافروف {payload} alert script"}))
    pages.append((article.get_absolute_url(), {"hl": MIXED}))
    # An entity query: the entity's names, payloads in them, travel in the result links.
    pages.append((reverse("search:search"), {"q": PAYLOADS[4]}))
    return pages


@pytest.mark.django_db
def test_payloads_in_articles_entities_sources_and_queries_are_escaped_on_every_public_page(
    client, poisoned, search_reindexed
):
    for url, data in _public_pages(poisoned):
        _response, html = _get(client, url, data)
        assert_no_injected_markup(html, f"{url} {data}")


@pytest.mark.django_db
def test_search_page_shows_the_payloads_as_text_in_snippets_facets_and_chips(
    client, poisoned, search_reindexed
):
    person = poisoned["people"][1]
    _response, html = _get(
        client,
        reverse("search:search"),
        {"q": "لافروف", "person": str(person.pk), "source": str(poisoned["source"].pk)},
    )
    # Found, and the payload is there as visible text, not dropped.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>" in html
    assert_no_injected_markup(html, "search with filters")


@pytest.mark.django_db
def test_the_article_page_marks_words_inside_the_payloads_as_escaped_text(client, poisoned):
    article = poisoned["articles"][0]
    _response, html = _get(client, article.get_absolute_url(), {"hl": "script alert لافروف"})
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;" in html
    assert_no_injected_markup(html, "article page with hl")


@pytest.mark.django_db
def test_template_syntax_in_stored_text_is_shown_never_evaluated(client, poisoned):
    article = poisoned["articles"][PAYLOADS.index("{{7*7}}")]
    _response, html = _get(client, article.get_absolute_url())
    assert "{{7*7}}" in html


@pytest.mark.django_db
def test_a_javascript_url_stored_as_the_original_or_homepage_is_never_a_link(client, poisoned):
    for article in poisoned["articles"]:
        _response, html = _get(client, article.get_absolute_url())
        assert 'href="javascript:' not in html.lower()
        assert_no_injected_markup(html, article.get_absolute_url())


def _atom(client, url, data=None) -> ElementTree.Element:
    response, text = _get(client, url, data)
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(text.encode("utf-8"))


@pytest.mark.django_db
def test_feeds_stay_well_formed_and_their_html_summaries_hold_no_markup(
    client, poisoned, search_reindexed
):
    person = poisoned["people"][0]
    feeds = [
        (reverse("archive:feed"), None),
        (reverse("archive:entity_feed", args=[person.pk]), None),
        (reverse("archive:entity_feed", args=[poisoned["place"].pk]), None),
        (reverse("search:feed"), {"q": f"لافروف {PAYLOADS[1]}"}),
        (reverse("search:feed"), {"person": str(person.pk), "source": str(poisoned["source"].pk)}),
    ]
    for url, data in feeds:
        feed = _atom(client, url, data)
        entries = feed.findall(f"{ATOM}entry")
        assert entries, url
        for element in feed.iter():
            kind = element.get("type", "text")
            text = element.text or ""
            if kind == "html":
                # A feed reader renders this text as HTML.
                assert_no_injected_markup(text, f"{url} <{element.tag}>")
            if element.tag == f"{ATOM}link":
                assert not element.get("href", "").lower().startswith("javascript:")


@pytest.mark.django_db
def test_the_api_answers_json_and_its_html_snippets_are_escaped(client, poisoned, search_reindexed):
    response, text = _get(client, reverse("search:api_search"), {"q": "لافروف " + PAYLOADS[0]})
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(text)
    assert data["results"]
    for hit in data["results"]:
        assert_no_injected_markup(hit["snippet"], "api snippet")
        assert hit["title"].startswith(ARABIC)  # plain text, as stored, for the client to escape
    entities = json.loads(
        _get(client, reverse("search:api_entities"), {"q": "سيرغي", "limit": "50"})[1]
    )
    assert {entity["name"] for entity in entities["results"]} >= {
        person.name for person in poisoned["people"]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "json", "ris"])
def test_exports_are_downloads_never_html(client, poisoned, search_reindexed, fmt):
    response, text = _get(client, reverse("search:export", args=[fmt]), {"q": "لافروف"})
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert PAYLOADS[0] in text  # the text is exported as written


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["ris", "bib", "json"])
def test_citation_downloads_are_never_html(client, poisoned, fmt):
    article = poisoned["articles"][0]
    response, _text = _get(client, reverse("archive:article_cite", args=[article.pk, fmt]))
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_admin_lists_and_forms_escape_the_payloads(client, poisoned, editor):
    client.force_login(editor)
    article = poisoned["articles"][1]
    person = poisoned["people"][1]
    pages = [
        (reverse("admin:archive_article_changelist"), None),
        (reverse("admin:archive_article_changelist"), {"q": PAYLOADS[1]}),
        (reverse("admin:archive_article_change", args=[article.pk]), None),
        (reverse("admin:archive_source_changelist"), None),
        (reverse("admin:archive_source_change", args=[poisoned["source"].pk]), None),
        (reverse("admin:archive_entity_changelist"), None),
        (reverse("admin:archive_entity_changelist"), {"q": PAYLOADS[5]}),
        (reverse("admin:archive_entity_change", args=[person.pk]), None),
        (reverse("admin:archive_mention_changelist"), None),
    ]
    for url, data in pages:
        _response, html = _get(client, url, data)
        assert_no_injected_markup(html, f"{url} {data}")


@pytest.fixture
def search_reindexed(poisoned, search_index):
    """The poisoned articles published and in the index."""
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return search_index


@pytest.fixture
def search_index():
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()
