"""Guarded decoding: a raw Kafka value becomes a record, or the DeadLetter saying why not.

Readers never let a bad value through and never crash on one: ``decode`` and ``guard``
turn it into a ``DeadLetter`` that carries the reason, the kind, the origin (topic,
partition, offset) and a hash of the payload, never the payload itself. Faust's own
deserialisation acknowledges an undecodable message and then crashes the agent, which
is why the stream stages use this too.

``DlqLimit`` stops a reader when its input is mostly bad: more than half of the records
(after 100), or over 1,000 in a row, means a bad deploy rather than bad data, and
draining the whole stream into the DLQ would hide it. ``Guard`` holds a reader's serde,
its stage name and its limit, so every record a reader decodes counts against it.

Which topics are validated as well as decoded is the reader's choice: topics outsiders
write (incidents, news articles) always; internal topics are written through the models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import ValidationError

from schemas.deadletters import Origin, dead_letter, field_errors
from schemas.incident_check import incident_passes
from schemas.models import MODELS, Contract, DeadLetter
from schemas.serde import DecodeError, Serde
from schemas.topics import TopicSpec

log = logging.getLogger("tahub.consumers")

T = TypeVar("T")

# records told valid without their model (the sink reads every incident): a record a check
# does not pass is validated by the model, for its errors
PASSES: dict[str, Callable[[Mapping[str, Any]], bool]] = {"Incident": incident_passes}


def origin_of(msg: Any) -> Origin:
    """Where a confluent-kafka message came from."""
    return Origin(msg.topic(), msg.partition(), msg.offset())


def _checked(
    serde: Serde,
    spec: TopicSpec,
    value: bytes | None,
    origin: Origin,
    *,
    stage: str | None,
    validate: bool,
    need_model: bool = True,
) -> tuple[dict[str, Any], Contract | None] | DeadLetter:
    try:
        data: dict[str, Any] = serde.decode(
            spec, value, topic=origin.topic, partition=origin.partition, offset=origin.offset
        )
    except DecodeError as err:
        return dead_letter(origin, value, stage=stage or "decode", kind=err.kind, reason=err.reason)
    if not validate:
        return data, None
    passes = PASSES.get(spec.record)
    if not need_model and passes is not None and passes(data):
        return data, None  # what the model would accept, told without building it
    try:
        return data, MODELS[spec.record].from_avro(data)
    except ValidationError as err:
        org = data.get("org_id")
        return dead_letter(
            origin,
            value,
            stage=stage or "validate",
            kind="validation",
            reason=f"{spec.record} failed validation ({err.error_count()} errors)",
            errors=field_errors(err),
            org_id=org if isinstance(org, str) else None,
        )


def decode(
    serde: Serde,
    spec: TopicSpec,
    value: bytes | None,
    origin: Origin,
    *,
    validate: bool,
    stage: str | None = None,
) -> dict[str, Any] | DeadLetter:
    """The decoded Avro record (checked against its model if ``validate``), or the dead
    letter that says why it is not one. ``stage`` names the reader in the letter; without
    it the letter names the step that failed, ``decode`` or ``validate``."""
    out = _checked(serde, spec, value, origin, stage=stage, validate=validate, need_model=False)
    return out if isinstance(out, DeadLetter) else out[0]


def guard(
    serde: Serde,
    spec: TopicSpec,
    value: bytes | None,
    origin: Origin,
    *,
    stage: str | None = None,
) -> Contract | DeadLetter:
    """The validated record as its model, or the dead letter that says why it is not one."""
    out = _checked(serde, spec, value, origin, stage=stage, validate=True)
    if isinstance(out, DeadLetter):
        return out
    model = out[1]
    assert model is not None  # validated
    return model


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
    _run_before: int = field(default=0, repr=False)  # the run the last good record ended

    def record(self, ok: bool) -> None:
        self.seen += 1
        if ok:
            self._run_before, self.consecutive = self.consecutive, 0
            return
        self._failed()

    def overturn(self) -> None:
        """The last record counted good failed after all, in a later step of the same
        reader (the alerts router's matching): it counts as invalid, and the run of
        invalid records it had ended goes on."""
        self.consecutive, self._run_before = self._run_before, 0
        self._failed()

    def _failed(self) -> None:
        self.invalid += 1
        self.consecutive += 1
        if self.consecutive > self.max_consecutive:
            raise DlqLimitExceeded(f"{self.consecutive} invalid records in a row")
        if self.seen >= self.min_seen and self.invalid / self.seen > self.max_ratio:
            raise DlqLimitExceeded(
                f"{self.invalid} of {self.seen} records invalid (limit {self.max_ratio:.0%})"
            )


class Guard:
    """One reader's guarded decoding: its serde, its stage name (written into its dead
    letters) and its ``DlqLimit``, which every record it decodes counts against.

    The guard builds dead letters and logs them (position, kind, reason); where a letter
    goes is the reader's business (a producer, a transaction, a store outbox, or nowhere:
    the subscription book only logs). ``DlqLimitExceeded`` comes out of ``record``,
    ``data`` and ``reject`` when the limit trips."""

    def __init__(
        self,
        serde: Serde,
        stage: str | None = None,
        *,
        limit: DlqLimit | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        self.serde = serde
        self.stage = stage
        self.limit = limit if limit is not None else DlqLimit()
        self.log = logger or log

    def record(self, spec: TopicSpec, value: bytes | None, origin: Origin) -> Contract | DeadLetter:
        """The validated model, or the dead letter."""
        out = guard(self.serde, spec, value, origin, stage=self.stage)
        return self._counted(out)

    def data(
        self, spec: TopicSpec, value: bytes | None, origin: Origin, *, validate: bool
    ) -> dict[str, Any] | DeadLetter:
        """The decoded Avro record (validated if asked; no model is kept), or the letter."""
        out = decode(self.serde, spec, value, origin, validate=validate, stage=self.stage)
        return self._counted(out)

    def reject(self, origin: Origin, value: bytes | None, kind: str, reason: str) -> DeadLetter:
        """A record that decoded but failed in a later step of this reader: its dead
        letter (stage ``process`` if the guard has none), counted against the limit
        instead of the success it was counted as."""
        stage = self.stage or "process"
        letter = dead_letter(origin, value, stage=stage, kind=kind, reason=reason)
        self._logged(letter)
        self.limit.overturn()
        return letter

    def _counted(self, out: T) -> T:
        if isinstance(out, DeadLetter):
            self._logged(out)
            self.limit.record(ok=False)
        else:
            self.limit.record(ok=True)
        return out

    def _logged(self, letter: DeadLetter) -> None:
        self.log.warning(
            "%s: rejected %s[%s]@%s: %s (%s)",
            letter.stage, letter.source_topic, letter.partition, letter.offset,
            letter.error_kind, letter.reason,
            extra={"stage": letter.stage, "topic": letter.source_topic,
                   "partition": letter.partition, "offset": letter.offset},
        )  # fmt: skip
