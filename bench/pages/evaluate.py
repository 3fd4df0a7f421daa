"""``make page-quality``: the importer on the saved pages of ``tests/archive/pages/``.

Usage (from the repository root)::

    .venv/bin/python bench/pages/evaluate.py [--pages DIR] [--json] [--misses]

Each page of the manifest goes through ``parse_document`` as an uploaded ``.html`` file;
five checks per page, compared after folding (``arabic_text.fold``) and without
punctuation:

* headline: the stored title is the page's headline;
* date: the publication date is the page's;
* start: the stored body starts with the article's first sentence (no chrome before it);
* end: the body ends with the article's last sentence (no chrome after it);
* byline: the stored author is the page's byline (no author when the page names none).

Prints one line per page (``+`` right, ``-`` wrong) and the totals, overall and per check;
``--misses`` also prints what was found where a check failed. No database is used.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "archive" / "pages"
CHECKS = ("headline", "date", "start", "end", "byline")
_NOT_WORD = re.compile(r"[\W_]+")


def django_setup() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def norm(text: str) -> str:
    import arabic_text

    return " ".join(_NOT_WORD.sub(" ", arabic_text.fold(text or "")).split())


def page_checks(expected: dict, parsed) -> dict[str, bool]:
    """The five checks of one page, from its manifest entry and what the importer made."""
    body = norm(parsed.body)
    author = getattr(parsed, "author", "") or ""
    published = parsed.published_on.isoformat() if parsed.published_on else ""
    return {
        "headline": norm(parsed.title) == norm(expected["headline"]),
        "date": published == expected["date"],
        "start": body.startswith(norm(expected["first_sentence"])),
        "end": body.endswith(norm(expected["last_sentence"])),
        "byline": norm(author) == norm(expected["byline"]),
    }


def evaluate(pages: Path = PAGES) -> list[dict]:
    """Every page's checks (and what was found), in manifest order."""
    from archive.ingest import IngestError, parse_document

    manifest = json.loads((pages / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for expected in manifest:
        raw = (pages / expected["file"]).read_bytes()
        try:
            parsed = parse_document(raw, filename=expected["file"])
        except IngestError as error:
            rows.append({"file": expected["file"], "error": str(error)} | dict.fromkeys(CHECKS, 0))
            continue
        checks = page_checks(expected, parsed)
        found = {
            "title": parsed.title,
            "date": str(parsed.published_on),
            "author": getattr(parsed, "author", ""),
            "body_start": parsed.body[:120],
            "body_end": parsed.body[-120:],
        }
        rows.append({"file": expected["file"], **checks, "found": found})
    return rows


def totals(rows: list[dict]) -> dict:
    per_check = {check: sum(bool(row[check]) for row in rows) for check in CHECKS}
    right = sum(per_check.values())
    return {
        "pages": len(rows),
        "right": right,
        "checks": len(rows) * len(CHECKS),
        "share": round(right / (len(rows) * len(CHECKS)), 3) if rows else 0.0,
        "per_check": per_check,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    django_setup()
    rows = evaluate(args.pages)
    summary = totals(rows)
    if args.json:
        print(json.dumps({"pages": rows, "total": summary}, ensure_ascii=False, indent=1))
        return
    for row in rows:
        marks = " ".join(("+" if row[c] else "-") + c for c in CHECKS)
        print(f"{row['file']:<24} {marks}")
        if args.misses and not all(row[c] for c in CHECKS):
            print("    ", json.dumps(row.get("found") or row.get("error"), ensure_ascii=False))
    print(
        f"\n{summary['right']}/{summary['checks']} checks right ({summary['share']:.1%}) "
        f"on {summary['pages']} pages"
    )
    print(
        "per check: "
        + ", ".join(f"{c} {n}/{summary['pages']}" for c, n in summary["per_check"].items())
    )


if __name__ == "__main__":
    main()
