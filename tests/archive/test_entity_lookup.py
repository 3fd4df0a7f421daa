"""Cross-script names: one entity whatever script or spelling is typed (issue 4, Build 5)."""

from pathlib import Path

import pytest

from archive.models import Entity
from archive.services.entities import authority_file_load

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


@pytest.mark.parametrize(
    "typed", ["لافروف", "Lavrov", "LAVROV", "Лавров", "سيرجي لافروف", "ولافروف", "Sergey Lavrov"]
)
def test_every_spelling_of_lavrov_finds_the_same_entity(typed):
    assert [e.name for e in Entity.objects.active().matching(typed)] == ["سيرغي لافروف"]


@pytest.mark.parametrize("typed", ["ISIS", "isis", "ИГИЛ", "الدولة الاسلامية", "داعش"])
def test_isis_is_found_by_its_names_in_every_script(typed):
    assert [e.name for e in Entity.objects.matching(typed)] == ["داعش"]


def test_spelling_without_hamza_finds_the_name_written_with_it():
    # The authority file writes الإسلامية; a researcher types الاسلامية.
    assert Entity.objects.matching("تنظيم الدولة الاسلامية").get().name == "داعش"


def test_a_word_that_is_not_a_name_finds_nothing():
    assert not Entity.objects.matching("التهدئة").exists()
    assert not Entity.objects.matching("   ").exists()


def test_a_definite_word_does_not_find_the_bare_name():
    assert not Entity.objects.matching("الصالح").exists()


def test_name_prefix_completes_in_any_script():
    assert "سيرغي لافروف" in {e.name for e in Entity.objects.name_startswith("لافر")}
    assert "سيرغي لافروف" in {e.name for e in Entity.objects.name_startswith("lav")}
    assert "سيرغي لافروف" in {e.name for e in Entity.objects.name_startswith("Лав")}


def test_merged_entities_are_not_active():
    dup = Entity.objects.create(kind="person", name="بوتن")
    dup.merged_into = Entity.objects.get(name="فلاديمير بوتين")
    dup.save()
    assert dup not in Entity.objects.active()
