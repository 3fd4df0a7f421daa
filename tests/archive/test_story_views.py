"""Where stories show outside search: the article page's other versions, two versions side by
side (what each outlet added, cut or changed), and the editors' admin pages.

The story is seed 003 (TASS) with two reprints by other outlets, built as in
``tests/search/test_story_search.py``.
"""

import re
from html import unescape

import pytest
from django.urls import reverse
from haystack import connections

from archive.models import Article
from archive.services.stories import story_fingerprints_refresh
from archive.views.stories import versions_compare
from tests.factories import article_create, staff_user
from tests.search.conftest import seed_title_body, seeds_create
from tests.search.test_story_search import versions_create


@pytest.fixture
def versions(db):
    backend = connections["default"].get_backend()
    backend.clear()
    yield versions_create(seeds_create())
    backend.clear()


def _page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, marker: str, end: str = "</section>") -> str:
    return html.split(marker, 1)[1].split(end, 1)[0]


def _compare_url(article, other) -> str:
    return reverse("archive:story_compare", args=[article.pk, other.pk])


def test_the_article_page_lists_the_other_versions_earliest_first(client, versions):
    html = _page(client, versions.third)
    section = _section(html, 'id="versions-heading"')
    first = section.index(versions.first.get_absolute_url())
    second = section.index(versions.second.get_absolute_url())
    assert first < second
    assert versions.third.get_absolute_url() not in section
    # Outlets, dates and similarity to the earliest version, in the Arabic interface.
    assert "تاس" in section and "روسيا اليوم" in section
    assert 'datetime="2020-11-25"' in section
    percent = round(versions.second.story_similarity * 100)
    assert 50 <= percent < 100
    assert f"{percent} %" in section
    assert _compare_url(versions.third, versions.first) in unescape(section)


def test_an_article_alone_shows_no_versions(client, versions):
    alone = article_create(title="مقال وحيد", body="نص لا يشبه أي نص آخر في الأرشيف.")
    assert 'id="versions-heading"' not in _page(client, alone)


def test_an_unpublished_version_is_not_listed_to_readers(client, versions):
    versions.second.status = Article.Status.DRAFT
    versions.second.save()
    section = _section(_page(client, versions.first), 'id="versions-heading"')
    assert versions.second.get_absolute_url() not in section
    response = client.get(_compare_url(versions.first, versions.second))
    assert response.status_code == 404


def _marked(html: str, tag: str) -> list[str]:
    """The words inside each ``<tag …>`` of ``html``, without the hidden labels."""
    found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, flags=re.S)
    return [re.sub(r'<span class="visually-hidden">.*?</span>', "", text).strip() for text in found]


def test_side_by_side_marks_the_new_lead_and_the_cut_paragraph(client, versions):
    response = client.get(_compare_url(versions.second, versions.first))
    assert response.status_code == 200
    html = response.content.decode()
    # The earlier version comes first whichever way the link names them.
    assert response.context["earlier"] == versions.first
    earlier, later = html.split('class="story-column"')[1:3]
    cut = " ".join(_marked(earlier, "del"))
    added = " ".join(_marked(later, "ins"))
    # The reprint cut the last paragraph and rewrote the lead.
    last_paragraph = versions.first.paragraphs()[-1]
    assert last_paragraph.split()[0] in cut and last_paragraph.split()[-1] in cut
    assert "حمّله" in added
    assert 'lang="ar" dir="rtl"' in later


def test_a_changed_word_is_marked_on_both_sides(versions):
    earlier, later = versions_compare(versions.first, versions.third)
    replaced = [s.text for p in earlier.paragraphs for s in p if s.kind == "replaced"]
    replacement = [s.text for p in later.paragraphs for s in p if s.kind == "replacement"]
    assert "الاجتماع" in " ".join(replaced)
    assert "اللقاء" in " ".join(replacement)
    assert earlier.counts.get("changed") == later.counts.get("changed")
    assert "added" not in later.counts
    # The third version dropped one paragraph of the earlier one.
    assert earlier.counts["cut"] >= len(versions.first.paragraphs()[2].split())


def test_diacritics_and_hamza_spelling_are_not_changes():
    first = Article(title="وزير الخارجية", body="أكد وزير الخارجيّة أنّ العلاقات متينة")
    second = Article(title="وزير الخارجية", body="اكد وزير الخارجية ان العلاقات متينة")
    earlier, later = versions_compare(first, second)
    assert earlier.counts == {} and later.counts == {}
    assert later.paragraphs[0][0].text == "اكد وزير الخارجية ان العلاقات متينة"


def test_the_side_by_side_legend_and_labels_are_translated(client, versions):
    html = client.get(_compare_url(versions.first, versions.third)).content.decode()
    legend = _section(html, 'class="story-legend"', "</dl>")
    assert "<ins>" in legend and "<del>" in legend
    assert "أضاف" in legend or "أضافتها" in legend
    assert '<span class="visually-hidden">' in html


def test_comparing_an_unknown_article_is_a_404(client, versions):
    missing = reverse("archive:story_compare", args=[versions.first.pk, 999_999])
    assert client.get(missing).status_code == 404


def test_the_admin_change_page_lists_the_versions(client, versions):
    client.force_login(staff_user("muharrir"))
    url = reverse("admin:archive_article_change", args=[versions.first.pk])
    html = client.get(url).content.decode()
    for other in (versions.second, versions.third):
        assert reverse("admin:archive_article_change", args=[other.pk]) in html
        assert unescape(_compare_url(versions.first, other)) in unescape(html)
    assert f"{round(versions.third.story_similarity * 100)} %" in html


def test_the_admin_list_shows_how_many_versions_each_article_has(client, versions, seeds_alone):
    client.force_login(staff_user("muharrir"))
    response = client.get(reverse("admin:archive_article_changelist"))
    assert response.status_code == 200
    rows = {
        int(pk): cell
        for pk, cell in re.findall(
            r'/admin/archive/article/(\d+)/change/.*?<td class="field-story_size">(\d+)</td>',
            response.content.decode(),
            flags=re.S,
        )
    }
    assert {rows[pk] for pk in versions.ids} == {"3"}
    assert rows[seeds_alone.pk] == "1"


@pytest.fixture
def seeds_alone(versions):
    return Article.objects.exclude(pk__in=versions.ids).order_by("pk").first()


def test_the_upload_preview_names_the_version_a_pasted_text_repeats(db, desk, settings, tmp_path):
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    seeds = seeds_create()
    tass = seeds.articles["003"]
    story_fingerprints_refresh(article_ids=[tass.pk])
    paragraphs = tass.paragraphs()
    lead = "قال وزير الخارجية العراقي فؤاد حسين في موسكو إن الكاظمي حمّله تحياته إلى بوتين."
    text = "\n".join(["فؤاد حسين ينقل تحيات الكاظمي إلى بوتين", lead, *paragraphs[1:-1]])
    response = desk.post(reverse("admin:archive_article_upload"), {"text": text})
    assert response.status_code == 302
    page = desk.get(response["Location"])
    [document] = page.context["previews"]
    assert document.story_match.article == tass
    assert 50 <= document.story_match.percent < 100
    html = unescape(page.content.decode())
    assert f"published by تاس on 25 November 2020 ({document.story_match.percent} % same)" in html
    assert reverse("admin:archive_article_change", args=[tass.pk]) in html
    assert Article.objects.count() == len(seeds.articles)  # nothing saved yet


def test_the_upload_preview_says_nothing_for_a_text_unlike_any_other(db, desk, settings, tmp_path):
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    seeds = seeds_create()
    title, body = seed_title_body("004")
    seeds.articles.pop("004").delete()
    story_fingerprints_refresh(article_ids=[a.pk for a in seeds.articles.values()])
    response = desk.post(reverse("admin:archive_article_upload"), {"text": f"{title}\n{body}"})
    [document] = desk.get(response["Location"]).context["previews"]
    assert len(body.split()) > 100  # long enough to be compared
    assert document.duplicate_of is None
    assert document.story_match is None


def test_outlet_names_and_titles_are_escaped_wherever_versions_are_listed(client, versions):
    outlet = versions.second.source
    outlet.name = 'وكالة <img src=x onerror="alert(1)">'
    outlet.save()
    versions.second.title = "فؤاد حسين <script>alert(1)</script>"
    versions.second.save()
    pages = [
        _page(client, versions.first),
        client.get(_compare_url(versions.first, versions.second)).content.decode(),
        client.get(reverse("search:search"), {"q": "التمنيات"}).content.decode(),
    ]
    for html in pages:
        assert "<script>alert(1)</script>" not in html
        assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;script&gt;" in pages[0] and "&lt;script&gt;" in pages[1]
