"""Dry run of entity extraction on raw files: what the importer would detect, nothing saved.

    python manage.py extract_entities fixtures/seeds/001_acf61db0d40e22a5.txt
    python manage.py extract_entities fixtures/seeds/ --json

For each file: the detected title, date and source, the entities found
(``[{kind, name, name_en, forms, count}]``) and the names proposed as new
entities. The database is only read (the gazetteer of known names).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.extraction import extract
from archive.ingest import IngestError, parse_document
from archive.services.gazetteer import gazetteer_get
from archive.services.mentions import extraction_text

SUFFIXES = {".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = "Show the title, date, source and entities detected in raw article files (no writes)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files (.txt, .html) or folders of them.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print one JSON array."
        )

    def handle(self, *args, paths, as_json: bool, **options):
        files = _files(paths)
        if not files:
            raise CommandError("No .txt or .html file found in the given paths.")
        gazetteer = gazetteer_get()
        reports = [_report(path, gazetteer) for path in files]
        if as_json:
            self.stdout.write(_dumps(reports))
            return
        for report in reports:
            self.stdout.write(_human(report))
        failed = sum(1 for report in reports if "error" in report)
        if failed:
            self.stderr.write(f"{failed} of {len(reports)} files could not be read.")


def _files(paths: list[str]) -> list[Path]:
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    return files


def _report(path: Path, gazetteer) -> dict:
    report: dict = {"file": str(path)}
    try:
        document = parse_document(path.read_bytes(), filename=path.name)
    except (IngestError, OSError) as error:
        report["error"] = str(error)
        return report
    text = extraction_text(
        title=document.title,
        body=document.body,
        title_derived=document.title_derived,
        dateline=document.metadata.get("dateline"),
    )
    result = extract(text, gazetteer)
    report.update(
        title=document.title,
        title_derived=document.title_derived,
        date=document.published_on.isoformat() if document.published_on else None,
        source=document.source_name,
        entities=[_entity(found, gazetteer) for found in result.entities],
        candidates=[{"name": c.name, "kind": c.kind, "cue": c.cue} for c in result.candidates],
    )
    return report


def _entity(found, gazetteer) -> dict:
    info = gazetteer.entities[found.entity_id]
    return {
        "id": info.id,
        "kind": info.kind,
        "name": info.name,
        "name_en": info.name_en,
        "forms": found.forms,
        "count": found.count,
    }


def _dumps(reports: list[dict]) -> str:
    return json.dumps(reports, ensure_ascii=False, indent=2)


def _human(report: dict) -> str:
    lines = [f"== {report['file']}"]
    if "error" in report:
        lines.append(f"   error: {report['error']}")
        return "\n".join(lines)
    derived = " (derived from the lead)" if report["title_derived"] else ""
    lines += [
        f"   title:  {report['title']}{derived}",
        f"   date:   {report['date'] or '— not stated'}",
        f"   source: {report['source'] or '— not detected'}",
    ]
    for entity in report["entities"]:
        forms = "، ".join(entity["forms"])
        english = f" ({entity['name_en']})" if entity["name_en"] else ""
        lines.append(
            f"   {entity['kind']:<12} {entity['name']}{english} ×{entity['count']}: {forms}"
        )
    for candidate in report["candidates"]:
        lines.append(
            f"   proposed     {candidate['kind']:<12} {candidate['name']}  ← {candidate['cue']}"
        )
    return "\n".join(lines)
