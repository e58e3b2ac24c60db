"""Fetches the Apache Kafka broker jars from Maven Central with the machine's Maven, once."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

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


def fetch_kafka(cache_dir: Path, version: str, *, quiet: bool = True) -> Path:
    """Resolve kafka_2.13:<version> and its runtime dependencies into the cache; idempotent."""
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
        if quiet:
            cmd.insert(1, "-q")
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        raise SetupError(
            f"Maven could not fetch org.apache.kafka:kafka_2.13:{version}: "
            + " | ".join(tail)
            + ". Fix: check network access to Maven Central or TAHUB_KAFKA_VERSION"
        )
    if not any(target.glob("kafka_2.13-*.jar")):
        raise SetupError(f"Maven finished but no Kafka jar is in {target}")
    (target / _DONE).write_text(version)
    return target
