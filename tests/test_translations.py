"""The Arabic translation of the interface: complete, well-formed, and what readers see.

The catalogs are read straight from ``locale/*/LC_MESSAGES/django.po`` with a small
parser (the .po format needs no library for this), and the pages are requested in both
languages the way a browser asks for them.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.translation.reloader import translation_file_changed

from archive.admin.notices import reextract_message
from tests.factories import article_create, source_create
from tests.languages import english

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
AR_PO = LOCALE_DIR / "ar" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
)
# Arabic plural forms 0, 1 and 2 each serve a single number, which Arabic writes in words
# (مقال واحد، مقالان); forms 3-5 serve many numbers and must show the number.
SINGLE_NUMBER_FORMS = (0, 1, 2)
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"
    r"|\{\w*\}"
    r"|</?[a-zA-Z][^>]*>"
)
# Characters Django's date filter reads as format codes (django.utils.dateformat).
DATE_FORMAT_CODES = set("aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTuUwWyYzZ")


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    references: str = ""

    @property
    def label(self) -> str:
        where = self.references.split()[0] if self.references else "?"
        return f"{where}: {self.msgid!r}"


def _unquote(line: str) -> str:
    # PO strings use C escapes, a subset of Python's string literal escapes.
    return ast.literal_eval(line[line.index('"') :])


def parse_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The header fields and the live entries of a .po file (obsolete ``#~`` ones dropped)."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.splitlines()
        if all(line.startswith("#~") or not line.strip() for line in lines):
            continue
        entry, current, parts = Entry(msgid=""), None, {}
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                entry.references += line[2:] + " "
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                parts[current] += _unquote(line)
            else:
                current, rest = line.split(" ", 1)
                parts[current] = _unquote(rest)
        entry.msgid = parts["msgid"]
        entry.msgctxt = parts.get("msgctxt")
        entry.msgid_plural = parts.get("msgid_plural")
        if entry.msgid_plural is None:
            entry.msgstr = [parts["msgstr"]]
        else:
            count = len([key for key in parts if key.startswith("msgstr[")])
            entry.msgstr = [parts[f"msgstr[{n}]"] for n in range(count)]
        entries.append(entry)
    header_entry = entries.pop(0)
    assert header_entry.msgid == "", f"{path} does not start with its header"
    header = dict(
        line.split(": ", 1) for line in header_entry.msgstr[0].splitlines() if ": " in line
    )
    return header, entries


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(scope="session")
def compiled_catalogs():
    """Compile the catalogs when a .mo is missing or older than its .po, then reload them."""
    stale = [
        po.with_suffix(".mo")
        for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command(
            "compilemessages",
            ignore_patterns=[".venv", "var", "node_modules", "bench"],
            verbosity=0,
        )
        # Gettext and Django cache catalogs per process; drop them so the new .mo is read.
        for mo in stale:
            translation_file_changed(sender=None, file_path=mo)


@pytest.fixture(scope="module")
def arabic():
    return parse_po(AR_PO)


# --- the catalog ---------------------------------------------------------------------------


def test_every_arabic_entry_has_a_translation(arabic):
    _header, entries = arabic
    untranslated = [e.label for e in entries if not all(s.strip() for s in e.msgstr)]
    assert entries
    assert untranslated == []


def test_no_arabic_entry_is_left_fuzzy(arabic):
    _header, entries = arabic
    assert [e.label for e in entries if "fuzzy" in e.flags] == []
    assert "fuzzy" not in AR_PO.read_text(encoding="utf-8").split("\nmsgid", 1)[0]


def test_arabic_catalog_declares_arabic_and_its_six_plural_forms(arabic):
    header, _entries = arabic
    assert header["Language"] == "ar"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == ARABIC_PLURAL_FORMS


def test_every_arabic_plural_entry_gives_all_six_forms(arabic):
    _header, entries = arabic
    plurals = [e for e in entries if e.msgid_plural is not None]
    assert plurals
    assert [e.label for e in plurals if len(e.msgstr) != 6] == []


def test_arabic_keeps_the_placeholders_and_tags_of_the_english(arabic):
    _header, entries = arabic
    wrong = []
    for entry in entries:
        if entry.msgid_plural is None:
            if placeholders(entry.msgstr[0]) != placeholders(entry.msgid):
                wrong.append((entry.label, entry.msgstr[0]))
            continue
        known = set(placeholders(entry.msgid) + placeholders(entry.msgid_plural))
        every_form = set(placeholders(entry.msgid_plural))
        for form, text in enumerate(entry.msgstr):
            found = set(placeholders(text))
            if form in SINGLE_NUMBER_FORMS:
                # At most the one number may be spelled out in words.
                required = set(placeholders(entry.msgid)) & every_form
                ok = found <= known and len(required - found) <= 1
            else:
                ok = found == every_form
            if not ok:
                wrong.append((entry.label, form, text))
    assert wrong == []


def test_arabic_catalog_passes_msgfmt_check():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is needed to compile the catalogs"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(AR_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


# What ``makemessages`` reads: the packages, the settings and the templates.
TRANSLATED_SOURCES = ("arabic_text", "archive", "search", "config", "templates", "manage.py")


def _catalog_keys(entries: list[Entry]) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_catalog_holds_exactly_the_strings_the_code_marks_for_translation(tmp_path, language):
    """A string added to the code without a catalogue entry would show untranslated."""
    root = Path(settings.BASE_DIR)
    for name in TRANSLATED_SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", language, "--no-obsolete"],
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    _header, in_code = parse_po(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
    _header, committed = parse_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    assert sorted(_catalog_keys(in_code) - _catalog_keys(committed), key=str) == []
    assert sorted(_catalog_keys(committed) - _catalog_keys(in_code), key=str) == []


def test_english_catalog_leaves_the_english_msgids_as_they_are():
    header, entries = parse_po(EN_PO)
    assert header["Language"] == "en"
    assert [e.label for e in entries if any(e.msgstr)] == []


def test_date_format_translations_stay_django_date_formats(arabic):
    _header, entries = arabic
    formats = [e for e in entries if e.msgctxt and "date" in e.msgctxt]
    assert formats
    for entry in formats:
        letters = {c for c in entry.msgstr[0] if c.isascii() and c.isalpha()}
        assert letters <= DATE_FORMAT_CODES, entry.label
        assert {"j", "F", "Y"} <= letters, entry.label


# --- what readers see -----------------------------------------------------------------------
#
# These read the compiled .mo files; the catalog tests above read the .po files only.


@pytest.mark.usefixtures("compiled_catalogs")
def test_arabic_citation_dates_read_day_month_year():
    with translation.override("ar"):
        chicago = dateformat.format(
            date(2025, 5, 5), translation.pgettext("Chicago citation date", "F j, Y")
        )
        apa = dateformat.format(
            date(2021, 4, 22), translation.pgettext("APA citation date", "Y, F j")
        )
    assert chicago == "5 مايو 2025"
    assert apa == "2021، 22 إبريل"


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "مقال واحد"),
        (2, "مقالان"),
        (3, "3 مقالات"),
        (10, "10 مقالات"),
        (11, "11 مقالًا"),
        (99, "99 مقالًا"),
        (100, "100 مقال"),
        (103, "103 مقالات"),
    ],
)
def test_arabic_article_counts_follow_arabic_number_agreement(count, words):
    with translation.override("ar"):
        text = translation.ngettext("%(counter)s article", "%(counter)s articles", count)
    assert text % {"counter": count} == words


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_arabic_home_page_is_right_to_left_with_an_arabic_interface(client):
    article_create(title="الجعفري يبحث مع لافروف في موسكو", source=source_create())
    html = client.get(reverse("archive:home"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "أرشيف أخبار العلاقات العراقية الروسية" in html
    assert "أحدث المقالات" in html
    assert ">بحث</a>" in html
    assert "22 إبريل، 2021" in html
    for words in ("Iraq–Russia News Archive", "Latest articles", ">Search</a>", "April"):
        assert words not in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_home_page_without_a_language_preference_is_arabic(client):
    html = client.get(reverse("archive:home")).content.decode()
    assert 'dir="rtl"' in html
    assert "لا توجد في الأرشيف مقالات منشورة بعد." in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_english_home_page_is_left_to_right_with_the_english_interface(client):
    article_create(title="الجعفري يبحث مع لافروف في موسكو", source=source_create())
    html = client.get(english(reverse("archive:home"))).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Iraq–Russia News Archive" in html
    assert "Latest articles" in html
    assert ">Search</a>" in html
    assert "April 22, 2021" in html
    assert "أحدث المقالات" not in html
    # The article itself stays Arabic.
    assert "الجعفري يبحث مع لافروف في موسكو" in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
@pytest.mark.parametrize("asked", [{"HTTP_ACCEPT_LANGUAGE": "en"}, {"cookie": "en"}])
def test_an_unprefixed_address_is_arabic_whatever_the_browser_asks(client, asked):
    """A shared link opens in the language it was copied in; an English-cookie visitor of an
    old link reads Arabic with a link to the same page in English, never a redirect."""
    if "cookie" in asked:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = asked.pop("cookie")
    response = client.get(reverse("search:search"), {"q": "لافروف"}, **asked)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert '<a href="/en/search/?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81" hreflang="en"' in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_the_switcher_and_the_alternates_name_the_same_page_in_each_language(client):
    query = "q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81&sort=newest"
    html = client.get(f"/en/search/?{query}").content.decode()
    escaped = query.replace("&", "&amp;")
    assert f'<a href="/search/?{escaped}" hreflang="ar" lang="ar">العربيّة</a>' in html
    assert 'hreflang="en" lang="en"' not in html  # no link to the page itself
    for code, path in (("ar", "/search/"), ("en", "/en/search/"), ("x-default", "/search/")):
        alternate = f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}?'
        assert alternate + escaped + '">' in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_the_language_links_leave_out_an_oversized_query_string(client):
    query = "q=" + "%D8%A8" * 2000
    html = client.get(f"/en/search/?{query}").content.decode()
    assert '<a href="/search/" hreflang="ar" lang="ar">العربيّة</a>' in html
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/search/">' in html
    assert not [line for line in html.splitlines() if "hreflang" in line and "%D8%A8" in line]


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_the_old_language_form_still_takes_a_reader_to_the_page_in_that_language(client):
    """Pages saved with the former switcher (a POST form) still work."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/search/?q=x"})
    assert response.status_code == 302
    assert response["Location"] == "/en/search/?q=x"
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/en/search/"})
    assert response["Location"] == "/search/"


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_the_admin_speaks_the_editors_browser_language(admin_client):
    arabic = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    english_admin = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="ar" dir="rtl"' in arabic
    assert 'lang="en" dir="ltr"' in english_admin


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_arabic_search_page_without_hits_speaks_arabic(client):
    response = client.get(reverse("search:search"), {"q": "زنجبيلستان"}, HTTP_ACCEPT_LANGUAGE="ar")
    html = response.content.decode()
    assert response.status_code == 200
    assert "لم يُعثر على مقالات" in html
    assert "إرشادات البحث" in html
    assert "No articles found" not in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("articles", "mentions", "text"),
    [
        (1, 2, "أُعيد الاستخراج في مقال واحد. عُثر على إشارتين."),
        (2, 11, "أُعيد الاستخراج في مقالين. عُثر على 11 إشارة."),
        (3, 0, "أُعيد الاستخراج في 3 مقالات. لم يُعثر على أي إشارة."),
    ],
)
def test_arabic_reextract_message_agrees_with_each_count(articles, mentions, text):
    with translation.override("ar"):
        assert reextract_message(articles=articles, mentions=mentions) == text


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.django_db
def test_an_editor_chooses_the_admins_language_from_the_admin_itself(admin_client):
    html = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert 'name="language" value="en" lang="en">English</button>' in html
    response = admin_client.post(
        reverse("set_language"), {"language": "en", "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response["Location"] == "/admin/"
    html = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="en" dir="ltr"' in html
    # The public pages keep the language of their address.
    assert '<html lang="ar" dir="rtl">' in admin_client.get("/").content.decode()
