"""The code stays small enough to read: modules under 400 lines, functions at most 60."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("saidwhat", "benchmarks", "tests")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def python_files():
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py"))


def test_the_check_sees_the_package():
    names = {p.relative_to(ROOT).as_posix() for p in python_files()}
    assert {"saidwhat/component.py", "saidwhat/pipeline.py", "tests/test_layout.py"} <= names


def test_no_module_over_400_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in python_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_MODULE_LINES}
    assert long == {}


def test_no_function_over_60_lines():
    long = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT).as_posix()}:{node.name}"] = lines
    assert long == {}
