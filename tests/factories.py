"""Small factories for tests: real Arabic from the seeds, never Latin stand-ins."""

import hashlib
import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from archive.models import Article, Entity, EntityAlias, Source
from archive.roles import EDITORS_GROUP

_counter = itertools.count(1)


def source_create(*, name="إيلاف", name_en="Elaph", aliases=None) -> Source:
    source, _ = Source.objects.get_or_create(
        name=name, defaults={"name_en": name_en, "aliases": aliases or []}
    )
    return source


def article_create(
    *,
    title="الكاظمي يستقبل مسؤولاً روسياً",
    body="أكد رئيس الوزراء العراقي مصطفى الكاظمي أن بلاده تختط سياسة للانفتاح.",
    published_on=date(2021, 4, 22),
    source=None,
    status=Article.Status.PUBLISHED,
    **extra,
) -> Article:
    n = next(_counter)
    return Article.objects.create(
        title=title,
        body=body,
        published_on=published_on,
        source=source,
        status=status,
        content_hash=hashlib.sha256(f"{body}-{n}".encode()).hexdigest(),
        **extra,
    )


def entity_create(
    *,
    kind=Entity.Kind.PERSON,
    name="سيرغي لافروف",
    name_en="Sergey Lavrov",
    name_ru="Сергей Лавров",
    aliases=(),
) -> Entity:
    entity = Entity.objects.create(kind=kind, name=name, name_en=name_en, name_ru=name_ru)
    for alias in aliases:
        EntityAlias.objects.create(entity=entity, name=alias)
    return entity


def staff_user(username: str, *, group: str | None = EDITORS_GROUP, perms=()):
    """A staff account, in the Editors group unless told otherwise."""
    user = get_user_model().objects.create_user(username, password="كلمة-سر-طويلة-2021")
    user.is_staff = True
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user
