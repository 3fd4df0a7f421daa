"""Create (or update) an editor account from environment variables.

``DJANGO_EDITOR_USERNAME`` and ``DJANGO_EDITOR_PASSWORD`` (and optionally
``DJANGO_EDITOR_EMAIL``); ``--superuser`` makes the account a superuser too.
Idempotent: running it again resets the password and group membership.
The variables are one-off input to this command, read from the environment here,
not settings (the archive app depends on no project package).
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.roles import editors_group_ensure


class Command(BaseCommand):
    help = "Create the first editor from DJANGO_EDITOR_USERNAME / DJANGO_EDITOR_PASSWORD."

    def add_arguments(self, parser):
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args, superuser, **options):
        username = os.environ.get("DJANGO_EDITOR_USERNAME")
        password = os.environ.get("DJANGO_EDITOR_PASSWORD")
        if not username or not password:
            raise CommandError("Set DJANGO_EDITOR_USERNAME and DJANGO_EDITOR_PASSWORD.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        user.email = os.environ.get("DJANGO_EDITOR_EMAIL", user.email or "")
        user.is_staff = True
        user.is_superuser = user.is_superuser or superuser
        user.set_password(password)
        user.save()
        user.groups.add(editors_group_ensure())
        self.stdout.write(f"Editor {username!r} can log in at the admin.")
