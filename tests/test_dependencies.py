"""Dependencies chosen by the libraries that need them, not listed by hand."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

from tests.services import missing


def test_the_schema_registry_client_loads_without_deprecation_warnings() -> None:
    # pyproject asks for confluent-kafka[schemaregistry,avro], so the registry client's HTTP
    # stack is the one it chose (httpx2 on Python >= 3.10). With httpx listed by hand,
    # authlib warned that its httpx support is deprecated on every import of the client
    # (through a filter of its own, so it is read from stderr, not raised by -W error)
    code = (
        "from confluent_kafka.schema_registry import SchemaRegistryClient\n"
        "from confluent_kafka.schema_registry.avro import AvroSerializer\n"
    )
    run = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-1500:]
    assert "Warning" not in run.stderr, run.stderr[-1500:]


def test_pip_finds_the_lxml_extra_justext_asks_for() -> None:
    # jusText (trafilatura's) requires lxml[html_clean]; lxml names the extra html-clean, and
    # only a pip that compares extras as PEP 685 normalises them (23.3+) sees they are one.
    # Measured: pip 23.2.1 warns "lxml … does not provide the extra 'html_clean'", pip 26.3
    # does not; the README and .ci/run make the venv with --upgrade-deps for that reason
    pip = metadata.version("pip")
    if tuple(int(p) for p in pip.split(".")[:2]) < (23, 3):
        missing(f"pip {pip} predates PEP 685 extras: python3 -m venv --upgrade-deps .venv")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "justext"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-1500:]
    assert "lxml_html_clean" in run.stdout  # the extra was read, and is installed
    assert "does not provide the extra" not in run.stdout + run.stderr
