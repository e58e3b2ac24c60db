"""Which signals live detection counts (pure): what is reported now about now.

Live detection runs on report time: it asks "what is new now". A report of something
that happened long before — an archive a partner submits at once, a court case about
events years ago — is history: it lands in the warehouse and counts by occurrence in
analytics, but a batch of such reports must not by itself open a detection of a
current spike. A signal is history when its occurrence is known and the whole span it
is known to lie in (its day, month or year) ended more than ``backdated_after`` seconds
before it was reported. A signal of unknown occurrence counts live: nothing says it is
old. Partners who report a few weeks late, as many do, still count.

History is not thrown away by detection either: it warms the baselines of the keys it
names (``engine.Engine.add_history``), placed by occurrence, never counted as news.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from schemas.sharing import When, span

BACKDATED_AFTER = 30 * 86_400  # seconds: reports of what ended longer ago are history


def occurrence(signal: Mapping[str, Any]) -> tuple[int, int] | None:
    """The span a signal's occurrence is known to lie in, ``[start, end)`` in epoch seconds
    (UTC days); None when unknown."""
    on = signal.get("occurred_on")
    precision = signal.get("occurred_precision") or "unknown"
    if on is None or precision == "unknown":
        return None
    known = span(When(on, precision))
    if known is None:
        return None
    start, end = (int(datetime.combine(d, time(), UTC).timestamp()) for d in known)
    return start, end


def report_time(signal: Mapping[str, Any]) -> int:
    reported = signal["event_time"]
    if isinstance(reported, datetime):
        return int(reported.timestamp())
    return int(reported)


def is_history(signal: Mapping[str, Any], backdated_after: int = BACKDATED_AFTER) -> bool:
    known = occurrence(signal)
    if known is None:
        return False
    reported = signal["event_time"]
    at = reported.timestamp() if isinstance(reported, datetime) else float(reported)
    return at - known[1] > backdated_after
