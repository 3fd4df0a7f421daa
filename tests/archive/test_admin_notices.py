"""Admin messages give each count its own plural form."""

import pytest

from archive.admin.notices import reextract_message


@pytest.mark.parametrize(
    ("articles", "mentions", "text"),
    [
        (1, 1, "Extraction re-run on 1 article. 1 mention found."),
        (1, 2, "Extraction re-run on 1 article. 2 mentions found."),
        (3, 0, "Extraction re-run on 3 articles. 0 mentions found."),
    ],
)
def test_reextract_message_pluralizes_articles_and_mentions_apart(articles, mentions, text):
    assert reextract_message(articles=articles, mentions=mentions) == text
