"""The search backends stay readable: no function over 40 lines, no module over 500 lines."""

import ast
from pathlib import Path

import pytest

BACKENDS = Path(__file__).resolve().parents[3] / "search" / "backends"
MODULES = sorted(BACKENDS.rglob("*.py"))
MAX_FUNCTION_LINES = 40
MAX_MODULE_LINES = 500


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def test_the_backends_package_has_modules_to_check():
    assert BACKENDS / "whoosh" / "backend.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(BACKENDS)))
def test_no_function_is_longer_than_a_screen(path):
    assert _long_functions(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(BACKENDS)))
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lines"


def test_the_length_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_FUNCTION_LINES))
    source = tmp_path / "long.py"
    source.write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    assert _long_functions(source) == [f"long (line 5): {MAX_FUNCTION_LINES + 1} lines"]
