"""Fetches the Apache Kafka broker jars from Maven Central with the machine's Maven, once."""

from __future__ import annotations

import shutil
import subprocess
from collections import deque
from importlib import resources
from pathlib import Path

from tahub import progress
from tahub.errors import TahubError

POM = "kafka-pom.xml"
_DONE = ".complete"


class SetupError(TahubError):
    """A tool the local runtime needs is missing or failed."""


def require_tool(name: str, purpose: str, fix: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SetupError(f"`{name}` not found: it is needed to {purpose}. Fix: {fix}")
    return path


def require_java() -> str:
    return require_tool(
        "java",
        "run the local Kafka broker",
        "install Java 17+ (Debian: apt-get install openjdk-17-jre-headless) or set "
        "TAHUB_KAFKA_BOOTSTRAP to an existing Kafka",
    )


def libs_dir(cache_dir: Path, version: str) -> Path:
    return cache_dir / "kafka" / version / "libs"


def is_fetched(cache_dir: Path, version: str) -> bool:
    return (libs_dir(cache_dir, version) / _DONE).exists()


def fetch_kafka(cache_dir: Path, version: str) -> Path:
    """Resolve kafka_2.13:<version> and its runtime dependencies into the cache; idempotent.
    A first fetch downloads ~100 files (~20 s): on a terminal, a bar counts them."""
    target = libs_dir(cache_dir, version)
    if (target / _DONE).exists():
        return target
    mvn = require_tool(
        "mvn",
        "fetch Apache Kafka from Maven Central",
        "install Maven (Debian: apt-get install maven) or set TAHUB_KAFKA_BOOTSTRAP "
        "to an existing Kafka",
    )
    target.mkdir(parents=True, exist_ok=True)
    pom = resources.files("tahub.runtime").joinpath(POM)
    with resources.as_file(pom) as pom_path:
        cmd = [
            mvn,
            "-B",
            "-f",
            str(pom_path),
            f"-Dkafka.version={version}",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={target}",
            "-DincludeScope=runtime",
        ]
        code, lines = _maven(cmd)
    if code != 0:
        # Maven's first error lines say what failed; the last ones are its advice on -e/-X
        errors = [line for line in lines if line.startswith("[ERROR]") and line[7:].strip()]
        tail = errors[:1] or lines[-5:]
        raise SetupError(
            f"Maven could not fetch org.apache.kafka:kafka_2.13:{version}: "
            + " | ".join(tail)
            + ". Fix: check network access to Maven Central or TAHUB_KAFKA_VERSION"
        )
    if not any(target.glob("kafka_2.13-*.jar")):
        raise SetupError(f"Maven finished but no Kafka jar is in {target}")
    (target / _DONE).write_text(version)
    return target


def _maven(cmd: list[str]) -> tuple[int, list[str]]:
    """Run Maven, counting the files it downloads (its "Downloaded from" lines) on a bar;
    its exit code and last lines."""
    tail: deque[str] = deque(maxlen=60)
    with (
        progress.bar("fetching Kafka from Maven Central", unit="file") as update,
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc,
    ):
        assert proc.stdout is not None  # stdout=PIPE
        for line in proc.stdout:
            tail.append(line.rstrip())
            if "Downloaded from " in line:
                update(1)
        code = proc.wait()
    return code, list(tail)
