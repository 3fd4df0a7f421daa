from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
CORPORA_DIR = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request (commands, services) in English, as tests assert them.

    Requests still choose their language from the browser (Arabic by default);
    tests of the Arabic interface ask for it explicitly.
    """
    with translation.override("en"):
        yield
