"""``manage.py extract_entities``: a dry run editors use to check a file (issue 4, Build 3)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Entity, EntityAlias, EntityCandidate, Mention, Source
from archive.services.entities import authority_file_load
from tests.factories import article_create

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


def row_counts() -> dict:
    models = [Article, Source, Entity, EntityAlias, Mention, EntityCandidate]
    return {model.__name__: model.objects.count() for model in models}


def run(*args) -> str:
    out = StringIO()
    call_command("extract_entities", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_output_gives_title_date_source_and_entities_of_a_seed(seeds_dir):
    [report] = json.loads(run(seeds_dir / "001_acf61db0d40e22a5.txt", "--json"))
    assert report["title"].startswith("الكاظمي يستقبل مسؤولاً روسياً")
    assert report["date"] == "2021-04-22"
    assert report["source"] == "العربي الجديد"
    entities = {e["name"]: e for e in report["entities"]}
    assert entities["برهم صالح"] == {
        "id": Entity.objects.get(name="برهم صالح").pk,
        "kind": "person",
        "name": "برهم صالح",
        "name_en": "Barham Salih",
        "forms": ["برهم صالح", "صالح"],
        "count": 2,
    }
    assert entities["اللجنة العراقية الروسية المشتركة"]["kind"] == "organization"
    people = {c["name"] for c in report["candidates"] if c["kind"] == "person"}
    assert people == {"يوري بوريسوف", "ميخائيل ميشوستين"}


def test_dry_run_over_all_seeds_writes_nothing(seeds_dir):
    before = row_counts()
    reports = json.loads(run(seeds_dir, "--json"))
    assert len(reports) == 5
    assert all("entities" in report for report in reports)
    assert row_counts() == before


def test_human_readable_output_names_each_file_and_entity(seeds_dir):
    output = run(seeds_dir / "004_35b4a7aaf251b579.txt")
    assert "004_35b4a7aaf251b579.txt" in output
    assert "title:  الجعفري يبحث مع لافروف في موسكو" in output
    assert "date:   — not stated" in output
    assert "سيرغي لافروف (Sergey Lavrov) ×5" in output


def test_an_unreadable_file_is_reported_and_the_others_still_run(tmp_path, seeds_dir):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    reports = json.loads(run(empty, seeds_dir / "003_905e0896b3fe0f78.txt", "--json"))
    assert "error" in reports[0]
    assert reports[1]["date"] == "2020-11-25"


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder"):
        run(tmp_path / "nowhere.txt")


def test_reextract_entities_command_refreshes_stored_articles():
    article = article_create(title="تقرير إخباري", body="زار الكاظمي موسكو")
    out = StringIO()
    call_command("reextract_entities", str(article.pk), stdout=out)
    assert "Re-extracted 1 articles: 2 mentions." in out.getvalue()
    assert set(article.mentions.values_list("entity__name", flat=True)) == {
        "مصطفى الكاظمي",
        "موسكو",
    }
