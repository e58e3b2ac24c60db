"""Benchmark output: numbers printed for people, the same numbers as JSON for machines."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import click


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def write(out: Path, name: str, results: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": name, "machine": machine(), **results}, indent=2))
    click.echo(f"wrote {out}")
