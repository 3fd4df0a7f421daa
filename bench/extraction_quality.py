"""Precision, recall and F1 of entity extraction: the gold set, or the five seeds.

    .venv/bin/python bench/extraction_quality.py [bench/entities/evaluate.py options]
    .venv/bin/python bench/extraction_quality.py --seeds [--authority FILE] [--json]

Without ``--seeds`` it runs ``bench/entities/evaluate.py`` (``make extraction-quality``): the
development and held-out files of the gold set (``docs/entities.md``).

With ``--seeds`` it runs a throwaway SQLite database: migrates, loads the authority file with
the real service, then sends each seed through the real importer parse
(``archive.ingest.parse_document``) and the real extraction. Gold entities
(``tests/archive/gold/seeds_entities.json``) are resolved to authority
entities by name or alias within their kind; one that the authority file
lacks counts as a miss and is listed.
"""

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "archive" / "gold" / "seeds_entities.json"
SEEDS = ROOT / "fixtures" / "seeds"
KINDS = ("person", "organization", "place")


def django_setup(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_WHOOSH_INDEX"] = str(workdir / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def evaluate(authority: Path) -> dict:
    from archive.extraction import extract
    from archive.ingest import parse_document
    from archive.models import Entity
    from archive.services.entities import authority_file_load
    from archive.services.gazetteer import gazetteer_get
    from archive.services.mentions import extraction_text

    authority_file_load(path=authority)
    kinds = dict(Entity.objects.values_list("pk", "kind"))
    names = dict(Entity.objects.values_list("pk", "name"))
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    tally = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    errors = defaultdict(list)
    for filename, annotation in gold["seeds"].items():
        document = parse_document((SEEDS / filename).read_bytes(), filename=filename)
        text = extraction_text(
            title=document.title,
            body=document.body,
            title_derived=document.title_derived,
            dateline=document.metadata.get("dateline"),
        )
        predicted = {
            (kinds[f.entity_id], f.entity_id) for f in extract(text, gazetteer_get()).entities
        }
        expected = set()
        for item in annotation["entities"]:
            match = Entity.objects.active().filter(kind=item["kind"]).matching(item["name"])
            ids = [e.pk for e in match]
            hit = next((pk for pk in ids if (item["kind"], pk) in predicted), None)
            if hit is not None or ids:
                expected.add((item["kind"], hit if hit is not None else ids[0]))
            else:
                expected.add((item["kind"], f"missing:{item['name']}"))
                errors["not in authority file"].append(f"{filename[:3]} {item['name']}")
        for kind, key in predicted - expected:
            tally[kind]["fp"] += 1
            errors["false positive"].append(f"{filename[:3]} {kind} {names[key]}")
        for kind, key in expected - predicted:
            tally[kind]["fn"] += 1
            if not str(key).startswith("missing:"):
                errors["missed"].append(f"{filename[:3]} {kind} {names[key]}")
        for kind, _key in expected & predicted:
            tally[kind]["tp"] += 1
    return {
        "per_kind": {k: scores(v) for k, v in tally.items()},
        "all": scores({m: sum(t[m] for t in tally.values()) for m in ("tp", "fp", "fn")}),
        "errors": dict(errors),
        "authority": str(authority),
    }


def scores(counts: dict) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        **counts,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def print_table(result: dict) -> None:
    print(f"authority file: {result['authority']}")
    print(f"{'kind':<14}{'TP':>4}{'FP':>4}{'FN':>4}{'P':>8}{'R':>8}{'F1':>8}")
    for kind, s in [*result["per_kind"].items(), ("all (micro)", result["all"])]:
        print(
            f"{kind:<14}{s['tp']:>4}{s['fp']:>4}{s['fn']:>4}"
            f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
        )
    for label, items in result["errors"].items():
        print(f"{label}: " + "; ".join(items))


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if "--seeds" not in argv:
        sys.path.insert(0, str(ROOT / "bench" / "entities"))
        from evaluate import main as gold_main

        gold_main(argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", action="store_true", help="measure the five seeds")
    parser.add_argument("--authority", type=Path, default=ROOT / "fixtures" / "entities.json")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.authority.exists():
        parser.error(f"authority file not found: {args.authority}")
    with tempfile.TemporaryDirectory(prefix="extraction-quality-") as workdir:
        django_setup(Path(workdir))
        result = evaluate(args.authority.resolve())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
