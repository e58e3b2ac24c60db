"""ruff and mypy (strict on our packages) are part of the test command."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "cmd",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_is_clean(cmd: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]


HTTPX_CALLS = {"get", "post", "put", "patch", "delete", "request", "stream", "Client"}


def _untimed_httpx_calls(source: str) -> list[int]:
    """Lines of ``httpx.<call>(...)`` that leave the timeout at httpx's 5 s default."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "httpx"
        and node.func.attr in HTTPX_CALLS
        and not any(k.arg == "timeout" for k in node.keywords)
    ]


def test_untimed_httpx_calls_are_found() -> None:
    assert _untimed_httpx_calls("import httpx\nhttpx.get('u')\nhttpx.get('u', timeout=9)\n") == [2]


def test_test_requests_name_their_timeout() -> None:
    """A test's request to a running job waits long enough for a loaded 2-core CI machine:
    httpx's default 5 s once failed a passing test (the answer, not its speed, is what the
    tests prove; performance has benchmarks)."""
    found = {
        path.name: lines
        for path in sorted((ROOT / "tests").glob("*.py"))
        if (lines := _untimed_httpx_calls(path.read_text()))
    }
    assert found == {}
