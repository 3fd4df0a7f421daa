"""The admin's article list as an editor's worklist: review state in words, not icons."""

import re
from pathlib import Path

import pytest

from archive.services.articles import article_ingest
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
CHANGELIST = "/admin/archive/article/"

WORKLIST = ["title_column", "status", "review_state", "source_column", "published_on"]


@pytest.fixture
def seeds():
    return {
        path.name[:3]: article_ingest(raw=path.read_bytes(), filename=path.name).article
        for path in sorted(SEEDS.glob("*.txt"))
    }


@pytest.mark.parametrize(
    ("language", "needed", "done"), [("en", "Needs review", "Reviewed"), ("ar", None, None)]
)
def test_each_row_says_in_words_whether_it_needs_review_and_why(
    client, seeds, language, needed, done
):
    client.force_login(staff_user("muharrir"))
    html = client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    headers = re.findall(r'<th scope="col" class="([^"]+)"', html)
    columns = [re.search(r"column-(\w+)", h).group(1) for h in headers if "column-" in h]
    assert columns[:5] == WORKLIST
    assert "icon-yes.svg" not in html and "icon-no.svg" not in html
    flagged = seeds["000"]
    reviewed = seeds["001"]
    assert flagged.needs_review and not reviewed.needs_review
    states = re.findall(r'<span class="review-state (review-\w+)">([^<]+)</span>', html)
    assert sorted(kind for kind, _ in states) == ["review-done"] + ["review-needed"] * 4
    if needed:
        assert {text for kind, text in states if kind == "review-needed"} == {needed}
        assert {text for kind, text in states if kind == "review-done"} == {done}
    assert html.count('<ul class="review-reasons">') == 4
    assert f'<span lang="ar" dir="rtl">{flagged.title}</span>' in html
