"""Silences: "do not notify about detections like these until then", with who and why (pure).

A silence belongs to an organisation (it mutes that organisation's subscriptions only) or
to the operator (``org_id`` None: every subscription). Matchers are field=value pairs that
must all hold; a silence with no matchers is refused, since muting everything hides spikes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

FIELDS = (
    "subscription_id",
    "dimension_set",
    "dimension_key",
    "typology",
    "origin",
    "destination",
    "location",
    "cell",
    "method",
    "severity",
)
MAX_SILENCE = timedelta(days=90)


class SilenceError(ValueError):
    pass


@dataclass(frozen=True)
class Silence:
    silence_id: str
    org_id: str | None
    matchers: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    author: str
    reason: str
    created_at: datetime

    def active(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at

    def mutes(self, subscription_id: str, org_id: str, detection: Mapping[str, Any]) -> bool:
        if self.org_id is not None and self.org_id != org_id:
            return False
        dims = detection["dimensions"]
        for name, want in self.matchers.items():
            if name == "subscription_id":
                have = subscription_id
            elif name in ("dimension_set", "dimension_key", "method", "severity"):
                have = str(detection[name])
            else:
                have = dims.get(name, "")
            if have != want:
                return False
        return True

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for k in ("starts_at", "ends_at", "created_at"):
            data[k] = data[k].isoformat()
        return data


def new_silence(
    *,
    org_id: str | None,
    matchers: Mapping[str, str],
    starts_at: datetime,
    ends_at: datetime,
    author: str,
    reason: str,
    now: datetime,
) -> Silence:
    unknown = sorted(set(matchers) - set(FIELDS))
    if unknown:
        raise SilenceError(f"cannot match on {', '.join(unknown)}; fields: {', '.join(FIELDS)}")
    if not matchers:
        raise SilenceError("a silence needs at least one matcher (field=value)")
    if not author.strip() or not reason.strip():
        raise SilenceError("a silence needs an author and a reason")
    if ends_at <= starts_at:
        raise SilenceError("a silence must end after it starts")
    if ends_at <= now:
        raise SilenceError("a silence that has already ended does nothing")
    if ends_at - starts_at > MAX_SILENCE:
        raise SilenceError(f"a silence lasts at most {MAX_SILENCE.days} days")
    return Silence(
        "sil-" + secrets.token_hex(6),
        org_id,
        dict(matchers),
        starts_at,
        ends_at,
        author.strip()[:120],
        reason.strip()[:500],
        now,
    )


def muted(
    silences: Iterable[Silence],
    subscription_id: str,
    org_id: str,
    detection: Mapping[str, Any],
    now: datetime,
) -> Silence | None:
    for s in silences:
        if s.active(now) and s.mutes(subscription_id, org_id, detection):
            return s
    return None
