"""Guards on the code's shape: no function in loaders/, graph/ or api/ longer than 60 lines,
unless the comment right above it (above its decorators) says why: `# long because: …`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("loaders", "graph", "api")
LIMIT = 60
REASON = "# long because:"


def long_functions(source: str, name: str) -> list[str]:
    """`name:line function (n lines)` for each function over LIMIT lines without a reason."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length <= LIMIT or _has_reason(lines, node):
            continue
        found.append(f"{name}:{node.lineno} {node.name} ({length} lines)")
    return found


def _has_reason(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the block of comment lines right above the function holds a reason."""
    index = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        comment = lines[index].strip()
        if comment.startswith(REASON) and comment.removeprefix(REASON).strip():
            return True
        index -= 1
    return False


def test_no_function_over_60_lines_without_a_reason() -> None:
    found = []
    for folder in FOLDERS:
        files = sorted((ROOT / folder).rglob("*.py"))
        assert files, f"no Python files under {folder}/"
        for path in files:
            name = str(path.relative_to(ROOT))
            found += long_functions(path.read_text(encoding="utf-8"), name)
    assert found == []


def _function(lines: int, above: str = "", decorated: bool = False) -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines - 1))
    decorator = "@staticmethod\n" if decorated else ""
    return f"import os\n{above}{decorator}def f():\n{body}"


def test_the_guard_counts_lines_and_reads_the_reason() -> None:
    assert long_functions(_function(60), "m.py") == []
    assert long_functions(_function(61), "m.py") == ["m.py:2 f (61 lines)"]
    assert long_functions(_function(61, decorated=True), "m.py") == ["m.py:3 f (61 lines)"]
    reason = "# long because: one table of cases, read top to bottom\n"
    assert long_functions(_function(61, reason), "m.py") == []
    assert long_functions(_function(61, reason + "# more words\n", decorated=True), "m.py") == []
    # Not right above it, or no reason given: still counted.
    assert long_functions(_function(61, reason + "\n"), "m.py") != []
    assert long_functions(_function(61, "# long because:\n"), "m.py") != []
