"""Request bodies over their path's limit are refused (413) before anything stores them.

The oversized bodies are fake streams that count what is read from them, handed to
Django's WSGI handler as a server would: a refused body is not read at all when its
``Content-Length`` says it is too large, and not past the limit when it comes chunked. The
temporary folder for uploads is a test folder that must stay empty.
"""

import io
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from config.body_limits import UPLOAD_FRAMING_BYTES
from tests.languages import english

GIGABYTE = 1024**3
BOUNDARY = "----archive-boundary"


class CountingStream:
    """``size`` bytes of a multipart file part, produced on demand; counts what is read."""

    def __init__(self, size: int):
        self.remaining = size
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        self.remaining -= size
        self.read_bytes += size
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _call(path: str, stream, *, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "198.51.100.9",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "HTTP_COOKIE": "csrftoken=" + "a" * 32,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    response = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(response).decode()
    finally:
        response.close()  # as a WSGI server does: Django's request_finished
    return answer["status"], answer["headers"], body


@pytest.fixture
def temp_dir(tmp_path, settings):
    folder = tmp_path / "uploads-temp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # anything larger would go to this folder
    return folder


@pytest.mark.django_db
def test_an_anonymous_gigabyte_post_to_the_search_page_is_refused_unread(temp_dir):
    stream = CountingStream(GIGABYTE)
    status, headers, body = _call(
        english(reverse("search:search")),
        stream,
        headers={"CONTENT_LENGTH": str(GIGABYTE)},
    )
    assert status == 413
    assert headers["Content-Type"].startswith("text/html")
    assert stream.read_bytes == 0
    assert list(temp_dir.iterdir()) == []
    assert "This request is 1,024.0 MB; the largest accepted here is 64 KB." in body


@pytest.mark.django_db
def test_a_chunked_body_is_refused_once_it_passes_the_limit_and_nothing_is_kept(temp_dir):
    stream = CountingStream(GIGABYTE)
    status, _headers, body = _call(
        reverse("search:search"),
        stream,
        headers={"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True},
    )
    assert status == 413
    assert stream.read_bytes <= 64 * 1024 + 1
    assert list(temp_dir.iterdir()) == []
    assert '<html lang="ar" dir="rtl">' in body  # Arabic first: no Accept-Language
    assert "أكبر من 64 كيلوبايت" in body


@pytest.mark.django_db
def test_a_chunked_body_under_the_limit_reaches_the_view(temp_dir):
    form = "language=en&next=/&csrfmiddlewaretoken=" + "a" * 32
    status, headers, _body = _call(
        reverse("set_language"),
        io.BytesIO(form.encode()),
        headers={
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input_terminated": True,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
        },
    )
    assert status == 302
    assert "django_language=en" in headers.get("Set-Cookie", "")


@pytest.mark.django_db
def test_a_multipart_post_over_the_public_limit_gets_413_in_the_readers_language(client, temp_dir):
    upload = SimpleUploadedFile("كبير.txt", "ن".encode() * 100_000)
    client.cookies["csrftoken"] = "a" * 32
    arabic = client.post(reverse("search:search"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.status_code == 413
    assert "الحد الأقصى المقبول هنا 64 كيلوبايت" in arabic.content.decode()
    assert list(temp_dir.iterdir()) == []


@pytest.mark.django_db
def test_the_admin_upload_view_takes_bodies_up_to_the_upload_limit(admin_client, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 8000
    settings.ADMIN_REQUEST_BODY_MAX_BYTES = 1000  # the admin's other forms
    url = reverse("admin:archive_article_upload")
    text = SimpleUploadedFile("خبر.txt", ("موسكو وبغداد " * 800).encode())  # 18 KB
    # Over the upload limit but within the framing allowance: the form explains the limit.
    response = admin_client.post(url, {"files": [text]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "the limit is 8,000 bytes" in response.content.decode()

    stream = CountingStream(8000 + UPLOAD_FRAMING_BYTES + 1)
    status, _headers, _body = _call(url, stream, headers={"CONTENT_LENGTH": str(stream.remaining)})
    assert status == 413
    assert stream.read_bytes == 0


@pytest.mark.django_db
def test_the_admins_other_forms_have_their_own_limit(client, settings):
    settings.ADMIN_REQUEST_BODY_MAX_BYTES = 4096
    login = reverse("admin:login")
    response = client.post(login, {"username": "muharrir", "password": "ك" * 5000})
    assert response.status_code == 413
    assert client.post(login, {"username": "muharrir", "password": "ك"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("length", ["abc", "-5", "", "1e9"])
def test_a_nonsense_content_length_is_no_500(length):
    status, _headers, _body = _call(
        reverse("search:search"), CountingStream(10), headers={"CONTENT_LENGTH": length}
    )
    assert 400 <= status < 500  # the parser, the CSRF check or the view refuses it
