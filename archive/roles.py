"""The editors' role: exactly the permissions the editorial desk needs.

Editors add, edit, review and publish articles and curate entities. They do
not delete articles (unpublishing hides one and loses nothing), nor manage
users or sources' deletion; those stay with superusers.

What each permission is for on the desk: ``add_article`` opens the upload
desk and the add form; ``change_article`` edits, publishes (also straight
from an upload), unpublishes and re-runs extraction; the mention permissions
serve the mentions inline of the article form (a removal is remembered as a
``MentionSuppression``, which editors may see and delete to undo it); the
``view_*`` permissions feed the form's autocompletes.
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
        "mentionsuppression": ["delete", "view"],
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
