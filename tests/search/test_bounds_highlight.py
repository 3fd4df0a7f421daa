"""Search snippets and the article page's marks do a bounded amount of work.

The tests count the work (passages measured, words of a phrase read ahead, characters of
``hl`` read), never time.
"""

import pytest

import archive.views.articles as article_views
import search.highlight as highlight_module
from arabic_text.highlight import MAX_PHRASE_WORDS
from archive.permalinks import HIGHLIGHT_MAX_CHARS, HIGHLIGHT_MAX_ITEMS
from search.highlight import MAX_WINDOWS, highlight
from tests.factories import article_create

SENTENCE = "وقال لافروف إن روسيا والعراق يعملان معا في مجال الطاقة والنفط منذ سنوات طويلة."


def count_calls(monkeypatch, name: str) -> list:
    calls = []
    original = getattr(highlight_module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(highlight_module, name, counting)
    return calls


@pytest.mark.parametrize("repeats", [20, 200, 2000])
def test_passages_measured_do_not_grow_with_the_matches(monkeypatch, repeats):
    windows = count_calls(monkeypatch, "_window")
    text = " ".join([SENTENCE] * repeats)
    snippet = highlight(text, "روسيا الطاقة")
    assert [s.text for s in snippet if s.marked][:2] == ["روسيا", "الطاقة"]
    # At most MAX_WINDOWS spread over the text, and each word's first match: per query.
    assert 0 < len(windows) <= 2 * (MAX_WINDOWS + 2)


def test_a_short_text_full_of_matches_is_sampled_too(monkeypatch):
    windows = count_calls(monkeypatch, "_window")
    text = " ".join(["روسيا"] * 150)  # short enough to be tokenized whole
    snippet = highlight(text, "روسيا", max_chars=2000)
    assert sum(s.marked for s in snippet) == 150
    assert len(windows) <= MAX_WINDOWS + 1


def test_a_long_quoted_phrase_reads_no_further_than_the_phrase_limit(monkeypatch):
    read_ahead = count_calls(monkeypatch, "word_term")
    text = " ".join([SENTENCE] * 200)
    words = SENTENCE.rstrip(".").split()
    counts = []
    for phrase in (" ".join(words[:4]), " ".join(words * 30)):
        read_ahead.clear()
        highlight(text, f'"{phrase}"')
        counts.append(len(read_ahead))
    # The 450-word phrase is past the limit: not marked, and it costs no more than four words.
    assert len(words) * 30 > MAX_PHRASE_WORDS
    assert counts[1] <= counts[0]


@pytest.mark.django_db
def test_the_article_page_reads_a_bounded_part_of_hl(client, monkeypatch):
    article = article_create(title="لافروف في بغداد", body=" ".join([SENTENCE] * 50))
    read: list[str] = []
    original = article_views.parse_marks

    def recording(words, **kwargs):
        read.append(words)
        return original(words, **kwargs)

    monkeypatch.setattr(article_views, "parse_marks", recording)
    huge = " ".join(['"روسيا والعراق"', "الطاقة", "ب" * 1000] * 3000)
    response = client.get(article.get_absolute_url(), {"hl": huge})
    assert response.status_code == 200
    assert len(read) == 1 and len(read[0]) <= HIGHLIGHT_MAX_CHARS
    assert read[0].count(" ") < HIGHLIGHT_MAX_ITEMS * 3
    assert "<mark" in response.content.decode()
