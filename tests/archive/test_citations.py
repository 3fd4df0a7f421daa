"""Cite this article: APA and Chicago text, and RIS, BibTeX and CSL-JSON read by real parsers."""

import json
from datetime import date

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.utils import timezone, translation

from archive.citations import Citation, apa, chicago, to_bibtex, to_csl_json, to_ris
from archive.models import Article
from tests.factories import article_create, source_create
from tests.languages import english

TITLE = "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات والتعاون في كافة المجالات"
URL = "https://archive.example/articles/7/%D8%A7%D9%84%D8%AC%D8%B9%D9%81%D8%B1%D9%8A/"
IRI = "https://archive.example/articles/7/الجعفري/"
ACCESSED = date(2025, 5, 5)
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def iso(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def link(url: str = IRI) -> str:
    return f"{LRI}{url}{PDI}"


def _citation(**changes) -> Citation:
    fields = {
        "key": "archive-article-7",
        "title": TITLE,
        "url": URL,
        "accessed": ACCESSED,
        "published": date(2021, 4, 22),
        "publisher": "إيلاف",
    }
    return Citation(**(fields | changes))


def _bibtex_fields(text: str, *, decode: bool = False) -> dict:
    middleware = [LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=middleware)
    assert library.failed_blocks == []
    (entry,) = library.entries
    return {"_type": entry.entry_type, "_key": entry.key} | {f.key: f.value for f in entry.fields}


def test_apa_names_title_date_source_access_date_and_permalink():
    with translation.override("en"):
        text = apa(_citation())
    assert text == (
        f"{iso(TITLE)}. (2021, April 22). {iso('إيلاف')}. Retrieved May 5, 2025, from {link()}"
    )


def test_apa_of_undated_article_says_no_date():
    with translation.override("en"):
        assert "(n.d.)" in apa(_citation(published=None))


def test_apa_adds_no_period_after_an_arabic_question_mark():
    with translation.override("en"):
        text = apa(_citation(title="هل تعود روسيا إلى العراق؟"))
    assert text.startswith(f"{iso('هل تعود روسيا إلى العراق؟')} (2021")


def test_chicago_quotes_the_title_and_ends_with_the_permalink():
    with translation.override("en"):
        text = chicago(_citation())
    assert (
        text == f"“{iso(TITLE)}.” {iso('إيلاف')}, April 22, 2021. Accessed May 5, 2025. {link()}."
    )


def test_access_date_is_written_in_the_active_language():
    with translation.override("ar"):
        assert "5 مايو 2025" in chicago(_citation())
    with translation.override("en"):
        assert "May 5, 2025" in chicago(_citation())


def test_ris_parses_with_arabic_title_year_url_and_publisher():
    (entry,) = rispy.loads(to_ris(_citation()))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["title"] == TITLE
    assert entry["year"] == "2021"
    assert entry["date"] == "2021/04/22"
    assert entry["urls"] == [IRI]
    assert entry["publisher"] == "إيلاف"
    assert entry["secondary_title"] == "إيلاف"
    assert entry["access_date"] == "2025/05/05"
    assert entry["language"] == "ar"


def test_ris_keeps_a_title_with_line_breaks_on_one_line():
    (entry,) = rispy.loads(to_ris(_citation(title="لافروف\nيستقبل\r\nالجعفري")))
    assert entry["title"] == "لافروف يستقبل الجعفري"


def test_ris_of_undated_article_has_no_year():
    (entry,) = rispy.loads(to_ris(_citation(published=None, publisher="")))
    assert "year" not in entry
    assert "publisher" not in entry


def test_bibtex_parses_with_arabic_title_year_and_url():
    fields = _bibtex_fields(to_bibtex(_citation()))
    assert fields["_type"] == "online"
    assert fields["_key"] == "archive-article-7"
    assert fields["title"] == TITLE
    assert fields["year"] == "2021"
    assert fields["date"] == "2021-04-22"
    assert fields["url"] == URL
    assert fields["publisher"] == "إيلاف"
    assert fields["urldate"] == "2025-05-05"


def test_bibtex_escapes_latex_special_characters_so_the_title_survives():
    title = r"روسيا & العراق: 50% {تقرير} #1 a_b ~ $ \ النهاية"
    text = to_bibtex(_citation(title=title))
    assert r"روسيا \& العراق: 50\% \{تقرير\} \#1 a\_b" in text
    assert _bibtex_fields(text, decode=True)["title"] == title


def test_bibtex_writes_a_caret_as_the_latex_text_command():
    # Decoders disagree on the glyph (pylatexenc gives U+02C6), so the markup itself is checked.
    text = to_bibtex(_citation(title="العراق ^ روسيا"))
    assert r"title = {العراق \textasciicircum{} روسيا}" in text
    assert _bibtex_fields(text)["title"] == r"العراق \textasciicircum{} روسيا"


def test_bibtex_url_with_braces_cannot_unbalance_the_entry():
    fields = _bibtex_fields(to_bibtex(_citation(url="https://archive.example/a}b{c")))
    assert fields["url"] == "https://archive.example/a%7Db%7Bc"
    assert fields["title"] == TITLE


def test_csl_json_keeps_arabic_as_written():
    text = to_csl_json(_citation())
    assert TITLE in text
    (item,) = json.loads(text)
    assert item["type"] == "article-newspaper"
    assert item["title"] == TITLE
    assert item["publisher"] == item["container-title"] == "إيلاف"
    assert item["issued"] == {"date-parts": [[2021, 4, 22]]}
    assert item["accessed"] == {"date-parts": [[2025, 5, 5]]}
    assert item["URL"] == URL


@pytest.mark.django_db
class TestDownloads:
    @pytest.fixture
    def article(self):
        return article_create(title=TITLE, source=source_create())

    def test_ris_download_is_an_attachment_readers_parse(self, client, article):
        response = client.get(f"/articles/{article.pk}/cite.ris")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="article-{article.pk}.ris"'
        (entry,) = rispy.loads(response.content.decode("utf-8"))
        assert entry["title"] == TITLE
        assert entry["urls"] == [f"http://testserver/articles/{article.pk}/{article.slug}/"]
        assert entry["access_date"] == timezone.localdate().strftime("%Y/%m/%d")

    def test_bibtex_download_parses(self, client, article):
        response = client.get(f"/articles/{article.pk}/cite.bib")
        assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="article-{article.pk}.bib"'
        fields = _bibtex_fields(response.content.decode("utf-8"))
        assert fields["title"] == TITLE
        assert fields["year"] == "2021"
        assert fields["url"] == f"http://testserver{article.get_absolute_url()}"

    def test_csl_json_download_parses(self, client, article):
        response = client.get(f"/articles/{article.pk}/cite.json")
        assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
        (item,) = json.loads(response.content.decode("utf-8"))
        assert item["title"] == TITLE

    def test_citation_of_a_draft_is_404_for_the_public(self, client):
        draft = article_create(title=TITLE, status=Article.Status.DRAFT)
        assert client.get(f"/articles/{draft.pk}/cite.ris").status_code == 404

    def test_unknown_format_is_404(self, client, article):
        assert client.get(f"/articles/{article.pk}/cite.pdf").status_code == 404
        assert client.get(f"/articles/{article.pk}/cite.").status_code == 404

    def test_article_page_shows_apa_and_chicago_with_permalink_and_today(self, client, article):
        html = client.get(english(article.get_absolute_url())).content.decode()
        permalink = f"http://testserver/en/articles/{article.pk}/{article.slug}/"
        today = timezone.localdate()
        source = article.source.name
        assert (
            f"<bdi>{TITLE}</bdi>. (2021, April 22). <bdi>{source}</bdi>. "
            f"Retrieved {today:%B} {today.day}," in html
        )
        assert f'from <bdi dir="ltr">{permalink}</bdi></p>' in html
        assert f"“<bdi>{TITLE}</bdi>.” <bdi>{source}</bdi>, April 22, 2021. Accessed" in html
        assert f'href="{english(f"/articles/{article.pk}/cite.ris")}"' in html
        assert f'href="{english(f"/articles/{article.pk}/cite.bib")}"' in html
        assert f'href="{english(f"/articles/{article.pk}/cite.json")}"' in html


AUTHOR = "محمد عبدالعظيم"


def test_apa_and_chicago_name_the_author_first():
    with translation.override("en"):
        assert apa(_citation(author=AUTHOR)).startswith(f"{iso(AUTHOR)}. {iso(TITLE)}. (2021")
        assert chicago(_citation(author="أ ف ب")).startswith(f"{iso('أ ف ب')}. “{iso(TITLE)}.”")


def test_an_arabic_citation_in_an_english_sentence_keeps_every_run_isolated():
    with translation.override("en"):
        text = apa(_citation(author=AUTHOR))
    # Each right-to-left run is opened and closed: nothing of it leaks into its neighbours.
    assert text.count(FSI) == 3 and text.count(LRI) == 1 and text.count(PDI) == 4
    assert "%D8" not in text


def test_the_html_citation_isolates_with_bdi_and_escapes_markup():
    with translation.override("ar"):
        html = apa(_citation(title="<script>x</script> روسيا", author=AUTHOR), html=True)
    assert html.startswith(f"<bdi>{AUTHOR}</bdi>. <bdi>&lt;script&gt;x&lt;/script&gt; روسيا</bdi>.")
    assert f'<bdi dir="ltr">{IRI}</bdi>' in html


def test_ris_bibtex_and_csl_json_carry_the_author():
    (entry,) = rispy.loads(to_ris(_citation(author=AUTHOR)))
    assert entry["authors"] == [AUTHOR]
    fields = _bibtex_fields(to_bibtex(_citation(author=AUTHOR)))
    assert fields["author"] == "{" + AUTHOR + "}"
    (item,) = json.loads(to_csl_json(_citation(author=AUTHOR)))
    assert item["author"] == [{"literal": AUTHOR}]


def test_bibtex_and_csl_json_keep_the_encoded_uri_their_tools_expect():
    assert _bibtex_fields(to_bibtex(_citation()))["url"] == URL
    (item,) = json.loads(to_csl_json(_citation()))
    assert item["URL"] == URL


@pytest.mark.django_db
def test_the_article_page_shows_the_author_in_its_header_json_ld_and_citations(client):
    article = article_create(title=TITLE, source=source_create())
    Article.objects.filter(pk=article.pk).update(author="أ ف ب")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<bdi>أ ف ب</bdi></a>" in html and 'class="author"' in html
    assert '"author": {"@type": "Organization", "name": "أ ف ب"}' in html
    assert "<bdi>أ ف ب</bdi>. <bdi>" in html
    ris = client.get(f"/articles/{article.pk}/cite.ris").content.decode()
    assert "AU  - أ ف ب" in ris
