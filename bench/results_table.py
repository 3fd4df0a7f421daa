"""The benchmark's tables, as ``docs/performance.md`` shows them.

``bench/run.py`` writes the first (``bench/results*.md``); from the command line this module
prints either table again from the JSON files, so the document is updated by pasting::

    .venv/bin/python bench/results_table.py bench/results.json
    .venv/bin/python bench/results_table.py --times bench/times-41k-warm.json \
        bench/times-41k-cold.json bench/times-41k-new-searcher.json
"""

import argparse
import json
import os
import resource
from pathlib import Path


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def peak_memory_mb() -> dict:
    """Peak resident memory (ru_maxrss is in KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"process": round(own, 1), "largest_child": round(children, 1)}


def machine() -> dict:
    import platform

    memory = None
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = round(int(info.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work on the machine skews every figure: say how busy it was.
        "load_average_1_5_15": [round(load, 2) for load in os.getloadavg()],
    }


def _cpu_note(seconds) -> str:
    return f"; {seconds} CPU s" if seconds is not None else ""


def markdown(results: dict) -> str:
    build, size = results["build"], results["articles"]
    lines = [
        f"Articles in the index: {size:,}; repeat {results['repeat']} after one warm-up; "
        "times in ms (p50 / p95).",
        "",
        "| query | hits | raw Whoosh, no facets | raw Whoosh + facets | engine | read path "
        "| HTML view | view ÷ read | its call in the view | view ÷ its call | read ÷ raw |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["queries"]:
        cells = [
            f"{row[key]['p50']} / {row[key]['p95']}"
            for key in ("raw_whoosh_no_facets", "raw_whoosh", "engine", "read_path", "view")
        ]
        call = row["call_in_view"]
        lines.append(
            f"| {row['query']} | {row['hits']:,} | "
            + " | ".join(cells)
            + f" | {row['view_over_read_path']} | {call['p50']} / {call['p95']}"
            + f" | {row['view_over_call']} | {row['read_path_over_raw']} |"
        )
    memory = results["peak_memory_mb"]
    lines += [
        "",
        "| build | value |",
        "|---|---:|",
        f"| import with extraction | {build.get('import_per_second')} articles/s "
        f"({build.get('imported')} in {build.get('import_seconds')} s"
        f"{_cpu_note(build.get('import_cpu_seconds'))}) |",
        f"| index rebuild ({build.get('rebuild')}, procs {build.get('procs')}) | "
        f"{build.get('index_per_second')} articles/s "
        f"({build.get('indexed')} in {build.get('index_seconds')} s"
        f"{_cpu_note(build.get('index_cpu_seconds'))}) |",
        f"| index size | {results['index_mb']} MB |",
        f"| database size | {results['database_mb']} MB |",
        f"| peak memory | {memory['process']} MB (largest child {memory['largest_child']} MB) |",
        "",
        f"Machine: {results['machine']['cpus']} CPUs, {results['machine']['memory_gb']} GB, "
        f"Python {results['machine']['python']}; load average at the end "
        f"{results['machine']['load_average_1_5_15']}.",
    ]
    return "\n".join(lines) + "\n"


def times_markdown(warm: dict, cold: dict, new_searcher: dict | None = None) -> str:
    """CPU ms per call from ``bench/profile_query.py --times`` runs: warm, cold and (optional)
    on a new searcher, with the page's ratio to its search call (p50 ÷ p50)."""
    cold_rows = {row["query"]: row for row in cold["rows"]}
    new_rows = {row["query"]: row for row in new_searcher["rows"]} if new_searcher else {}
    header = "| query | engine warm | engine cold | **search call** warm | **search call** cold "
    header += "| search call, new searcher " if new_searcher else ""
    header += "| page warm | page cold | page ÷ call warm / cold |"
    lines = [
        f"CPU ms, p50 / p95; {warm['repeat']} runs warm and {cold['repeat']} cold"
        + (f", {new_searcher['repeat']} on a new searcher" if new_searcher else "")
        + f"; load average at the end {warm['load_average']}, {cold['load_average']}.",
        "",
        header,
        "|---|" + "---:|" * (header.count("|") - 2),
    ]
    for row in warm["rows"]:
        name = row["query"]
        cells = [
            _cpu(row, "engine"),
            _cpu(cold_rows[name], "engine"),
            _cpu(row, "read_path"),
            _cpu(cold_rows[name], "read_path"),
        ]
        if new_searcher:
            cells.append(_cpu(new_rows[name], "read_path"))
        cells += [_cpu(row, "view"), _cpu(cold_rows[name], "view")]
        ratios = [_cpu_ratio(r) for r in (row, cold_rows[name])]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratios[0]} / {ratios[1]} |")
    return "\n".join(lines) + "\n"


def _cpu(row: dict, layer: str) -> str:
    cpu = row[layer]["cpu"]
    return f"{cpu['p50']:.1f} / {cpu['p95']:.1f}"


def _cpu_ratio(row: dict) -> str:
    return f"{row['view']['cpu']['p50'] / row['read_path']['cpu']['p50']:.2f}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="?", type=Path, help="a bench/run.py --out file")
    parser.add_argument(
        "--times", nargs="+", type=Path, metavar="JSON", help="WARM COLD [NEW_SEARCHER]"
    )
    args = parser.parse_args(argv)
    if args.times:
        if len(args.times) not in (2, 3):
            parser.error("--times takes WARM COLD [NEW_SEARCHER]")
        print(times_markdown(*(json.loads(path.read_text()) for path in args.times)), end="")
    elif args.results:
        print(markdown(json.loads(args.results.read_text())), end="")
    else:
        parser.error("give a results file or --times")


if __name__ == "__main__":
    main()
