"""Which signals live detection counts (pure): what is reported now about now.

Live detection runs on report time: it asks "what is new now". A report of something
that happened long before — an archive a partner submits at once, a court case about
events years ago — is history: it lands in the warehouse and counts by occurrence in
analytics, but a batch of such reports must not by itself open a detection of a
current spike. A signal is history when its occurrence is known and the whole span it
is known to lie in (its day, month or year) ended more than ``backdated_after`` seconds
before it was reported. A signal of unknown occurrence counts live: nothing says it is
old. Partners who report a few weeks late, as many do, still count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from schemas.sharing import When, span

BACKDATED_AFTER = 30 * 86_400  # seconds: reports of what ended longer ago are history


def is_history(signal: Mapping[str, Any], backdated_after: int = BACKDATED_AFTER) -> bool:
    on = signal.get("occurred_on")
    precision = signal.get("occurred_precision") or "unknown"
    if on is None or precision == "unknown":
        return False
    known = span(When(on, precision))
    if known is None:
        return False
    ended = datetime.combine(known[1], time(), UTC)
    reported = signal["event_time"]
    if not isinstance(reported, datetime):
        reported = datetime.fromtimestamp(int(reported), UTC)
    return (reported - ended).total_seconds() > backdated_after
