"""Marking words and phrases does a bounded amount of work whatever is asked for.

The tests count the work (phrase words compared, words analysed), never time.
"""

import arabic_text.highlight as highlight_module
from arabic_text import tokens
from arabic_text.highlight import (
    MAX_MARK_CHARS,
    MAX_MARK_ITEMS,
    MAX_MATCH_STEPS,
    MAX_PHRASE_WORDS,
    find_marks,
    highlight_full,
    marks_of,
    parse_marks,
)

# The same long text for each test: a name repeated, as a list of names or a table would.
TEXT_WORDS = ["روسيا", "والعراق", "وموسكو"] * 3000


def phrase_steps(monkeypatch) -> list[int]:
    """Phrase words compared by find_marks: each _phrase_end call's phrase length."""
    compared: list[int] = []
    original = highlight_module._phrase_end

    def counting(words, index, phrase):
        compared.append(len(phrase))
        return original(words, index, phrase)

    monkeypatch.setattr(highlight_module, "_phrase_end", counting)
    return compared


def near_miss_phrases(count: int) -> list[str]:
    # Each starts with روسيا and the text's next word, then a word the text lacks: tried at
    # every روسيا, never found.
    return [f'"روسيا العراق موسكو بغداد{"ي" * number}"' for number in range(count)]


def test_phrase_matching_stops_at_the_step_budget(monkeypatch):
    compared = phrase_steps(monkeypatch)
    words = tokens(" ".join(TEXT_WORDS))
    marks = parse_marks(" ".join(["موسكو", *near_miss_phrases(20)]))
    found = find_marks(words, marks)
    assert 0 < sum(compared) <= MAX_MATCH_STEPS
    # Graceful: past the budget the single words are still marked, to the end of the text.
    assert found and found[-1].first == len(words) - 1


def test_without_the_budget_the_same_text_costs_far_more(monkeypatch):
    compared = phrase_steps(monkeypatch)
    words = tokens(" ".join(TEXT_WORDS))
    find_marks(words, parse_marks(" ".join(near_miss_phrases(40))), max_steps=10**9)
    assert sum(compared) > 10 * MAX_MATCH_STEPS


SENTENCE = (
    "أكد وزير الخارجية الروسي سيرغي لافروف خلال لقائه نظيره العراقي فؤاد حسين في موسكو "
    "استعداد بلاده لتوسيع التعاون مع بغداد في مجالات الطاقة والنفط والكهرباء والنقل "
    "والزراعة والتعليم والصحة وأشار إلى أن الشركات الروسية تعمل في حقول الجنوب منذ سنوات "
    "وتخطط لاستثمارات جديدة في إقليم كردستان وفي محافظة البصرة"
)


def test_a_phrase_over_the_word_limit_is_not_marked_and_one_at_it_is():
    indexed = [token for token in tokens(SENTENCE) if token.term]
    assert len(indexed) > MAX_PHRASE_WORDS
    at_limit = SENTENCE[: indexed[MAX_PHRASE_WORDS - 1].end]
    over = SENTENCE[: indexed[MAX_PHRASE_WORDS].end]
    marked = highlight_full(SENTENCE, marks_of([at_limit]))
    assert [segment.text for segment in marked if segment.marked] == [at_limit]
    assert not marks_of([over]).phrases
    assert not any(segment.marked for segment in highlight_full(SENTENCE, marks_of([over])))


def test_reading_marks_analyses_a_bounded_number_of_words(monkeypatch):
    analysed: list[str] = []
    original = highlight_module.word_term

    def counting(surface):
        analysed.append(surface)
        return original(surface)

    monkeypatch.setattr(highlight_module, "word_term", counting)
    counts = []
    for size in (2_000, 200_000):
        analysed.clear()
        marks = parse_marks(" ".join(["العراق", '"الاتحاد الروسي"'] * size))
        counts.append(len(analysed))
        assert len(marks.words) + len(marks.phrases) <= MAX_MARK_ITEMS
    assert counts[0] == counts[1] <= MAX_MARK_CHARS
