"""The test settings' scratch folders: one per process, gone when that process exits."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

SHOW_FOLDERS = """
import json, os, django
django.setup()
from django.conf import settings as s
folders = [s.WHOOSH_INDEX_PATH, str(s.STATIC_ROOT), s.ARCHIVE_UPLOAD_STAGING_DIR]
print(json.dumps({"folders": folders, "exist": [os.path.isdir(f) for f in folders]}))
"""


def test_scratch_folders_exist_while_the_process_runs_and_are_removed_after():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_FOLDERS], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["exist"] == [True, True, True]
    assert len({Path(folder).parent for folder in shown["folders"]}) == 1
    assert not any(Path(folder).exists() for folder in shown["folders"])
    assert not Path(shown["folders"][0]).parent.exists()
