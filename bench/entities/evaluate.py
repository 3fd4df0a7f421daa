"""``make extraction-quality``: entity extraction measured against the gold set.

Usage (from the repository root)::

    .venv/bin/python bench/entities/evaluate.py [--split dev|heldout|all] [--articles N]
        [--authority fixtures/entities.json] [--workdir DIR] [--verbose] [--json]

In a throwaway SQLite archive (a temporary folder, or ``--workdir``): ``migrate``, the
outlets and the authority file loaded by the real services, ``load_gazetteers`` when the
project has that command, then the gold articles (``gold/*.json``, rebuilt from
``../shared/corpora``) imported together by ``import_articles``, so whatever extraction runs
at import is what is measured. Per article and kind, a found entity matches a gold entity
when one of its surface forms in that article, its name or an alias equals one of the gold
entity's names or surface forms once folded (``archive.extraction.names``: the analyzer's
folding, proclitics allowed on the first word). Each entity counts once per article.
``--articles N`` keeps the first N articles of each split (the test suite's smoke run).
"""

import argparse
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

# The sibling modules, and ``bench/run.py`` for the throwaway archive's settings.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matching
from gold import CORPORA, KINDS, ROOT, SPLITS, GoldArticle, corpus_records, gold_read


def setup_archive(workdir: Path, authority: Path) -> str:
    """A fresh archive in ``workdir`` with outlets, authority file and gazetteers; a note."""
    from run import setup_django

    setup_django(workdir)
    from django.core.management import call_command, get_commands

    from archive.services.articles import sources_load
    from archive.services.entities import authority_file_load

    call_command("migrate", verbosity=0)
    sources_load(path=ROOT / "fixtures" / "sources.json")
    authority_file_load(path=authority)
    if "load_gazetteers" not in get_commands():
        return "load_gazetteers: no such command here; the authority file alone is measured"
    call_command("load_gazetteers", verbosity=0, stdout=io.StringIO())
    return "load_gazetteers: loaded"


def import_articles(articles: list[GoldArticle], workdir: Path, corpora: Path) -> list[str]:
    """The gold articles imported by ``import_articles`` from a JSON-lines file per corpus in
    which every article keeps its own line number (so ``original_filename`` is its key)."""
    import gzip

    from django.core.management import call_command

    records = corpus_records(articles, corpora)
    by_file: dict[str, dict[int, dict]] = {}
    for article in articles:
        by_file.setdefault(article.filename, {})[article.line] = records[article.key]
    folder = workdir / "gold"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, lines in sorted(by_file.items()):
        path = folder / filename
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
            for number in range(1, max(lines) + 1):
                record = lines.get(number)
                out.write(json.dumps(record, ensure_ascii=False) + "\n" if record else "\n")
        paths.append(str(path))
    log = io.StringIO()
    call_command(
        "import_articles",
        *paths,
        jobs=1,
        no_index=True,
        json=True,
        stdout=log,
        stderr=io.StringIO(),
    )
    lines = [json.loads(line) for line in log.getvalue().splitlines() if line.startswith("{")]
    return [
        f"{line['status']}: {line.get('file')} {line.get('error', '')}".strip()
        for line in lines
        if line.get("status") in ("error", "duplicate")
    ]


def found_entities(keys: list[str]) -> dict[str, list[matching.Found]]:
    """``{article key: entities extraction found in it}`` from the archive's mentions."""
    from archive.models import Mention

    found: dict[str, list[matching.Found]] = {key: [] for key in keys}
    mentions = (
        Mention.objects.filter(article__original_filename__in=keys)
        .select_related("entity", "article")
        .prefetch_related("entity__aliases")
        .order_by("article_id", "first_offset")
    )
    for mention in mentions:
        entity = mention.entity
        found[mention.article.original_filename].append(
            matching.Found(
                kind=entity.kind,
                name=entity.name,
                forms=tuple(mention.forms or ()),
                names=tuple(entity.all_names()),
            )
        )
    return found


def imported(keys: list[str]) -> set[str]:
    """The keys of the gold articles the archive holds."""
    from archive.models import Article

    rows = Article.objects.filter(original_filename__in=keys)
    return set(rows.values_list("original_filename", flat=True))


def evaluate(splits: dict[str, list[GoldArticle]], found: dict) -> dict:
    """Per split: counts and scores per kind and overall, and every miss and false positive."""
    result = {}
    for split, articles in splits.items():
        tally = {kind: Counter(tp=0, fp=0, fn=0) for kind in KINDS}
        errors = []
        for article in articles:
            compared = matching.compare(article.entities, found.get(article.key, []))
            for kind in article.kinds:
                tally[kind].update(compared.counts(kind))
            errors.extend(
                {"article": article.key, **error}
                for error in compared.errors()
                if error["kind"] in article.kinds
            )
        total = Counter()
        for counts in tally.values():
            total.update(counts)
        result[split] = {
            "articles": len(articles),
            "gold_entities": {
                k: sum(e.kind == k for a in articles for e in a.entities) for k in KINDS
            },
            "per_kind": {
                kind: matching.scores(tally[kind])
                for kind in KINDS
                if any(kind in a.kinds for a in articles)
            },
            "all": matching.scores(total),
            "errors": errors,
        }
    return result


def combined(splits: dict) -> dict:
    """Per kind over every development file and over every held-out file, when there are two."""
    groups = {"development": "dev", "held-out": "heldout"}
    result = {}
    for label, prefix in groups.items():
        chosen = [report for split, report in splits.items() if split.startswith(prefix)]
        if len(chosen) < 2:
            continue
        tally = {}
        for report in chosen:
            for kind, s in report["per_kind"].items():
                tally.setdefault(kind, Counter()).update({k: s[k] for k in ("tp", "fp", "fn")})
        result[label] = {kind: matching.scores(tally[kind]) for kind in KINDS if kind in tally}
    return result


def _print_rows(rows) -> None:
    print(f"{'kind':<14}{'gold':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for kind, s in rows:
        gold = s["tp"] + s["fn"]
        print(
            f"{kind:<14}{gold:>6}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
            f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
        )


def print_report(result: dict, *, verbose: bool) -> None:
    print(f"authority file: {result['authority']}")
    print(result["gazetteers"])
    for split, report in result["splits"].items():
        print(f"\n{split}: {report['articles']} articles (entity level, per article)")
        _print_rows([*report["per_kind"].items(), ("all (micro)", report["all"])])
        if verbose:
            for error in report["errors"]:
                forms = " / ".join(error["forms"])
                label = f"{error['name']}: {forms}" if error["type"] != "miss" else forms
                print(f"  {error['type']:<15}{error['article']:<28}{error['kind']:<14}{label}")
    for label, per_kind in result.get("combined", {}).items():
        print(f"\nevery {label} file together")
        _print_rows(per_kind.items())
    if result.get("import_errors"):
        print("\nimport errors:\n" + "\n".join(result["import_errors"]))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--articles", type=int, help="the first N articles of each split")
    parser.add_argument("--authority", type=Path, default=ROOT / "fixtures" / "entities.json")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--workdir", type=Path, help="keep the archive here (must not exist)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.authority.exists():
        parser.error(f"authority file not found: {args.authority}")
    if args.articles is not None and args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.workdir is not None and args.workdir.exists():
        parser.error(f"--workdir {args.workdir} exists: give a new folder")
    return args


def run(args: argparse.Namespace, workdir: Path) -> dict:
    names = SPLITS if args.split == "all" else (args.split,)
    splits = {name: gold_read(name)[: args.articles] for name in names}
    articles = [article for chosen in splits.values() for article in chosen]
    note = setup_archive(workdir, args.authority.resolve())
    problems = import_articles(articles, workdir, args.corpora)
    keys = [article.key for article in articles]
    found = found_entities(keys)
    problems += [f"not imported: {key}" for key in sorted(set(keys) - imported(keys))]
    scored = evaluate(splits, found)
    return {
        "authority": str(args.authority),
        "gazetteers": note,
        "splits": scored,
        "combined": combined(scored),
        "import_errors": problems,
    }


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.workdir is not None:
        args.workdir.mkdir(parents=True)
        result = run(args, args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="extraction-quality-") as workdir:
            result = run(args, Path(workdir))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result, verbose=args.verbose)


if __name__ == "__main__":
    main()
