"""Staging of uploads between the upload form and the save: server-side, private, expiring.

The preview must not need the files again, and content a browser sends back
cannot be trusted, so each upload gets a private folder
(``ARCHIVE_UPLOAD_STAGING_DIR``, default ``var/upload-staging``) named by a
random 256-bit token, with a manifest binding it to its user and holding each
document's SHA-256, checked again before saving. Only the token travels
through the browser. Uploads expire after ``ARCHIVE_UPLOAD_STAGING_SECONDS``
(an hour), a user keeps at most ``STAGED_UPLOADS_PER_USER`` of them, and
saving claims the folder with an atomic rename, so a double submit imports
nothing twice. Files are staged here rather than in signed form fields (50 MB
would travel to the browser and back) or the session (it would bloat its table).
Web workers on one machine share the folder; several machines need it on
shared storage.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from archive.ingest import IngestError
from archive.models import Source

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
DEFAULT_STAGING_SECONDS = 60 * 60
DEFAULT_MAX_DOCUMENTS = 200
STAGED_UPLOADS_PER_USER = 5
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
_MANIFEST = "manifest.json"
_CLAIMED = ".claimed-"


def max_upload_bytes() -> int:
    return getattr(settings, "ARCHIVE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def max_documents() -> int:
    return getattr(settings, "ARCHIVE_MAX_UPLOAD_DOCUMENTS", DEFAULT_MAX_DOCUMENTS)


def staging_seconds() -> int:
    return getattr(settings, "ARCHIVE_UPLOAD_STAGING_SECONDS", DEFAULT_STAGING_SECONDS)


def staging_root() -> Path:
    configured = getattr(settings, "ARCHIVE_UPLOAD_STAGING_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "upload-staging"


@dataclass
class Incoming:
    """One document of an upload, before staging: its bytes or why it cannot be read."""

    label: str
    filename: str | None = None
    data: bytes = b""
    pasted: bool = False
    overrides: dict = field(default_factory=dict)
    error: IngestError | None = None


class StagingDamaged(IngestError):
    code = "staging_damaged"

    def __init__(self):
        super().__init__(_("The staged copy of this document is missing or changed: upload again."))


@dataclass
class StagedDocument:
    number: int
    label: str
    filename: str | None = None
    pasted: bool = False
    overrides: dict = field(default_factory=dict)
    size: int = 0
    sha256: str = ""
    error: str = ""


@dataclass
class Staging:
    token: str
    folder: Path
    user_id: int
    created: float
    source_id: int | None
    documents: list[StagedDocument]

    def data(self, document: StagedDocument) -> bytes:
        """The document's bytes, checked against the digest recorded when it was staged."""
        try:
            data = (self.folder / f"{document.number}.bin").read_bytes()
        except OSError:
            raise StagingDamaged() from None
        if hashlib.sha256(data).hexdigest() != document.sha256:
            raise StagingDamaged()
        return data

    def source(self) -> Source | None:
        return Source.objects.filter(pk=self.source_id).first() if self.source_id else None


def staging_create(*, user, documents: list[Incoming], source: Source | None) -> Staging:
    """Store an upload's documents under a new random token, for this user only."""
    root = staging_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    _staging_purge(root, user_id=user.pk)
    token = secrets.token_urlsafe(32)
    folder = root / token
    folder.mkdir(mode=0o700)
    staged = []
    for number, item in enumerate(documents, 1):
        entry = StagedDocument(
            number=number,
            label=item.label,
            filename=item.filename,
            pasted=item.pasted,
            overrides=item.overrides,
            error=str(item.error) if item.error else "",
        )
        if item.error is None:
            _write_private(folder / f"{number}.bin", item.data)
            entry.size, entry.sha256 = len(item.data), hashlib.sha256(item.data).hexdigest()
        staged.append(entry)
    staging = Staging(token, folder, user.pk, time.time(), source.pk if source else None, staged)
    manifest = {
        "user": staging.user_id,
        "created": staging.created,
        "source": staging.source_id,
        "documents": [asdict(document) for document in staged],
    }
    _write_private(folder / _MANIFEST, json.dumps(manifest, ensure_ascii=False).encode())
    return staging


def staging_get(*, token: str, user) -> Staging | None:
    """The user's staged upload, or None if the token is unknown, someone else's, or expired."""
    if not _TOKEN.match(token or ""):
        return None
    return _staging_read(staging_root() / token, user_id=user.pk)


def staging_claim(*, token: str, user) -> Staging | None:
    """Take the staged upload for saving; a second claim of the same token gets None."""
    staging = staging_get(token=token, user=user)
    if staging is None:
        return None
    claimed = staging.folder.with_name(f"{token}{_CLAIMED}{secrets.token_hex(8)}")
    try:
        os.rename(staging.folder, claimed)
    except OSError:
        return None
    staging.folder = claimed
    return staging


def staging_discard(*, staging: Staging) -> None:
    shutil.rmtree(staging.folder, ignore_errors=True)


def _write_private(target: Path, data: bytes) -> None:
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _staging_read(folder: Path, *, user_id: int) -> Staging | None:
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        documents = [StagedDocument(**item) for item in manifest["documents"]]
        staging = Staging(
            folder.name,
            folder,
            int(manifest["user"]),
            float(manifest["created"]),
            manifest.get("source"),
            documents,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if staging.user_id != user_id or time.time() - staging.created > staging_seconds():
        return None
    return staging


def _staging_purge(root: Path, *, user_id: int) -> None:
    """Remove expired uploads and the user's oldest beyond the per-user allowance."""
    now, own = time.time(), []
    for folder in root.iterdir():
        try:
            manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
            created, owner = float(manifest["created"]), manifest["user"]
        except (OSError, ValueError, KeyError, TypeError):
            created, owner = _mtime(folder), None
        if now - created > staging_seconds():
            shutil.rmtree(folder, ignore_errors=True)
        elif owner == user_id and _CLAIMED not in folder.name:
            own.append((created, folder))
    for _created, folder in sorted(own)[: max(0, len(own) - STAGED_UPLOADS_PER_USER + 1)]:
        shutil.rmtree(folder, ignore_errors=True)


def _mtime(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:
        return 0.0
