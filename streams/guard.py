"""Decode-and-validate guard: turns raw Kafka values into records or dead letters.

Faust's own deserialisation acknowledges an undecodable message and then crashes the
agent, so agents consume raw bytes and call this instead. Pure apart from the serde.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from schemas.deadletters import Origin, dead_letter, field_errors
from schemas.models import MODELS, Contract, DeadLetter
from schemas.serde import DecodeError, Serde
from schemas.topics import TopicSpec


def guard(
    serde: Serde, spec: TopicSpec, value: bytes | None, origin: Origin
) -> Contract | DeadLetter:
    """The validated record, or the dead letter that says why it is not one."""
    try:
        data: dict[str, Any] = serde.decode(
            spec, value, topic=origin.topic, partition=origin.partition, offset=origin.offset
        )
    except DecodeError as err:
        return dead_letter(origin, value, stage="decode", kind=err.kind, reason=err.reason)
    model = MODELS[spec.record]
    try:
        return model.from_avro(data)
    except ValidationError as err:
        org = data.get("org_id")
        return dead_letter(
            origin,
            value,
            stage="validate",
            kind="validation",
            reason=f"{spec.record} failed validation ({err.error_count()} errors)",
            errors=field_errors(err),
            org_id=org if isinstance(org, str) else None,
        )


class DlqLimitExceeded(Exception):
    """Too many bad records: stop rather than drain the stream into the DLQ."""


@dataclass
class DlqLimit:
    """Caps the share and the run of invalid records (a bad deploy, not bad data)."""

    max_ratio: float = 0.5
    max_consecutive: int = 1000
    min_seen: int = 100
    seen: int = 0
    invalid: int = 0
    consecutive: int = 0

    def record(self, ok: bool) -> None:
        self.seen += 1
        if ok:
            self.consecutive = 0
            return
        self.invalid += 1
        self.consecutive += 1
        if self.consecutive > self.max_consecutive:
            raise DlqLimitExceeded(f"{self.consecutive} invalid records in a row")
        if self.seen >= self.min_seen and self.invalid / self.seen > self.max_ratio:
            raise DlqLimitExceeded(
                f"{self.invalid} of {self.seen} records invalid (limit {self.max_ratio:.0%})"
            )
