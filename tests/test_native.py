"""The compiled hot path (``streams.native``: detection's per-signal modules compiled by
mypyc, as the Docker image installs them) counts and judges exactly as the Python
sources do.

Built for real with the C compiler (CI installs it); then the count stage's contract
tests run against the compiled modules, and the count bench's backlog is counted pure
and compiled in fresh processes: the detections of closed windows must be identical, and
equal to the offline replay's.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from streams import native
from tahub.bench import count_bench

ROOT = Path(__file__).resolve().parents[1]
# the count stage's and the engine's contract (those that subclass or patch the engine
# to watch it, which compiled classes do not allow, stay pure-only)
CONTRACT = [
    "tests/test_count_stage.py",
    "tests/test_count_stage_delivery.py",
    "tests/test_count_stage_lateness.py",
    "tests/test_count_stage_repeats.py",
    "tests/test_early_look.py",
    "tests/test_judging_exact.py",
    "tests/test_detectors.py",
    "tests/test_lifecycle.py",
    "tests/test_detection_tiers_attacker.py",
    "tests/test_detection_relabel.py",
    "tests/test_detection_measures_attacker.py",
]


def _compiler() -> None:
    if shutil.which("gcc") or shutil.which("cc"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("no C compiler: CI installs gcc (.ci/run)")
    pytest.skip("no C compiler")


def test_no_code_subclasses_or_patches_a_compiled_module() -> None:
    """mypyc's classes cannot be subclassed by Python code nor their methods replaced."""
    compiled_classes = set()
    for path in native.sources(ROOT):
        tree = ast.parse((ROOT / path).read_text())
        compiled_classes |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    assert {"Engine", "CountStage", "KeyState", "WindowAgg"} <= compiled_classes
    offenders = []
    for package in ("schemas", "streams", "tahub", "consumers", "producers", "alerts"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                    offenders += [f"{path}: {node.name}({b})" for b in bases & compiled_classes]
    assert offenders == []


def test_the_compiled_hot_path_counts_and_judges_as_the_sources_do(tmp_path: Path) -> None:
    _compiler()
    built = native.build(ROOT, tmp_path / "native")
    assert sorted(p.name.split(".")[0] for p in built.rglob("*.so") if "__mypyc" not in p.name) == (
        sorted(m.rsplit(".", 1)[1] for m in native.MODULES)
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(built), str(ROOT)])}
    loaded = subprocess.run(
        [sys.executable, "-c", "import streams.detect.engine as e, streams.native as n;"
         "print(n.compiled(e))"],
        env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert loaded.stdout.strip() == "True"
    # the compiled engine imported before pytest puts the repository on sys.path (tests/
    # is a package): the contract tests then use the compiled modules, checked again last
    args = ["-q", "-p", "no:cacheprovider", "-n", "0", "-o", "addopts=",
            *(str(ROOT / t) for t in CONTRACT)]  # fmt: skip
    code = (
        "import sys, pytest, streams.detect.engine as e, streams.detect.count_stage as c,"
        " streams.native as n; assert n.compiled(e) and n.compiled(c);"
        f" rc = pytest.main({args!r});"
        " assert n.compiled(sys.modules['streams.detect.engine']); sys.exit(rc)"
    )
    contract = subprocess.run(
        [sys.executable, "-c", code],
        env=env, capture_output=True, text=True, check=False, cwd=built,
    )  # fmt: skip
    assert contract.returncode == 0, contract.stdout[-3000:]
    assert " passed" in contract.stdout.splitlines()[-1]
    result = count_bench.run_native(built=built, signals=20_000, days=30, repeat=1, check=True)
    assert result["native"]["loaded_compiled"]
    assert result["native"]["identical_to_pure"]
    assert result["replay_check"]["equal"]
    assert result["replay_check"]["closed_detections"] > 0
    assert result["pure"]["replay_check"]["equal"]
