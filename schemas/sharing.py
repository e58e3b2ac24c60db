"""Who may see what: the sharing rule as data, and when an aggregate may be released (pure).

This module is the one definition. The query API's SQL (``consumers.release``) is derived
from ``AUDIENCE``, the alerts process and the detection queries call ``releasable`` (the
queries on the warehouse's columns, ``releasable_columns``), ``schemas.lifecycle`` joins
versions into what one viewer sees of a detection, and ``tests/test_sharing_attacker.py``
and ``tests/test_detections_sql_attacker.py`` check the SQL against ``may_see`` for every
level, viewer and owner.

Records: FIRST TLP 2.0 mapped onto tahub's members.

| level              | audience                                             |
|--------------------|------------------------------------------------------|
| TLP:CLEAR          | anyone, the public included                          |
| TLP:GREEN          | every member organisation                            |
| TLP:AMBER          | the submitting organisation and those it shares with |
| TLP:AMBER+STRICT   | the submitting organisation                          |
| TLP:RED            | the submitting organisation                          |

Aggregates (a count, a detection): shown to a viewer only if the viewer may see every
record in it, and it rests either on none of other organisations' reports or on at least
``k`` of them. The viewer's own reports never count towards ``k`` (padding a small group
with one's own records unlocks nothing), and an aggregate of the viewer's own records
only is its own business. An aggregate of no records at all is shown to nobody.

The public is every organisation at once: anyone can read a public answer, including the
organisations whose reports are in it, each of which can subtract its own. So for the
public, "other organisations' reports" are those left after taking away the largest
single contributor's, and there is no own-data exemption.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from schemas.taxonomy import Tlp


class Audience(StrEnum):
    ANYONE = "anyone"
    MEMBERS = "members"
    OWNER_AND_PARTNERS = "owner_and_partners"
    OWNER = "owner"


AUDIENCE: Mapping[Tlp, Audience] = MappingProxyType(
    {
        Tlp.CLEAR: Audience.ANYONE,
        Tlp.GREEN: Audience.MEMBERS,
        Tlp.AMBER: Audience.OWNER_AND_PARTNERS,
        Tlp.AMBER_STRICT: Audience.OWNER,
        Tlp.RED: Audience.OWNER,
    }
)


def levels_for(audience: Audience) -> tuple[str, ...]:
    """The TLP values whose audience is ``audience`` (for deriving SQL from the table)."""
    return tuple(t.value for t, a in AUDIENCE.items() if a is audience)


@dataclass(frozen=True)
class Viewer:
    """Who is asking. ``org_id`` None is the public. ``amber_from``: organisations that
    share their TLP:AMBER records with this one."""

    org_id: str | None = None
    amber_from: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.org_id or "public"


@functools.lru_cache(maxsize=1 << 14)  # viewers x organisations x levels; judged per item
def may_see(viewer: Viewer, org_id: str, tlp: str) -> bool:
    """May ``viewer`` see one record of ``org_id`` labelled ``tlp``?"""
    audience = AUDIENCE[Tlp(tlp)]
    if audience is Audience.ANYONE:
        return True
    if viewer.org_id is None:
        return False
    if audience is Audience.MEMBERS or org_id == viewer.org_id:
        return True
    return audience is Audience.OWNER_AND_PARTNERS and org_id in viewer.amber_from


@dataclass(frozen=True)
class Evidence:
    """One organisation's share of an aggregate: its distinct reports and the least
    shareable level among them (seeing that level means seeing all of them: audiences
    only narrow as the level rises)."""

    org_id: str
    tlp: str
    reports: int

    def to_avro(self) -> dict[str, Any]:
        return {"org_id": self.org_id, "tlp": self.tlp, "reports": self.reports}


def evidence_of(items: Iterable[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(str(e["org_id"]), str(e["tlp"]), int(e["reports"])) for e in items)


def label_of(evidence: Iterable[Evidence]) -> Tlp:
    """The level an aggregate carries: the least shareable of its records (CLEAR if none)."""
    return max((Tlp(e.tlp) for e in evidence), key=lambda t: t.rank, default=Tlp.CLEAR)


def others(viewer: Viewer, reports: Mapping[str, int]) -> int:
    """Reports of an aggregate (organisation -> distinct reports) that are not the
    viewer's own; for the public, those left after the largest single contributor's."""
    total = sum(reports.values())
    if viewer.org_id is None:
        return total - max(reports.values(), default=0)
    return total - reports.get(viewer.org_id, 0)


def enough(viewer: Viewer, reports: Mapping[str, int], k: int) -> bool:
    """The k rule on an aggregate the viewer may see: at least k reports of others, or
    (for an organisation) none but its own."""
    if not any(reports.values()):
        return False
    n = others(viewer, reports)
    return n >= k or (n == 0 and viewer.org_id is not None)


def releasable(viewer: Viewer, evidence: Iterable[Evidence], k: int) -> bool:
    """May an aggregate resting on ``evidence`` be shown to ``viewer``?"""
    items = list(evidence)
    return releasable_columns(
        viewer, [e.org_id for e in items], [e.tlp for e in items], [e.reports for e in items], k
    )


def releasable_columns(
    viewer: Viewer, orgs: Sequence[str], tlps: Sequence[str], reports: Sequence[int], k: int
) -> bool:
    """``releasable`` on evidence given as the warehouse's columns (organisations, levels,
    reports), without an object per item: the detection queries judge every version."""
    counts: dict[str, int] = {}
    for org, tlp, n in zip(orgs, tlps, reports, strict=True):
        if n > 0:
            if not may_see(viewer, org, tlp):
                return False
            counts[org] = counts.get(org, 0) + int(n)
    return enough(viewer, counts, k)


def tier(org_id: str, tlp: str) -> tuple[str, str]:
    """Records one viewer may see are released in tiers that never mix audiences: the
    level, and the owner where the audience depends on the owner. Otherwise the difference
    between two answers a viewer can get (its own and the public's) would be a group of
    its own: the GREEN reports the public does not see."""
    audience = AUDIENCE[Tlp(tlp)]
    shared = audience in (Audience.ANYONE, Audience.MEMBERS)
    return (Tlp(tlp).value, "" if shared else org_id)


def tier_name(org_id: str, tlp: str) -> str:
    """``tier`` as one string, for detection, which counts and judges each tier apart:
    '' for TLP:CLEAR (so the public tier keeps the names and ids it had before tiers),
    'GREEN', or '<level>:<owner>' ('RED:org-a'). A detection's baseline, span and
    lifecycle then hold reports of one audience only: nothing a viewer sees of it moves
    with reports it may not see."""
    level, owner = tier(org_id, tlp)
    if level == Tlp.CLEAR.value:
        return ""
    return f"{level}:{owner}" if owner else level


def one_owner(tier: str) -> bool:
    """Whether a tier (``tier_name``) holds one organisation's reports only."""
    return ":" in tier


@functools.lru_cache(maxsize=4096)  # per report body of the count stage: organisations x levels
def wider_tiers(org_id: str, tlp: str) -> tuple[str, ...]:
    """The tiers a report of ``org_id`` at ``tlp`` may have been counted in before it was
    re-labelled this strict: those of every less strict level."""
    rank = Tlp(tlp).rank
    return tuple(tier_name(org_id, t.value) for t in Tlp if t.rank < rank)


# --- time: answers about others' records come in whole release bins (UTC) ---

BINS = ("day", "week", "month")
DEFAULT_BIN = "week"
# the buckets an answer may use under each bin: unions of whole bins only
BUCKETS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "day": ("day", "week", "month", "year", "all"),
        "week": ("week", "all"),
        "month": ("month", "year", "all"),
    }
)


def bin_start(moment: datetime, bin_: str) -> datetime:
    """The start of the release bin holding ``moment`` (weeks start on Monday)."""
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if bin_ == "day":
        return day
    if bin_ == "week":
        return day - timedelta(days=day.weekday())
    if bin_ == "month":
        return day.replace(day=1)
    raise ValueError(f"release bin {bin_!r}: use one of {', '.join(BINS)}")


def next_bin(start: datetime, bin_: str) -> datetime:
    if bin_ == "day":
        return start + timedelta(days=1)
    if bin_ == "week":
        return start + timedelta(days=7)
    return (start + timedelta(days=32)).replace(day=1)


def snap(start: datetime, end: datetime, bin_: str) -> tuple[datetime, datetime]:
    """A period as whole bins: the start down to its bin's start, the end up to the next
    bin's (an end already on a boundary stays). Finer periods would split a class."""
    last = bin_start(end, bin_)
    return bin_start(start, bin_), last if last == end.astimezone(UTC) else next_bin(last, bin_)


# --- clocks: when it happened (occurred) and when it was reported ---
#
# Every record has two times. Its report time (a signal's event_time: the incident's
# submission, the article's publication) is a moment, so a day is always known. Its
# occurrence is a date known to a precision: a day, a month, a year, or not at all. An
# answer on either clock places a record only where its time is known to lie: a record
# known to the month is in that month's bucket (and its year's), in no day or week bucket
# (that would invent a day), and inside a period only if the period holds its whole
# month; a record of unknown occurrence is only in answers with no time limit at all.
#
# Release classes hold both times (``class_times``): each at the release bin, or at its
# own precision where that is coarser. A class keyed by the query's clock alone would let
# an organisation subtract an answer on one clock from an answer on the other and learn
# which occurrence went with which report time for a report that no k others share.

CLOCKS = ("occurred", "reported")
DEFAULT_CLOCK = "occurred"
PRECISIONS = ("day", "month", "year", "unknown")  # finest first
SIZES = ("day", "week", "month", "year", "all")  # bucket sizes, finest first
# which bucket sizes a time known to each precision can be placed in
FITS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "day": SIZES,
        "month": ("month", "year", "all"),
        "year": ("year", "all"),
        "unknown": ("all",),
    }
)
# an occurrence is at most this long after its report (the intake refuses later dates;
# a partner ahead of UTC may report "today" while UTC is still yesterday)
OCCURRENCE_LEAD = timedelta(days=1)


@dataclass(frozen=True)
class When:
    """A record's time on one clock: the start of what is known (None when nothing is)
    and how much is known. Month and year times start on the 1st."""

    on: date | None
    precision: str

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision {self.precision!r}: use one of {', '.join(PRECISIONS)}")
        if (self.on is None) != (self.precision == "unknown"):
            raise ValueError("a time has a date exactly when its precision is not unknown")
        if self.on is not None and self.on != size_start(self.on, self.precision):
            raise ValueError(f"a time known to the {self.precision} starts on its first day")


def reported(moment: datetime) -> When:
    """A report time: the UTC day of the moment."""
    return When(moment.astimezone(UTC).date(), "day")


def occurred(on: date | None, precision: str) -> When:
    return When(on if precision != "unknown" else None, precision)


def size_start(day: date, size: str) -> date:
    """The first day of the bucket of ``size`` holding ``day`` (weeks start on Monday)."""
    if size == "day":
        return day
    if size == "week":
        return day - timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    if size == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"size {size!r}: use one of day, week, month, year")


def size_end(start: date, size: str) -> date:
    """The first day after the bucket of ``size`` starting on ``start``."""
    if size == "day":
        return start + timedelta(days=1)
    if size == "week":
        return start + timedelta(days=7)
    if size == "month":
        return (start + timedelta(days=32)).replace(day=1)
    if size == "year":
        return start.replace(year=start.year + 1)
    raise ValueError(f"size {size!r}: use one of day, week, month, year")


def span(when: When) -> tuple[date, date] | None:
    """The days a time is known to lie in, [first, after last); None: it could be any."""
    if when.on is None:
        return None
    return when.on, size_end(when.on, when.precision)


def placed(when: When, size: str) -> date | None:
    """The start of the bucket of ``size`` a record at ``when`` counts in, or None when its
    time is known only more coarsely (it is *undated* at that size: never in an invented
    day or week). ``size`` 'all' has one bucket, which every record is in."""
    if size not in FITS[when.precision] or when.on is None:
        return None
    return size_start(when.on, size)


def within(when: When, start: date | None, end: date | None) -> bool:
    """Does a period [start, end) hold the whole span of ``when``? A bound of None is open;
    a time of unknown occurrence is only inside the period with no bounds at all."""
    known = span(when)
    if known is None:
        return start is None and end is None
    return (start is None or known[0] >= start) and (end is None or known[1] <= end)


def time_key(when: When, bin_: str) -> tuple[str, date | None]:
    """A time as a release class holds it: a day at its release bin, a coarser precision
    as itself (a month under week bins stays its month). Any period of whole bins and any
    bucket holds all or none of a key's records, so no query splits a class."""
    if when.on is None:
        return ("unknown", None)
    if when.precision == "day":
        return (bin_, size_start(when.on, bin_))
    return (when.precision, when.on)


def class_times(
    report: When, occurrence: When, bin_: str
) -> tuple[tuple[str, date | None], tuple[str, date | None]]:
    """The time part of a release class: both clocks, whichever the query uses."""
    return time_key(report, bin_), time_key(occurrence, bin_)


# --- a release class is a report's, not a signal's ---
#
# A report is a signal per typology and place. Were each signal in a class of its own, an
# answer grouping across classes (a total, a country over its cells) would count a report
# of several released classes once, and the total against the sum of its breakdown would
# tell how many reports hold both values: a combination of fewer than k reports. So every
# signal of a report carries the same class attributes, all of the report's: the set of
# its signals' typology, route, place, cells and source kind. Classes are then disjoint
# sets of reports, and every answer is a sum over the released ones.

# the attributes a query may filter or group by (consumers.release.CLASS_COLUMNS' first
# seven), as signal fields
CLASS_ATTRIBUTES = (
    "typology",
    "origin_country",
    "destination_country",
    "location_country",
    "cell_coarse",
    "cell_fine",
    "source_kind",
)
# separators no attribute holds (codes, countries, H3 cells, source kinds)
_FIELD_SEP, _SIGNAL_SEP = "|", ";"


def signal_attributes(signal: Mapping[str, Any]) -> str:
    """One signal's class attributes as the warehouse writes them ('' for none)."""
    return _FIELD_SEP.join(str(signal.get(a) or "") for a in CLASS_ATTRIBUTES)


def legacy_class(signal: Mapping[str, Any]) -> tuple[str, ...]:
    """The class of a signal landed without its report's attributes (a producer of the
    contract before them, after migration 0013): its report alone, never k reports of
    others, so no answer to another viewer holds it (consumers.release.class_id)."""
    return ("report", str(signal["org_id"]), str(signal["source_id"]))


def report_class(signals: Iterable[Mapping[str, Any]]) -> str:
    """The class attributes of a report: its signals' attributes, each once, sorted. The
    warehouse computes the same string for rows landed before signals carried it
    (migration 0013), so one report lands in one class however it was landed."""
    return _SIGNAL_SEP.join(sorted({signal_attributes(s) for s in signals}))


# --- report delay: how long after it occurred a report came in ---
#
# A delay is measured only for a report whose occurrence is known to the day: one known to
# the month or the year has no delay in days, and none is invented for it. A viewer's own
# reports are measured exactly (report day minus occurrence day). Another organisation's
# are measured between the two times as its release class holds them (``class_times``):
# the start of the report's release bin minus the start of the occurrence's, so every
# report in a class has the same delay and a histogram of delays never splits a class.
# Under month bins a class holds an occurrence known to the day as its month, as it holds
# one known only to the month: both are measured, or whether a delay is measured would
# split the class by precision (and tell whose report it is, for an organisation known
# to record by the month).


def delay_days(report: datetime, occurrence: When, bin_: str | None) -> int | None:
    """Days from occurrence to report; ``bin_`` None: exactly (the viewer's own report),
    else at the release bin (another organisation's). None unless known to the day (or,
    at the release bin, to the bin: a month under month bins). May be negative: an
    occurrence can be up to a day after its report (``OCCURRENCE_LEAD``)."""
    if occurrence.on is None or occurrence.precision not in ("day", bin_):
        return None
    day = report.astimezone(UTC).date()
    if bin_ is None:
        return (day - occurrence.on).days
    return (size_start(day, bin_) - size_start(occurrence.on, bin_)).days
