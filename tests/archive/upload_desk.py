"""The upload desk's test helpers: the seed texts, what the importer detects in them, uploads
through the admin's pages."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {path.name[:3]: path for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))}
AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"
# What the importer detects in each seed (title, date, outlet) and a word of its title.
DETECTED = {
    "000": (
        "اجرى مبعوث للرئيس الروسي بوتين في بغداد الثلاثاء مباحثات مع الكاظمي وصالح",
        "2021-11-30",
        "إيلاف",
        "بوغدانوف",
    ),
    "001": (
        "الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء",
        "2021-04-22",
        "العربي الجديد",
        "انفتاح",
    ),
    "002": (
        "فيما وصل الى موسكو الاثنين وزير الخارجية العراقي لترؤس وفد بلاده",
        None,
        "إيلاف",
        "لترؤس",
    ),
    "003": (
        "نقل رئيس الوزراء العراقي مصطفى الكاظمي التحيات وأطيب التمنيات للرئيس الروسي "
        "فلاديمير بوتين",
        "2020-11-25",
        "تاس",
        "التمنيات",
    ),
    "004": (
        "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات والتعاون في كافة المجالات",
        None,
        None,
        "الجعفري",
    ),
}


def upload_url() -> str:
    return reverse("admin:archive_article_upload")


def seed_file(number: str) -> SimpleUploadedFile:
    path = SEEDS[number]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def zip_file(name: str, *members) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member_name, data in members:
            archive.writestr(member_name, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def upload(client, *files, **fields) -> str:
    """Post the upload form; return the preview page's address."""
    data = dict(fields)
    if files:
        data["files"] = list(files)
    response = client.post(upload_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def preview(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def save(client, url, action="draft"):
    return client.post(url, {"action": action})


def statuses(response) -> list[str]:
    return [result.status for result in response.context["results"]]


def search_ids(client, query: str) -> set[int]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return {hit.article.pk for hit in response.context["results"].hits}
