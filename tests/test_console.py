"""Setting up and running the archive from a terminal: one language, the README's commands."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from archive.models import Article

ROOT = Path(settings.BASE_DIR)
SEEDS = ROOT / "fixtures" / "seeds"
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _manage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_help_is_english_although_the_site_is_arabic_first():
    assert settings.LANGUAGE_CODE == "ar"
    result = _manage("help", "rebuild_index_fast")
    assert result.returncode == 0, result.stderr
    assert "Clear the search index" in result.stdout
    assert not ARABIC.search(result.stdout)


@pytest.mark.django_db
def test_import_limit_imports_only_the_first_items():
    out = io.StringIO()
    call_command("import_articles", str(SEEDS), "--limit", "2", stdout=out, stderr=io.StringIO())
    assert Article.objects.count() == 2


@pytest.mark.parametrize("value", ["0", "-3", "two", "٣"])
def test_import_limit_must_be_a_whole_number_of_at_least_one(value):
    with pytest.raises(CommandError, match="--limit"):
        call_command("import_articles", str(SEEDS), "--limit", value, stderr=io.StringIO())


def test_the_start_up_banner_and_the_readme_agree_on_the_port_and_the_login():
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    banner = result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8123/" in banner
    assert "runserver 127.0.0.1:8123" in banner
    assert "create_editor" in banner and "create_editor" in readme
    assert "createsuperuser" not in banner and "createsuperuser" not in readme
    assert "PORT=8080 make run" in readme


@pytest.mark.slow
def test_make_index_builds_a_missing_index_once_then_leaves_it(tmp_path):
    """`make run` indexes only when the index is missing or out of step (check_index)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}",
        "DJANGO_WHOOSH_INDEX": str(tmp_path / "index"),
    }

    def make_index() -> str:
        result = subprocess.run(
            ["make", "--no-print-directory", "index"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    for command in (["migrate", "--noinput", "-v", "0"], ["load_fixtures"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    shutil.rmtree(tmp_path / "index", ignore_errors=True)  # as on a fresh clone
    first = make_index()
    second = make_index()
    assert "building it" in first
    assert "Indexed 5 articles" in first
    assert "matches the database" in second
    assert "building it" not in second
