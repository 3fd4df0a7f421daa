"""Running a ``bench/`` script as its user would: a subprocess from the repository root, with
a bare environment (no settings of the test run leak into it)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_run(script: str, *args: str, home: Path) -> str:
    """The standard output of ``script`` run with ``args``; a failure shows its error output."""
    completed = subprocess.run(
        [sys.executable, script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout
