import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from archive.roles import EDITOR_PERMISSIONS, EDITORS_GROUP

pytestmark = pytest.mark.django_db


def _codenames(group):
    return set(group.permissions.values_list("codename", flat=True))


def test_editors_group_exists_after_migrate_and_can_publish_but_not_delete_articles():
    group = Group.objects.get(name=EDITORS_GROUP)
    codenames = _codenames(group)
    assert {"add_article", "change_article", "view_article"} <= codenames
    assert "delete_article" not in codenames
    assert not any(c.endswith("_user") or c.endswith("_group") for c in codenames)


def test_create_editor_makes_a_staff_member_of_the_editors_group(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_USERNAME", "muharrir")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "نص-سري-طويل-2021")
    call_command("create_editor")
    user = get_user_model().objects.get(username="muharrir")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("نص-سري-طويل-2021")
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    assert user.has_perm("archive.change_article")
    assert not user.has_perm("archive.delete_article")


def test_create_editor_twice_updates_the_same_account(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_USERNAME", "muharrir")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "first-long-password-1")
    call_command("create_editor")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "second-long-password-2")
    call_command("create_editor")
    users = get_user_model().objects.filter(username="muharrir")
    assert users.count() == 1
    assert users.get().check_password("second-long-password-2")


def test_create_editor_without_variables_explains_what_to_set(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_EDITOR_USERNAME"):
        call_command("create_editor")


def test_create_editor_rejects_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_USERNAME", "muharrir")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_editor")
    assert not get_user_model().objects.filter(username="muharrir").exists()


def test_editors_group_has_exactly_the_declared_permissions():
    declared = {
        f"{action}_{model}"
        for models in EDITOR_PERMISSIONS.values()
        for model, actions in models.items()
        for action in actions
    }
    assert _codenames(Group.objects.get(name=EDITORS_GROUP)) == declared


def _editor_client(client):
    user = get_user_model().objects.create_user("muharrir", password="نص-سري-طويل-2021")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client


def test_editor_reaches_the_upload_desk_and_may_publish_from_it(client):
    editor = _editor_client(client)

    assert editor.get(reverse("admin:archive_article_upload")).status_code == 200
    assert editor.get(reverse("admin:archive_article_add")).status_code == 200


def test_editor_sees_removed_mentions_and_may_undo_one_but_not_invent_one(client):
    editor = _editor_client(client)
    changelist = reverse("admin:archive_mentionsuppression_changelist")

    assert editor.get(changelist).status_code == 200
    user = get_user_model().objects.get(username="muharrir")
    assert user.has_perm("archive.delete_mentionsuppression")
    assert not user.has_perm("archive.add_mentionsuppression")


def test_editor_cannot_delete_articles_from_the_list(client):
    editor = _editor_client(client)
    response = editor.get(reverse("admin:archive_article_changelist"))

    actions = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert "publish_selected" in actions
    assert "delete_selected" not in actions
