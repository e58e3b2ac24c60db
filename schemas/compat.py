"""Schema evolution rules: is a new schema BACKWARD compatible with an older one?

BACKWARD means consumers using the new schema can read data written with the old one,
the registry default in Confluent-compatible registries. The rules come from the Avro
reference implementation rather than a home-grown checker.
"""

from __future__ import annotations

import avro.errors
import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType


def backward_problems(new_schema: str, old_schema: str) -> list[str]:
    """Reasons the new schema cannot read data written with the old one; empty if it can."""
    try:
        reader = avro.schema.parse(new_schema)
        writer = avro.schema.parse(old_schema)
    except (avro.errors.SchemaParseException, ValueError) as err:
        return [f"schema does not parse: {err}"]
    checker = ReaderWriterCompatibilityChecker()  # type: ignore[no-untyped-call]
    result = checker.get_compatibility(reader, writer)
    if result.compatibility is SchemaCompatibilityType.compatible:
        return []
    problems = [str(m) for m in sorted(result.messages, key=str)]
    where = ", ".join(sorted(result.locations)) or "?"
    return [f"{p} (at {where})" for p in problems] or [f"incompatible at {where}"]
