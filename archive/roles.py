"""The editors' role: exactly the permissions the editorial desk needs.

Editors add, edit, review and publish articles and curate entities. They do
not delete articles (unpublishing hides one and loses nothing), nor manage
users or sources' deletion; those stay with superusers.
"""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Editors"

EDITOR_PERMISSIONS = {
    "archive": {
        "article": ["add", "change", "view"],
        "source": ["add", "change", "view"],
        "entity": ["add", "change", "view"],
        "entityalias": ["add", "change", "delete", "view"],
        "mention": ["add", "change", "delete", "view"],
        "entitycandidate": ["change", "view"],
    },
    "search": {"indextask": ["view"]},
}


def editor_permissions() -> list[Permission]:
    wanted = []
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            wanted += [(app_label, f"{action}_{model}") for action in actions]
    permissions = Permission.objects.filter(
        content_type__app_label__in=EDITOR_PERMISSIONS, codename__in=[c for _, c in wanted]
    ).select_related("content_type")
    return [p for p in permissions if (p.content_type.app_label, p.codename) in set(wanted)]


def editors_group_ensure() -> Group:
    """Create or repair the Editors group so it has exactly the editor permissions."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group
