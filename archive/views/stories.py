"""Two versions of a story side by side: what each outlet added, cut or changed, word by word.

The words of both texts are compared with :mod:`difflib` on their folded forms
(``arabic_text.fold``: diacritics, tatweel and hamza seats do not count as changes); each
side keeps its own spelling. The earlier version's column marks what the later one cut
(``<del>``), the later one's what it added (``<ins>``); a replaced run is marked on both
sides as changed. Paragraphs are kept.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby

from django.shortcuts import get_object_or_404, render

from arabic_text import fold
from archive.selectors import STORY_ORDER
from archive.views.articles import visible_articles

# Words compared per version: difflib's time grows faster than the texts' length.
MAX_DIFF_WORDS = 6000
SAME, ADDED, CUT = "same", "added", "cut"
# A run one version replaced: the earlier side's words (``<del>``), the later side's (``<ins>``).
REPLACED, REPLACEMENT = "replaced", "replacement"
CHANGED = "changed"


@dataclass
class Segment:
    text: str
    kind: str = SAME


@dataclass
class Column:
    """One version as paragraphs of segments, and how many of its words are marked."""

    title: list[Segment]
    paragraphs: list[list[Segment]]
    marked: int = 0
    truncated: bool = False
    counts: dict[str, int] = field(default_factory=dict)


def _words(paragraphs: list[str]) -> list[tuple[int, str]]:
    """``(paragraph number, word)`` of every word."""
    return [(number, word) for number, text in enumerate(paragraphs) for word in text.split()]


def _kinds(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """The kind of each word of ``a`` (same, cut, replaced) and of ``b`` (same, added,
    replacement), from the opcodes of their folded forms."""
    matcher = SequenceMatcher(None, [fold(w) for w in a], [fold(w) for w in b], autojunk=False)
    kinds_a, kinds_b = [SAME] * len(a), [SAME] * len(b)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind_a, kind_b = (REPLACED, REPLACEMENT) if tag == "replace" else (CUT, ADDED)
        kinds_a[a1:a2] = [kind_a] * (a2 - a1)
        kinds_b[b1:b2] = [kind_b] * (b2 - b1)
    return kinds_a, kinds_b


def _segments(words: list[str], kinds: list[str]) -> list[Segment]:
    """Runs of words of one kind as segments."""
    segments = []
    pairs = zip(words, kinds, strict=True)
    for kind, run in groupby(pairs, key=lambda pair: pair[1]):
        segments.append(Segment(" ".join(word for word, _kind in run), kind))
    return segments


def _paragraphs(numbered: list[tuple[int, str]], kinds: list[str]) -> list[list[Segment]]:
    paragraphs = []
    rows = zip(numbered, kinds, strict=True)
    for _number, run in groupby(rows, key=lambda row: row[0][0]):
        run = list(run)
        paragraphs.append(_segments([word for (_n, word), _k in run], [k for _w, k in run]))
    return paragraphs


def _counts(kinds: list[str]) -> dict[str, int]:
    """Marked words per kind: added, cut, changed (replaced on either side)."""
    counts = {ADDED: kinds.count(ADDED), CUT: kinds.count(CUT)}
    counts[CHANGED] = kinds.count(REPLACED) + kinds.count(REPLACEMENT)
    return {kind: count for kind, count in counts.items() if count}


def versions_compare(earlier, later) -> tuple[Column, Column]:
    """The two versions' columns, title and body compared separately."""
    title_a, title_b = earlier.title.split(), later.title.split()
    title_kinds = _kinds(title_a, title_b)
    body_a, body_b = _words(earlier.paragraphs()), _words(later.paragraphs())
    cut_a, cut_b = body_a[:MAX_DIFF_WORDS], body_b[:MAX_DIFF_WORDS]
    kinds_a, kinds_b = _kinds([w for _n, w in cut_a], [w for _n, w in cut_b])
    columns = []
    for title, kinds_t, body, cut, kinds in (
        (title_a, title_kinds[0], body_a, cut_a, kinds_a),
        (title_b, title_kinds[1], body_b, cut_b, kinds_b),
    ):
        columns.append(
            Column(
                title=_segments(title, kinds_t),
                paragraphs=_paragraphs(cut, kinds),
                marked=sum(kind != SAME for kind in kinds),
                truncated=len(body) > len(cut),
                counts=_counts(kinds),
            )
        )
    return columns[0], columns[1]


def story_compare(request, pk, other):
    """Two versions side by side, the earlier one first (on the right in Arabic)."""
    visible = visible_articles(request.user).select_related("source")
    pair = [get_object_or_404(visible, pk=pk), get_object_or_404(visible, pk=other)]
    ordered = visible.filter(pk__in=[pk, other]).order_by(*STORY_ORDER).values_list("pk", flat=True)
    order = {article_id: number for number, article_id in enumerate(ordered)}
    earlier, later = sorted(pair, key=lambda article: order[article.pk])
    column_a, column_b = versions_compare(earlier, later)
    context = {
        "article": pair[0],
        "earlier": earlier,
        "later": later,
        "earlier_column": column_a,
        "later_column": column_b,
        "same_article": pk == other,
        "max_words": MAX_DIFF_WORDS,
    }
    return render(request, "archive/story_compare.html", context)
