"""Detection's hot path compiled to C with mypyc, as an option of the install.

The count stage, the engine and what they call per signal are plain typed Python
(mypy strict); mypyc, mypy's compiler, turns those modules into C extensions that do
the same work ~1.3–1.5x faster (`tahub bench count --native` measures both in one run
and checks that their detection versions are identical). An install compiles them only
when asked (``TAHUB_COMPILE=1``, as the Docker image does; ``setup.py`` reads
``MODULES`` from here): a developer's editable install stays pure Python, so an edited
module is never shadowed by a stale compiled one.

This module imports nothing of tahub's: ``setup.py`` runs it before anything is
installed.
"""

from __future__ import annotations

import importlib.machinery
import shutil
import subprocess
import sys
from pathlib import Path

# The modules compiled: each is on the count stage's per-signal path (counting, closing
# and judging windows, the keys records' decoding, the state changelog's encoding) and is
# never subclassed or patched at run time (mypyc's classes cannot be). The repartition
# stage's keying (repartition, dimensions) was tried compiled too: its process's CPU per
# signal did not move (its cost is Kafka's, fastavro's and orjson's, already C).
MODULES = (
    "schemas.keys_topic",
    "streams.detect.count_stage",
    "streams.detect.detectors",
    "streams.detect.engine",
    "streams.detect.state_codec",
    "streams.detect.tails",
    "streams.detect.verdicts",
    "streams.detect.watermarks",
)
# the packages a compiled copy needs whole (their other modules stay Python)
PACKAGES = ("schemas", "streams")


def sources(root: Path) -> list[str]:
    """``MODULES`` as paths relative to the source ``root`` (what mypyc is given)."""
    for name in MODULES:
        if not (root / (name.replace(".", "/") + ".py")).is_file():
            raise FileNotFoundError(f"{name}: no such module under {root}")
    return [name.replace(".", "/") + ".py" for name in MODULES]


def compiled(module: object) -> bool:
    """Whether an imported module is a compiled extension rather than Python source."""
    path = getattr(module, "__file__", None) or ""
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def build_of(module: object) -> str:
    """How an imported module runs, as a metric's label: "compiled" or "python"."""
    return "compiled" if compiled(module) else "python"


def build(root: Path, into: Path) -> Path:
    """A compiled copy of ``PACKAGES`` in ``into`` (created; replaced if there), from the
    sources under ``root``: put it before ``root`` on ``PYTHONPATH`` and ``MODULES`` load
    compiled, everything else as it is. Needs a C compiler and Python's headers."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.so", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(root / package, into / package, ignore=skip)
    shutil.copy(root / "pyproject.toml", into)  # mypy's settings, as setup.py's build has
    done = subprocess.run(
        [sys.executable, "-m", "mypyc", *sources(into)],
        cwd=into,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"mypyc failed ({done.returncode}): {done.stdout[-2000:]}")
    shutil.rmtree(into / "build", ignore_errors=True)
    return into
