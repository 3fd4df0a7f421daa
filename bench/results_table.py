"""The benchmark's report: the markdown table of ``bench/results*.md`` and what it says of the
machine (CPUs, memory, load average) and of the archive (index, database, peak memory)."""

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
