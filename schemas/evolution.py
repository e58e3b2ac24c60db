"""Checks the current contracts against the last released snapshot (schemas/avro/released/N)."""

from __future__ import annotations

import json

from schemas.catalog import (
    RECORDS,
    SchemaLoadError,
    load_schema_json,
    record_schema,
    released_versions,
)
from schemas.compat import backward_problems


def check_released() -> list[str]:
    """One line per contract that cannot read data written with the last release."""
    versions = released_versions()
    if not versions:
        return ["no released contract snapshot under schemas/avro/released/"]
    last = versions[-1]
    problems = []
    for record in RECORDS:
        try:
            old = json.dumps(load_schema_json(record, last))
        except SchemaLoadError:
            continue  # a contract new since that release has nothing to be compatible with
        for p in backward_problems(record_schema(record).text, old):
            problems.append(f"{record}: not BACKWARD compatible with release {last.name}: {p}")
    return problems
