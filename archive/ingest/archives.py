"""Zip archives of articles, read in memory and refused when they could harm the server.

Nothing is ever extracted to disk: each entry's bytes are read into memory and
handed to the importer, so no entry name can write anywhere. Names are still
checked (absolute paths, ``..``, symlinks), because an archive carrying them was
crafted and its names are shown to editors. A zip bomb is refused from the sizes
the archive declares, before anything is inflated, and again while reading by
counting the bytes actually produced, so a lying header gains nothing. Archives
inside archives are not opened.
"""

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from archive.ingest.document import (
    HTML_EXTENSIONS,
    OFFICE_EXTENSIONS,
    TEXT_EXTENSIONS,
    max_file_bytes,
)
from archive.ingest.errors import DocumentTooLarge, IngestError, UnsupportedType

DEFAULT_MAX_ENTRIES = 1000
# Arabic text compresses about 4:1 and HTML about 10:1; 100:1 is only reached by padding.
DEFAULT_MAX_RATIO = 100
# A small entry may compress extremely well (a file of blank lines) without any danger.
RATIO_FLOOR_BYTES = 256 * 1024
READ_CHUNK = 64 * 1024
ARCHIVE_SUFFIXES = frozenset({".zip", ".gz", ".tgz", ".tar", ".rar", ".7z", ".bz2", ".xz"})
DOCUMENT_SUFFIXES = TEXT_EXTENSIONS | HTML_EXTENSIONS | frozenset(OFFICE_EXTENSIONS)
# Metadata that archiving tools add beside the files: not documents, silently left out.
_TOOL_LITTER = re.compile(r"(^|/)(__MACOSX/|\._[^/]*$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")
_DRIVE = re.compile(r"^[A-Za-z]:")
_UTF8_NAME_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


class ArchiveRefused(IngestError):
    """The whole archive is refused (damaged, too many entries, or it would expand too much)."""

    code = "archive_refused"


class UnsafeEntry(IngestError):
    """An entry whose name or kind could reach outside the upload (``../``, ``/etc``, a link)."""

    code = "unsafe_entry"


class ArchiveEntryError(IngestError):
    """One entry cannot be read (damaged, encrypted); the others still are."""

    code = "archive_entry"


class NestedArchive(IngestError):
    code = "nested_archive"

    def __init__(self, name: str):
        super().__init__(
            _(
                "“%(name)s” is an archive inside the archive; it is not opened. "
                "Upload it on its own."
            )
            % {"name": name}
        )


@dataclass(frozen=True)
class ArchiveEntry:
    """One file of the archive: its bytes, or why it was not read."""

    name: str
    data: bytes = b""
    error: IngestError | None = None


@dataclass(frozen=True)
class ZipLimits:
    entries: int
    entry_bytes: int
    total_bytes: int
    ratio: int

    @classmethod
    def from_settings(cls, *, total_bytes: int | None = None) -> "ZipLimits":
        return cls(
            entries=getattr(settings, "ARCHIVE_MAX_ZIP_ENTRIES", DEFAULT_MAX_ENTRIES),
            entry_bytes=max_file_bytes(),
            total_bytes=total_bytes if total_bytes is not None else _max_upload_bytes(),
            ratio=getattr(settings, "ARCHIVE_MAX_ZIP_RATIO", DEFAULT_MAX_RATIO),
        )


def _max_upload_bytes() -> int:
    return getattr(settings, "ARCHIVE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)


def zip_entries(source: bytes | BinaryIO, *, limits: ZipLimits | None = None) -> list[ArchiveEntry]:
    """The documents inside a zip archive, each with its bytes or the reason it was refused.

    Raises ``ArchiveRefused`` when the archive as a whole cannot be read safely;
    otherwise a bad entry never stops the others.
    """
    limits = limits or ZipLimits.from_settings()
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = [info for info in archive.infolist() if not _skipped(info)]
            _check_declared(infos, limits)
            return _read_all(archive, infos, limits)
    except IngestError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        # A damaged directory shows up as any of these (ValueError: an impossible offset).
        raise ArchiveRefused(
            _("The archive is damaged or not a zip file: %(error)s") % {"error": error}
        ) from None


def _skipped(info: zipfile.ZipInfo) -> bool:
    return info.is_dir() or bool(_TOOL_LITTER.search(info.filename.replace("\\", "/")))


def _check_declared(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.entries:
        raise ArchiveRefused(
            _("The archive holds %(count)s files; at most %(limit)s are accepted at once.")
            % {"count": f"{len(infos):,}", "limit": f"{limits.entries:,}"}
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.total_bytes:
        raise _expands_too_much(declared, limits.total_bytes)


def _expands_too_much(size: int, limit: int) -> ArchiveRefused:
    return ArchiveRefused(
        _(
            "The archive would expand to %(size)s bytes; the limit for one upload is "
            "%(limit)s bytes. Nothing in it was imported."
        )
        % {"size": f"{size:,}", "limit": f"{limit:,}"}
    )


def _read_all(archive: zipfile.ZipFile, infos, limits: ZipLimits) -> list[ArchiveEntry]:
    entries, total = [], 0
    for info in infos:
        name = entry_name(info)
        error = _entry_refusal(info, name, limits)
        if error is not None:
            entries.append(ArchiveEntry(name=name, error=error))
            continue
        try:
            data = _read_counted(archive, info, limits, budget=limits.total_bytes - total)
        except IngestError as refused:
            if isinstance(refused, ArchiveRefused):
                raise
            entries.append(ArchiveEntry(name=name, error=refused))
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as damaged:
            entries.append(ArchiveEntry(name=name, error=_damaged(name, damaged)))
            continue
        total += len(data)
        entries.append(ArchiveEntry(name=name, data=data))
    return entries


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it (UTF-8 names from tools that do not flag them)."""
    name = info.filename
    if not info.flag_bits & _UTF8_NAME_FLAG:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass  # a true DOS code page name: shown as the zip module read it
    return name


def unsafe_name(name: str) -> bool:
    """Whether a path inside an archive could point outside the folder it is unpacked into."""
    path = name.replace("\\", "/")
    if "\x00" in path or path.startswith("/") or _DRIVE.match(path):
        return True
    return ".." in path.split("/")


def _entry_refusal(info: zipfile.ZipInfo, name: str, limits: ZipLimits) -> IngestError | None:
    if unsafe_name(name):
        return UnsafeEntry(
            _("“%(name)s” points outside the archive (an absolute path or “..”); refused.")
            % {"name": name}
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        return UnsafeEntry(_("“%(name)s” is a symbolic link; refused.") % {"name": name})
    if info.flag_bits & _ENCRYPTED_FLAG:
        return ArchiveEntryError(
            _("“%(name)s” is encrypted; upload it without a password.") % {"name": name}
        )
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return NestedArchive(name)
    if suffix not in DOCUMENT_SUFFIXES:
        return UnsupportedType(name)
    if info.file_size > limits.entry_bytes:
        return DocumentTooLarge(info.file_size, limits.entry_bytes)
    if _ratio_too_high(info.file_size, info.compress_size, limits):
        return _bomb(name, limits)
    return None


def _ratio_too_high(size: int, compressed: int, limits: ZipLimits) -> bool:
    return size > RATIO_FLOOR_BYTES and size > limits.ratio * max(compressed, 1)


def _bomb(name: str, limits: ZipLimits) -> UnsafeEntry:
    return UnsafeEntry(
        _(
            "“%(name)s” is compressed more than %(ratio)s times, as zip bombs are; refused "
            "without unpacking it."
        )
        % {"name": name, "ratio": limits.ratio}
    )


def _read_counted(archive, info: zipfile.ZipInfo, limits: ZipLimits, *, budget: int) -> bytes:
    """Inflate one entry, stopping as soon as it produces more than it may."""
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(READ_CHUNK):
            size += len(chunk)
            if size > budget:
                raise _expands_too_much(size, limits.total_bytes)
            if size > limits.entry_bytes:
                raise DocumentTooLarge(size, limits.entry_bytes)
            if _ratio_too_high(size, info.compress_size, limits):
                raise _bomb(entry_name(info), limits)
            chunks.append(chunk)
    return b"".join(chunks)


def _damaged(name: str, error: Exception) -> ArchiveEntryError:
    return ArchiveEntryError(
        _("“%(name)s” is damaged in the archive and cannot be read (%(error)s).")
        % {"name": name, "error": error}
    )
