"""Random raw texts and bytes through the importer: an article or a clear error, nothing else.

Inputs are real seed articles cut, re-encoded (UTF-8 with and without BOM, UTF-16,
Windows-1256), wrapped in HTML, salted with control characters, bidi marks and random
Unicode, or plain random bytes, together with the facts a JSON-lines record may give
(title, date, source, URL). Either the importer stores one complete article (every text
field within its column's length, a title, a body, a content hash, its index task), or it
raises an ``IngestError`` whose message says why, and the database is exactly as before.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st

from archive.ingest import IngestError
from archive.models import Article, Entity, Mention, Source
from archive.services.articles import article_ingest
from search.models import IndexTask

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEEDS = [path.read_text("utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
SEED_LINES = [line for text in SEEDS for line in text.splitlines() if line.strip()]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"]
NOISE = [
    "\x00",
    "\x01",
    "\x1b[0m",
    "\r\n",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\ud800",
    "\u0640" * 5,
    "ًٌٍَُِّْ",
    "<p>",
    "</div>",
    "<script>alert(1)</script>",
    "&nbsp;",
    "&#0;",
    "المصدر: تاس",
    "إيلاف من لندن:",
    "30 نوفمبر 2021",
    "2021-13-45",
    "التعليقات",
]

seed_line = st.sampled_from(SEED_LINES)
noise = st.sampled_from(NOISE)


@st.composite
def texts(draw) -> str:
    """A document assembled from seed lines, noise and random Unicode."""
    parts = draw(
        st.lists(
            st.one_of(seed_line, noise, st.text(max_size=60), st.just("\n")),
            max_size=12,
        )
    )
    text = "".join(parts)
    if draw(st.integers(0, 4)) == 0:
        text = f"<html><head><title>{draw(seed_line)}</title></head><body>{text}</body></html>"
    return text


@st.composite
def raw_bytes(draw) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=300))
    text = draw(texts()).replace("\ud800", "")
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if choice == 2:  # cut anywhere, even inside a character
        data = data[: draw(st.integers(0, len(data)))]
    if choice == 3:
        data += draw(st.binary(max_size=20))
    return data


optional_text = st.one_of(st.none(), st.text(max_size=30), seed_line)
overrides = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(optional_text, st.text(min_size=490, max_size=700)),
        "published_on": st.one_of(
            optional_text,
            st.dates().map(lambda day: day.isoformat()),
            st.sampled_from(["2021-02-30", "٢٢/٠٤/٢٠٢١", "30 نوفمبر 2021", "0"]),
        ),
        "source": st.one_of(
            optional_text,
            st.sampled_from(["Elaph", "tass", "RT Arabic", "RT-Arabic", "!!!", "???"]),
        ),
        "url": st.one_of(
            optional_text,
            st.sampled_from(
                [
                    "https://elaph.com/Web/News/2021/11/1.html",
                    "javascript:alert(1)",
                    "http://",
                    "https://example.org/" + "ا" * 1200,
                ]
            ),
        ),
    },
)
filenames = st.one_of(
    st.none(),
    st.sampled_from(["article.txt", "page.HTML", "scan.pdf", "noext", ".txt", "a.b.htm"]),
    st.text(max_size=20),
)


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Article, Mention, Source, Entity, IndexTask))


def _too_long(instance) -> list[str]:
    """Text fields longer than their column allows (PostgreSQL refuses them, SQLite does not)."""
    return [
        field.name
        for field in instance._meta.concrete_fields
        if getattr(field, "max_length", None)
        and isinstance(getattr(instance, field.attname), str)
        and len(getattr(instance, field.attname)) > field.max_length
    ]


@contextmanager
def _rolled_back():
    """Each example starts from the same empty archive, so a failure replays and shrinks."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _ingest_outcome(**kwargs) -> None:
    before = _counts()
    try:
        result = article_ingest(**kwargs)
    except IngestError as error:
        assert str(error).strip(), type(error).__name__
        assert _counts() == before, "an error left rows behind"
        return
    article = Article.objects.select_related("source").get(pk=result.article.pk)
    assert article.title.strip() and article.body.strip()
    assert len(article.content_hash) == 64
    assert "\x00" not in article.title + article.body + article.raw_text
    assert _too_long(article) == []
    if article.source is not None:
        assert _too_long(article.source) == []
    assert IndexTask.objects.filter(article_id=article.pk).exists()
    after = _counts()
    assert after[0] == before[0] + 1
    assert after[1] == before[1] + article.mentions.count()


@pytest.mark.django_db
@given(raw=texts(), filename=filenames, overrides=overrides)
@example(raw=SEEDS[0], filename="seed.txt", overrides={})
@example(raw=SEEDS[0], filename=None, overrides={"title": "\x00"})
@example(raw="", filename=None, overrides={})
@example(raw=SEED_LINES[3] + "\x00\ud800", filename=None, overrides={"title": "ا" * 700})
@example(raw="<html><body><script>alert(1)</script></body></html>", filename="x.html", overrides={})
def test_any_text_becomes_one_whole_article_or_a_clear_error(raw, filename, overrides):
    with _rolled_back():
        _ingest_outcome(raw=raw, filename=filename, overrides=overrides)


@pytest.mark.django_db
@given(raw=raw_bytes(), filename=filenames)
@example(raw=b"\x89PNG\r\n\x1a\n" + bytes(range(256)), filename="photo.txt")
@example(raw=SEEDS[1].encode("utf-16")[:-1], filename=None)
@example(raw=SEEDS[2].encode("cp1256"), filename="old.txt")
def test_any_bytes_become_one_whole_article_or_a_clear_error(raw, filename):
    with _rolled_back():
        _ingest_outcome(raw=raw, filename=filename)


@pytest.mark.django_db
@given(documents=st.lists(st.tuples(texts(), overrides), min_size=2, max_size=4))
@example(documents=[(SEEDS[3], {}), (SEEDS[3] + "\n\u200f", {"title": "عنوان آخر"})])
def test_a_run_of_random_documents_imports_each_whole_or_not_at_all(documents):
    with _rolled_back():
        for raw, given_facts in documents:
            _ingest_outcome(raw=raw, overrides=given_facts)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"), [("!!!", "???"), ("RT Arabic", "RT-Arabic"), ("Al Sumaria", "AL SUMARIA!")]
)
def test_two_outlets_whose_names_give_the_same_slug_both_import(first, second):
    for number, name in enumerate((first, second)):
        raw = f"{SEED_LINES[number]}\n{SEED_LINES[number + 5]}"
        _ingest_outcome(raw=raw, overrides={"source": name})
    assert Article.objects.count() == 2
