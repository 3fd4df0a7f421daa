"""Why a document could not be imported, in words an editor understands."""

from django.utils.translation import gettext as _


class IngestError(ValueError):
    """A document that cannot become an article; ``str(error)`` is the user-facing message."""

    code = "invalid"


class EmptyDocument(IngestError):
    code = "empty"

    def __init__(self, message: str | None = None):
        super().__init__(message or _("The document is empty: there is no article text in it."))


class BinaryDocument(IngestError):
    code = "binary"

    def __init__(self, kind: str | None = None):
        if kind:
            message = _("This is a binary file (%(kind)s), not text or HTML.") % {"kind": kind}
        else:
            message = _("This is a binary file, not text or HTML.")
        super().__init__(message)


class UndecodableDocument(IngestError):
    code = "undecodable"

    def __init__(self):
        super().__init__(
            _(
                "The text could not be decoded as Arabic: it is not valid UTF-8, UTF-16 or "
                "Windows-1256. Save it as UTF-8 and try again."
            )
        )


class DocumentTooLarge(IngestError):
    code = "too_large"

    def __init__(self, size: int, limit: int):
        super().__init__(
            _("The file is too large (%(size)s bytes; the limit is %(limit)s bytes).")
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )


class UnsupportedType(IngestError):
    code = "unsupported"

    def __init__(self, filename: str):
        super().__init__(
            _("“%(name)s” is not a supported file type: use .txt, .html, .pdf or .docx files.")
            % {"name": filename}
        )


class NotArabic(IngestError):
    code = "not_arabic"

    def __init__(self):
        super().__init__(
            _(
                "This page is not in Arabic: the archive keeps Arabic articles. "
                "Nothing was imported."
            )
        )


class ScannedDocument(IngestError):
    code = "scanned"

    def __init__(self):
        super().__init__(
            _(
                "This PDF has no text layer: it is a scanned image. The archive does not read "
                "text from images; import a PDF with text, or the text itself."
            )
        )


class EncryptedDocument(IngestError):
    code = "encrypted"

    def __init__(self):
        super().__init__(
            _("This PDF is protected by a password: save a copy without protection and try again.")
        )


class CorruptDocument(IngestError):
    code = "corrupt"

    def __init__(self, kind: str):
        super().__init__(_("This %(kind)s file is damaged and cannot be read.") % {"kind": kind})
