"""Dependencies chosen by the libraries that need them, not listed by hand."""

from __future__ import annotations

import subprocess
import sys


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
