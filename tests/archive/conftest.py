from pathlib import Path

import pytest

from archive.extraction import people_names
from archive.models import Entity
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteers_load
from tests.archive.upload_desk import AUTHORITY
from tests.factories import staff_user

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"


@pytest.fixture
def editor():
    return staff_user("muharrir")


@pytest.fixture
def desk(client, editor):
    """The editor's browser, in English so that messages can be compared as written."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    return client


@pytest.fixture
def staging_dir(settings, tmp_path):
    """The upload desk's staging folder, private to the test."""
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    return tmp_path / "staging"


@pytest.fixture
def authority_loaded():
    """The entity authority file, loaded with the real service."""
    authority_file_load(path=AUTHORITY)


@pytest.fixture(scope="module")
def gazetteers_loaded(django_db_setup, django_db_blocker):
    """The small authority file and the gazetteers, loaded once for a module's tests; the
    counts of the load."""
    with django_db_blocker.unblock():
        authority_file_load(path=SMALL_AUTHORITY)
        counts = gazetteers_load()
    yield counts
    with django_db_blocker.unblock():
        Entity.objects.all().delete()


@pytest.fixture
def people_rules_alone(monkeypatch):
    """Extraction by the people rules alone, with the small authority file: no mined full
    names (``people_names`` has tests of its own; a test that needs them sets its list)."""
    empty = people_names.NameLexicon([])
    monkeypatch.setattr(people_names, "listed_names", lambda: empty)
    authority_file_load(path=SMALL_AUTHORITY)
