"""Request bodies refused before they are stored: a size limit per path, ``413`` past it.

Django parses a body the first time something reads ``request.POST`` or ``FILES`` (the
CSRF check does, for every POST), and writes uploaded files to the temporary folder as it
goes: a body of any size would land on disk before a form could refuse it. This middleware
comes before all of that:

* a declared ``Content-Length`` over the path's limit is refused without reading a byte;
* a chunked body (no ``Content-Length``; Django alone would read none of it) is read up to
  the limit into memory (a temporary file past ``FILE_UPLOAD_MAX_MEMORY_SIZE``), refused and
  thrown away as soon as it passes the limit, otherwise handed on with its length.

Limits (bytes): ``REQUEST_BODY_MAX_BYTES`` for public pages (their only form is the
language switch: tiny), ``ADMIN_REQUEST_BODY_MAX_BYTES`` for the admin's forms, and
``ARCHIVE_MAX_UPLOAD_BYTES`` plus room for the multipart framing for the admin's upload view.
"""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config.locale import request_language

DEFAULT_PUBLIC_MAX_BYTES = 64 * 1024
DEFAULT_ADMIN_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
# Multipart boundaries, part headers and the form's other fields around the uploaded bytes.
UPLOAD_FRAMING_BYTES = 1024 * 1024
_READ_CHUNK = 64 * 1024


def _reversed(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def body_limit(path: str) -> int:
    """The largest body accepted for a request to ``path``."""
    admin_root = _reversed("admin:index")
    if admin_root and path.startswith(admin_root):
        if path == _reversed("admin:archive_article_upload"):
            upload = getattr(settings, "ARCHIVE_MAX_UPLOAD_BYTES", DEFAULT_UPLOAD_MAX_BYTES)
            return int(upload) + UPLOAD_FRAMING_BYTES
        return int(getattr(settings, "ADMIN_REQUEST_BODY_MAX_BYTES", DEFAULT_ADMIN_MAX_BYTES))
    return int(getattr(settings, "REQUEST_BODY_MAX_BYTES", DEFAULT_PUBLIC_MAX_BYTES))


def _declared_length(meta) -> int | None:
    try:
        return int(meta.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _chunked(meta) -> bool:
    # Only where the server ends the stream with the body (gunicorn does): reading past a
    # body's end would otherwise wait for bytes that never come.
    encoding = meta.get("HTTP_TRANSFER_ENCODING", "").lower()
    return "chunked" in encoding and bool(meta.get("wsgi.input_terminated"))


def read_bounded(stream, limit: int):
    """The stream's bytes in a spooled file, or ``None`` (nothing kept) once past ``limit``."""
    spool = tempfile.SpooledTemporaryFile(
        max_size=int(getattr(settings, "FILE_UPLOAD_MAX_MEMORY_SIZE", 2621440)),
        dir=getattr(settings, "FILE_UPLOAD_TEMP_DIR", None),
    )
    size = 0
    while chunk := stream.read(min(_READ_CHUNK, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            spool.close()
            return None
        spool.write(chunk)
    spool.seek(0)
    return spool


class RequestBodyLimitMiddleware:
    """Refuses a body over its path's limit before anything reads it (first in the stack)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = _declared_length(request.META)
        if declared:
            limit = body_limit(request.path)
            if declared > limit:
                return request_too_large(request, limit)
        elif declared is None and _chunked(request.META):
            limit = body_limit(request.path)
            spool = read_bounded(request.META["wsgi.input"], limit)
            if spool is None:
                return request_too_large(request, limit)
            with spool:
                size = spool.seek(0, 2)
                spool.seek(0)
                request.META["CONTENT_LENGTH"] = str(size)
                request._stream = LimitedStream(spool, size)
                return self.get_response(request)
        return self.get_response(request)


def request_too_large(request, limit: int) -> HttpResponse:
    """``413`` with the limit, in the reader's language (LocaleMiddleware has not run yet)."""
    declared = _declared_length(request.META)
    with translation.override(request_language(request)):
        if declared:
            message = _(
                "This request is %(size)s; the largest accepted here is %(limit)s. "
                "Nothing of it was kept."
            ) % {"size": _megabytes(declared), "limit": _megabytes(limit)}
        else:
            message = _(
                "This request is larger than %(limit)s, the largest accepted here. "
                "Nothing of it was kept."
            ) % {"limit": _megabytes(limit)}
        html = render_to_string("413.html", {"title": _("Request too large"), "message": message})
    return HttpResponse(html, status=413)


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": f"{max(1, round(size / 1024)):,}"}
    return _("%(size)s MB") % {"size": f"{size / (1024 * 1024):,.1f}"}
