"""Building DeadLetter records: why a record failed and where it was, never its content."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from schemas.models import DeadLetter, FieldError


@dataclass(frozen=True)
class Origin:
    topic: str
    partition: int
    offset: int


def dead_letter(
    origin: Origin,
    value: bytes | None,
    *,
    stage: str,
    kind: str,
    reason: str,
    errors: list[FieldError] | None = None,
    org_id: str | None = None,
) -> DeadLetter:
    raw = value or b""
    return DeadLetter(
        dead_letter_id=str(uuid.uuid4()),
        stage=stage,
        source_topic=origin.topic,
        partition=origin.partition,
        offset=origin.offset,
        org_id=org_id,
        error_kind=kind,
        reason=reason,
        errors=errors or [],
        payload_sha256=hashlib.sha256(raw).hexdigest() if value is not None else None,
        payload_size=len(raw) if value is not None else None,
        failed_at=datetime.now(UTC),
    )


def field_errors(err: ValidationError) -> list[FieldError]:
    """Pydantic errors as FieldErrors, without echoing the offending values."""
    return [
        FieldError(path=".".join(str(p) for p in e["loc"]) or "(record)", reason=e["msg"])
        for e in err.errors()
    ]
