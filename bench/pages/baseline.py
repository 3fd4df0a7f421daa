"""The page set read by trafilatura alone, and by the importer without one of its own rules.

Usage (from the repository root)::

    .venv/bin/python bench/pages/baseline.py

The same five checks as ``evaluate.py``: first on what ``trafilatura.bare_extraction``
returns with its own metadata (title, date, author) and main text; then on the importer
with one of its rules switched off at a time (the dates around the headline, htmldate,
the Arabic chrome and credit rules, the byline marks of the markup). The figures say
which of the importer's own rules earn their place on top of trafilatura.
"""

import datetime
import json
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import PAGES, django_setup, evaluate, page_checks, totals


def trafilatura_alone() -> list[dict]:
    import trafilatura

    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for expected in manifest:
        markup = (PAGES / expected["file"]).read_text(encoding="utf-8")
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
        published = datetime.date.fromisoformat(found.date) if found and found.date else None
        parsed = SimpleNamespace(
            title=(found.title if found else "") or "",
            body=(found.text if found else "") or "",
            published_on=published,
            author=(found.author if found else "") or "",
        )
        rows.append({"file": expected["file"], **page_checks(expected, parsed)})
    return rows


def without(rule: str) -> list[dict]:
    """The importer's figures with one of its own rules switched off."""
    from unittest import mock

    from archive.ingest import chrome, html, maintext

    patches = {
        "dates around the headline": [
            mock.patch.object(html, "AFTER_HEADLINE_LINES", 0),
            mock.patch.object(html, "BEFORE_HEADLINE_LINES", 0),
        ],
        "htmldate": [mock.patch.object(maintext, "markup_date", lambda markup: "")],
        "chrome and credit rules": [
            mock.patch.object(chrome, "is_chrome", lambda line: False),
            mock.patch.object(chrome, "is_end_marker", lambda line: False),
            mock.patch.object(chrome, "credit", lambda line: None),
        ],
        "byline marks in the markup": [
            mock.patch.object(html, "_BYLINE_MARK", __import__("re").compile("(?!)"))
        ],
    }[rule]
    for patch in patches:
        patch.start()
    try:
        return evaluate()
    finally:
        for patch in patches:
            patch.stop()


def report(label: str, rows: list[dict]) -> None:
    summary = totals(rows)
    per_check = ", ".join(f"{c} {n}" for c, n in summary["per_check"].items())
    right = f"{summary['right']:>3}/{summary['checks']} ({summary['share']:.1%})"
    print(f"{label:<44} {right}: {per_check}")


def main() -> None:
    django_setup()
    report("trafilatura alone", trafilatura_alone())
    report("importer", evaluate())
    for rule in ("dates around the headline", "htmldate", "chrome and credit rules",
                 "byline marks in the markup"):  # fmt: skip
        report(f"importer without {rule}", without(rule))


if __name__ == "__main__":
    main()
