"""The original files of PDF and Word articles, kept beside the database for a later re-read.

A text or a saved page is kept whole in ``Article.raw_text``; a PDF or Word file is
binary, so its bytes are kept here, named by their SHA-256 (``ab/abcd….pdf`` under
``ARCHIVE_ORIGINALS_DIR``, default ``var/originals``), and the article's
``metadata["original_file"]`` names the file. Two uploads of one file share it; a
file written for an import that then failed is harmless (the next upload of the same
file reuses it).
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

_NAME_SUFFIXES = frozenset({"pdf", "docx"})


def originals_root() -> Path:
    configured = getattr(settings, "ARCHIVE_ORIGINALS_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "originals"


def original_keep(*, data: bytes, fmt: str) -> str:
    """Write ``data`` once (atomically); returns its name relative to the originals folder."""
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest[:2]}/{digest}.{fmt}"
    path = originals_root() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    return name


def original_read(*, name: str) -> bytes | None:
    """The kept bytes, or None when the name is not one of ours or the file is gone."""
    parts = name.split("/")
    if len(parts) != 2 or parts[1].rpartition(".")[2] not in _NAME_SUFFIXES:
        return None
    digest = parts[1].rpartition(".")[0]
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        return None
    try:
        data = (originals_root() / name).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None
