"""Writes the PDF fixture of the tests: a corpus article printed to PDF by headless Chromium.

Usage (from the repository root; needs Debian's ``chromium``, as the browser tests do)::

    .venv/bin/python bench/pages/make_pdf.py

Chromium shapes the Arabic (DejaVu Sans) and writes a real text layer, in the
presentation forms and glyph order a browser's "Save as PDF" gives; the test reads
it back with pypdf (``tests/archive/test_ingest_documents.py``). The article is
line 1408 of ``saudinewsnet.jsonl.gz``; its headline, date line and paragraphs are
printed as they are.
"""

import gzip
import json
import subprocess
import tempfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
LINE = 1407  # 0-based: line 1408 of the file
OUT = ROOT / "tests" / "archive" / "pages" / "documents" / "statement.pdf"
STYLE = "body{font-family:'DejaVu Sans';font-size:13pt;line-height:1.6} h1{font-size:20pt}"


def article() -> dict:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number == LINE:
                return json.loads(line)
    raise SystemExit("corpus line not found")


def main() -> None:
    record = article()
    paragraphs = "".join(
        f"<p>{escape(p.strip())}</p>" for p in record["content"].split("\n") if p.strip()
    )
    page = (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<style>{STYLE}</style></head><body><h1>{escape(record['title'])}</h1>"
        f"<p>الثلاثاء، 21 تموز 2015</p>{paragraphs}</body></html>"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "statement.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={OUT}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
