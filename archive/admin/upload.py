"""The editors' upload desk: paste text or upload files, preview, then save as draft or publish.

The upload form gathers documents (pasted text, files, the files of zip
archives) and stages them on the server (``upload_staging``: why and how);
the preview parses each one with the importer and runs entity extraction
without writing anything; "Save as draft" or "Publish" then imports every
staged document through ``article_ingest`` (the command line's service), each
in its own transaction, and reports per document (``upload_documents``).
Uploading requires ``archive.add_article``; publishing also requires
``archive.change_article``, the permission the changelist's publish action
needs. Every article created leaves an admin history entry.
"""

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from archive.admin.upload_documents import (
    DocumentResult,
    document_import,
    documents_collect,
    staging_preview,
)
from archive.admin.upload_staging import (
    StagedDocument,
    Staging,
    max_upload_bytes,
    staging_claim,
    staging_create,
    staging_discard,
    staging_get,
)
from archive.ingest import IngestError, UnsupportedType
from archive.ingest.archives import DOCUMENT_SUFFIXES
from archive.ingest.document import OFFICE_EXTENSIONS, max_file_bytes
from archive.models import Source
from archive.services.reparse import article_reparse

# --- the form ----------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Any number of files; each is judged on its own later, so one bad file blocks nothing."""

    widget = MultipleFileInput

    def to_python(self, data):
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if item]


class UploadForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto", "class": "vLargeTextField"}),
        help_text=gettext_lazy("Raw scraped text or the HTML of a page, as it is."),
    )
    filename = forms.CharField(
        label=gettext_lazy("File name"),
        required=False,
        max_length=255,
        help_text=gettext_lazy(
            "Optional: where the text came from; a name ending in .html is read as a web page."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Optional: the headline, when you know it better than the text."),
    )
    url = forms.URLField(
        label=gettext_lazy("Original URL"), required=False, max_length=1000, assume_scheme="https"
    )
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        help_text=gettext_lazy(".txt, .html, .pdf and .docx files, or .zip archives of them."),
    )
    source = forms.ModelChoiceField(
        label=gettext_lazy("Source"),
        queryset=Source.objects.all(),
        required=False,
        help_text=gettext_lazy(
            "Optional: the outlet of every document of this upload (otherwise it is detected)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django refuses a request with more files than this (400) before any view runs.
        most = getattr(settings, "DATA_UPLOAD_MAX_NUMBER_FILES", 100)
        if most:
            self.fields["files"].help_text = _(
                ".txt, .html, .pdf and .docx files, or .zip archives of them; at most %(n)s files "
                "at once (put more in a .zip)."
            ) % {"n": most}

    def clean_filename(self):
        name = PurePosixPath(self.cleaned_data["filename"].replace("\\", "/").strip()).name
        suffix = PurePosixPath(name).suffix.lower()
        if suffix and suffix not in DOCUMENT_SUFFIXES:
            raise forms.ValidationError(str(UnsupportedType(name)))
        if suffix in OFFICE_EXTENSIONS:
            raise forms.ValidationError(
                _("A pasted text cannot be a PDF or Word file: choose the file under Files.")
            )
        return name

    def clean(self):
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        if not has_text and not cleaned.get("files") and not self.errors:
            raise forms.ValidationError(_("Paste a text or choose files to upload."))
        text_only = [cleaned.get(name) for name in ("filename", "title", "url")]
        if not has_text and any(text_only):
            raise forms.ValidationError(
                _("The file name, title and URL describe a pasted text: paste the text too.")
            )
        received = sum(upload.size for upload in cleaned.get("files") or [])
        received += len(cleaned.get("text", "").encode("utf-8", "surrogatepass"))
        if received > max_upload_bytes():
            raise forms.ValidationError(
                _(
                    "This upload is %(size)s bytes; the limit is %(limit)s bytes. "
                    "Upload the files in several parts."
                )
                % {"size": f"{received:,}", "limit": f"{max_upload_bytes():,}"}
            )
        return cleaned


# --- the admin views -------------------------------------------------------------------


class ArticleUploadAdminMixin:
    """Adds the upload desk to the article admin (``admin:archive_article_upload``)."""

    upload_template = "admin/archive/article/upload.html"
    upload_preview_template = "admin/archive/article/upload_preview.html"
    upload_results_template = "admin/archive/article/upload_results.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="{}_{}_upload".format(*info)),
            path(
                "upload/<slug:token>/",
                wrap(self.upload_preview_view),
                name="{}_{}_upload_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            actions["reparse_selected"] = self.get_action("reparse_selected")
        return actions

    @admin.action(description=gettext_lazy("Read the kept original of the selected articles again"))
    def reparse_selected(self, request, queryset):
        """The importer's current reading of each original; an editor's corrections stay."""
        changed = refused = 0
        for article in queryset:
            try:
                fields = article_reparse(article=article, user=request.user)
            except IngestError as error:
                refused += 1
                messages.warning(request, f"{article.title}: {error}")
                continue
            if fields:
                changed += 1
                self.log_change(request, article, [{"changed": {"fields": fields}}])
        text = ngettext(
            "Read again: %(n)d article changed.", "Read again: %(n)d articles changed.", changed
        ) % {"n": changed}
        messages.add_message(request, messages.WARNING if refused else messages.SUCCESS, text)

    def has_publish_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def _upload_context(self, request, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "has_view_permission": self.has_view_permission(request),
            "can_publish": self.has_publish_permission(request),
            **extra,
        }

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
        if posted and form.is_valid():
            documents = documents_collect(cleaned=form.cleaned_data)
            staging = staging_create(
                user=request.user, documents=documents, source=form.cleaned_data["source"]
            )
            return redirect(self._admin_url("upload_preview", staging.token))
        context = self._upload_context(
            request,
            title=_("Add articles from text or files"),
            form=form,
            max_file_bytes=max_file_bytes(),
            max_upload_bytes=max_upload_bytes(),
        )
        return TemplateResponse(request, self.upload_template, context)

    def upload_preview_view(self, request, token):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._upload_save(request, token)
        staging = staging_get(token=token, user=request.user)
        if staging is None:
            return self._upload_gone(request)
        previews = staging_preview(staging=staging)
        context = self._upload_context(
            request,
            title=_("Check what the importer found"),
            token=token,
            previews=previews,
            ready=sum(1 for preview in previews if preview.ready),
            source=staging.source(),
        )
        return TemplateResponse(request, self.upload_preview_template, context)

    def _admin_url(self, name: str, *args) -> str:
        info = self.opts.app_label, self.opts.model_name
        return reverse(f"{self.admin_site.name}:{info[0]}_{info[1]}_{name}", args=args)

    def _upload_gone(self, request):
        messages.error(
            request,
            _("This upload has expired or was already saved. Upload the documents again."),
        )
        return redirect(self._admin_url("upload"))

    def _upload_save(self, request, token):
        action = request.POST.get("action")
        if action == "cancel":
            staging = staging_claim(token=token, user=request.user)
            if staging is not None:
                staging_discard(staging=staging)
            messages.info(request, _("The upload was discarded; nothing was saved."))
            return redirect(self._admin_url("upload"))
        if action not in ("draft", "publish"):
            return redirect(self._admin_url("upload_preview", token))
        publish = action == "publish"
        if publish and not self.has_publish_permission(request):
            raise PermissionDenied
        staging = staging_claim(token=token, user=request.user)
        if staging is None:
            return self._upload_gone(request)
        try:
            results = self._upload_import(request, staging, publish)
        finally:
            staging_discard(staging=staging)
        self._upload_summary(request, results)
        context = self._upload_context(
            request, title=_("Upload results"), results=results, published=publish
        )
        return TemplateResponse(request, self.upload_results_template, context)

    def _upload_import(self, request, staging: Staging, publish: bool) -> list[DocumentResult]:
        source, results = staging.source(), []
        for document in staging.documents:
            result = document_import(
                staging=staging,
                document=document,
                source=source,
                publish=publish,
                user=request.user,
            )
            if result.article is not None:
                self.log_addition(request, result.article, _upload_log_message(document, publish))
            results.append(result)
        return results

    def _upload_summary(self, request, results: list[DocumentResult]) -> None:
        counts = {status: 0 for status in ("created", "duplicate", "error")}
        for result in results:
            counts[result.status] += 1
        level = messages.SUCCESS if counts["created"] else messages.WARNING
        text = _("Saved: %(created)d. Duplicates: %(duplicate)d. Errors: %(error)d.") % counts
        messages.add_message(request, level, text)


def _upload_log_message(document: StagedDocument, publish: bool) -> str:
    if publish:
        return _("Added and published from the upload desk (%(name)s).") % {"name": document.label}
    return _("Added as a draft from the upload desk (%(name)s).") % {"name": document.label}
