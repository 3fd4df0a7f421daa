import pytest

from tests.factories import staff_user


@pytest.fixture
def editor():
    return staff_user("muharrir")


@pytest.fixture
def desk(client, editor):
    """The editor's browser, in English so that messages can be compared as written."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    return client
