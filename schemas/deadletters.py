"""Building DeadLetter records: why a record failed and where it was, never its content.

Letters of the stages after intake keep the plain SHA-256 and size of the value at its
source offset. Written by tahub, that value's free text is scrubbed and sealed with a fresh
random nonce, so no guessed text hashes to it, and its size is the record's own, on the
topic beside it. (A value written to a topic unsealed, past the intake, is in the clear
there anyway; its digest outlives the topic's retention: a known gap.) Intake letters keep
neither: a digest keyed per organisation, a coarse size (producers.intake.service)."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from schemas.models import DeadLetter, FieldError

MIN_COARSE_SIZE = 1024


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


def coarse_size(size: int) -> int:
    """A rejected partner row's size as its dead letter keeps it: rounded up to a power of
    two, at least 1 KiB. Exact bytes told a guessed name from others of another length;
    this still tells a row of a few hundred bytes from one of megabytes."""
    return max(MIN_COARSE_SIZE, 1 << max(size - 1, 0).bit_length())


# what intake errors measure of a partner's text, and what a dead letter keeps instead
MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    # an unknown field name's length (producers.intake.submission.shown_name)
    (re.compile(r"<unknown name of \d+ characters>"), "<unknown name>"),
    # where in a JSON Lines line it stops being JSON (producers.intake.tabular), which
    # counts the characters of the text before it
    (re.compile(r" at column \d+"), ""),
)


def unmeasured(text: str) -> str:
    """An intake error's path or reason as its dead letter keeps it: without a length or
    position measured in the partner's text. The partner's own answer says them, to find
    the mistake by; kept, the exact length of what may be a person's name (a partner's
    slip puts one where a field name goes, or a stray quote right after it) singles a
    guessed name out, as an exact row size did."""
    for pattern, instead in MEASURES:
        text = pattern.sub(instead, text)
    return text


def field_errors(err: ValidationError) -> list[FieldError]:
    """Pydantic errors as FieldErrors, without echoing the offending values."""
    return [
        FieldError(path=".".join(str(p) for p in e["loc"]) or "(record)", reason=e["msg"])
        for e in err.errors()
    ]
