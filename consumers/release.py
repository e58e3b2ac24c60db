"""Disclosure control for queries over signals: the sharing rule in SQL, and which records
may enter an answer at all (pure SQL building; the rule itself is schemas.sharing).

Suppressing small *groups* of an answer does not survive differencing: the total of a
country minus its visible typologies, or a period minus a slightly shorter one, exposes
the group that was left out. So tahub suppresses *records*, before any grouping. Another
organisation's record enters an answer only if its release class, the finest combination
of attributes any query can show plus its sharing tier (schemas.sharing.tier),

    report time at the UTC day, week or month (TAHUB_RELEASE_BIN), occurrence at that bin
    or its own coarser precision (schemas.sharing.class_times), the set of the report's
    signals' typology, origin, destination, location, coarse cell, fine cell and source
    kind (schemas.sharing.report_class), level, and the owner for levels whose audience
    depends on the owner

holds at least k reports of organisations other than the viewer (for the public: other
than the class's largest contributor). Classes are disjoint sets of reports, every query
is a union of whole classes (periods and buckets are whole bins, filters and groupings
are class attributes), and the rule can only release more as reports are added, so an
answer is the same whether a class of fewer than k others' reports exists or not: zero
and suppressed cannot be told apart, by one query or a sequence of them, padding with
one's own reports included. The viewer's own records always count.
``tests/test_sharing_attacker.py`` searches for a way around this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from consumers.class_sizes import FLOOR, candidates
from schemas.sharing import (
    BINS,
    CLASS_ATTRIBUTES,
    FITS,
    OCCURRENCE_LEAD,
    PRECISIONS,
    Audience,
    Viewer,
    bin_start,
    levels_for,
)
from schemas.taxonomy import Tlp

_SHARED = levels_for(Audience.ANYONE) + levels_for(Audience.MEMBERS)

# a release bin as SQL (UTC): the same expressions make the answers' buckets
BIN_SQL = {
    "day": "toDate(event_time, 'UTC')",
    "week": "toMonday(event_time, 'UTC')",
    "month": "toStartOfMonth(event_time, 'UTC')",
    "year": "toStartOfYear(event_time, 'UTC')",
}

# the attributes that make a release class after its bin; a query may filter or group by
# the first seven only (the tier is never a dimension)
CLASS_COLUMNS: tuple[str, ...] = (
    *CLASS_ATTRIBUTES,  # signal fields and columns alike
    "tlp",
    "if(tlp IN ({}), '', org_id)".format(", ".join(f"'{t}'" for t in _SHARED)),
)


def lit(value: str) -> str:
    """A ClickHouse string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _in(column: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{column} IN ({', '.join(lit(v) for v in values)})"


# Numeric twins of the two strings every scope filters on (migration 0006): a UInt8
# compared costs about a third of a string (the member's 52-week map over 2M signals,
# 0.43 -> 0.32 s). DEFAULT columns the warehouse computes from the strings, which stay
# the record; a value outside the table gets NO_CODE, which no audience or precision has.
# Stored codes are read by these tables: changing one needs a migration that recomputes.
TLP_CODE, PREC_CODE, NO_CODE = "tlp_code", "occurred_code", 255
TLP_CODES = {t.value: t.rank for t in Tlp}
PREC_CODES = {p: i for i, p in enumerate(PRECISIONS)}


def _coded(column: str, codes: dict[str, int]) -> str:
    keys = ", ".join(lit(k) for k in codes)
    values = ", ".join(str(v) for v in codes.values())
    return f"transform({column}, [{keys}], [{values}], {NO_CODE})"


# (column, type, expression) for consumers.tables.SIGNALS and migration 0006
CODE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    (TLP_CODE, "UInt8", _coded("tlp", TLP_CODES)),
    (PREC_CODE, "UInt8", _coded("occurred_precision", PREC_CODES)),
)


def _levels(audience: Audience) -> str:
    return f"{TLP_CODE} IN ({', '.join(str(TLP_CODES[t]) for t in levels_for(audience))})"


def visible(viewer: Viewer) -> str:
    """SQL condition: may the viewer see this record? Derived from ``AUDIENCE``."""
    terms = [_levels(Audience.ANYONE)]
    if viewer.org_id is not None:
        terms.append(_levels(Audience.MEMBERS))
        terms.append(f"org_id = {lit(viewer.org_id)}")
        if viewer.amber_from:
            partners = _in("org_id", sorted(viewer.amber_from))
            terms.append(f"({_levels(Audience.OWNER_AND_PARTNERS)} AND {partners})")
    return "(" + " OR ".join(terms) + ")"


def evidence_visible(viewer: Viewer) -> str:
    """SQL condition on a detection version: may the viewer see every record its evidence
    counts (an organisation's item of no reports counts none)? ``visible`` itself, on each
    item: the lambda's arguments are named as the signal columns it reads. A prefilter
    only: each version read is still judged whole by ``schemas.sharing.releasable``."""
    levels = f"arrayMap(level -> {_coded('level', TLP_CODES)}, evidence_tlps)"
    return (
        f"arrayAll((org_id, {TLP_CODE}, reports) -> reports = 0 OR {visible(viewer)}, "
        f"evidence_orgs, {levels}, evidence_reports)"
    )


# --- the occurred clock: occurred_on is YYYYMMDD at its precision, 0 when unknown ---

OCC, PREC = "occurred_on", "occurred_precision"
# the bucket key of records whose time is known only more coarsely than the bucket size
UNDATED = 99_999_999
# a span ends by a day U when its start, cut to its precision, is before U cut the same way
_UNIT = {"day": 1, "month": 100, "year": 10_000}
_EPOCH = date(1970, 1, 1)


def ymd(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _days(x: str) -> str:
    """Days since 1970-01-01 of a YYYYMMDD number, negative before 1970 (H. Hinnant's
    days_from_civil): the arithmetic Date cannot do for the years 1900-1969."""
    m, d = f"(intDiv({x}, 100) % 100)", f"({x} % 100)"
    y = f"(toInt64(intDiv({x}, 10000)) - if({m} <= 2, 1, 0))"
    era = f"intDiv({y}, 400)"
    yoe = f"({y} - {era} * 400)"
    doy = f"(intDiv(153 * (({m} + 9) % 12) + 2, 5) + {d} - 1)"
    doe = f"({yoe} * 365 + intDiv({yoe}, 4) - intDiv({yoe}, 100) + {doy})"
    return f"({era} * 146097 + {doe} - 719468)"


def _monday(x: str) -> str:
    """The Monday of a YYYYMMDD day, as days since 1970-01-01 (that day was a Thursday)."""
    days = _days(x)
    return f"({days} - ({days} + 700003) % 7)"


# each bucket size's start for a time whose precision fits it (schemas.sharing.size_start)
_OCC_START = {
    "day": OCC,
    "week": _monday(OCC),
    "month": f"(intDiv({OCC}, 100) * 100 + 1)",
    "year": f"(intDiv({OCC}, 10000) * 10000 + 101)",
}


def _fitting(size: str) -> str:
    return ", ".join(str(PREC_CODES[p]) for p in PRECISIONS if size in FITS[p])


def bucket(clock: str, size: str) -> str:
    """SQL: the start of the record's bucket of ``size`` on ``clock``; on the occurred
    clock UNDATED where its precision is coarser than the size (schemas.sharing.placed)."""
    if clock == "reported":
        return BIN_SQL[size]
    return f"if({PREC_CODE} IN ({_fitting(size)}), toInt64({_OCC_START[size]}), {UNDATED})"


def bucket_label(clock: str, size: str) -> Callable[[Any], str | None]:
    """The ISO date of a bucket key from ``bucket``, None for the undated."""
    if clock == "reported":
        return lambda value: value.isoformat()[:10]

    def label(value: Any) -> str | None:
        if value == UNDATED:
            return None
        v = int(value)
        if size == "week":  # days since 1970-01-01
            return (_EPOCH + timedelta(days=v)).isoformat()
        return date(v // 10_000, v // 100 % 100, v % 100).isoformat()

    return label


def _at(moment: datetime) -> str:
    return f"toDateTime({int(moment.timestamp())})"


def period(clock: str, start: datetime | None, end: datetime | None, bin_: str) -> str:
    """SQL condition: the record's time on ``clock`` lies wholly in [start, end), bounds
    already snapped to bins, None for open (schemas.sharing.within). By occurrence a
    month lies in a period only if all of it does, and an unknown occurrence only in the
    period with no bounds."""
    if clock == "reported":
        terms = [f"event_time >= {_at(start)}"] if start is not None else []
        terms += [f"event_time < {_at(end)}"] if end is not None else []
        return " AND ".join(terms) or "1"
    if start is None and end is None:
        return "1"
    spans = []
    for precision, unit in _UNIT.items():
        terms = [f"{PREC_CODE} = {PREC_CODES[precision]}"]
        if start is not None:
            terms.append(f"{OCC} >= {ymd(start.astimezone(UTC).date())}")
        if end is not None:
            cut = ymd(end.astimezone(UTC).date()) // unit
            terms.append(f"intDiv({OCC}, {unit}) < {cut}" if unit > 1 else f"{OCC} < {cut}")
        spans.append("(" + " AND ".join(terms) + ")")
    condition = "(" + " OR ".join(spans) + ")"
    if start is not None:
        # the index works on report time, and an occurrence is never more than a day after
        # its report: a bound on whole report bins keeps classes whole (they hold the bin)
        condition += f" AND event_time >= {_at(bin_start(start - OCCURRENCE_LEAD, bin_))}"
    return condition


def delay_days(viewer: Viewer, bin_: str) -> str:
    """SQL: a record's report delay in days as ``viewer`` may know it
    (schemas.sharing.delay_days): exact for its own records, between the starts of the
    release bins for others'. Meaningful only where the occurrence is known to the day."""
    report_bin = f"toInt64(toUInt32({BIN_SQL[bin_]}))"  # a Date is days since 1970
    occurrence_bin = {
        "day": _days(OCC),
        "week": _monday(OCC),
        "month": _days(_OCC_START["month"]),
    }[bin_]
    binned = f"({report_bin} - {occurrence_bin})"
    if viewer.org_id is None:
        return binned
    exact = f"(toInt64(intDiv(toUInt32(event_time), 86400)) - {_days(OCC)})"
    return f"if(org_id = {lit(viewer.org_id)}, {exact}, {binned})"


def delay_known(viewer: Viewer, bin_: str) -> str:
    """SQL: does the record have a delay as ``viewer`` may know it
    (schemas.sharing.delay_days)? Its own when its occurrence is known to the day; others'
    when their class holds the occurrence at the release bin: known to the day, or to the
    month under month bins (one class holds both, and a delay for one only would split it)."""
    binned = f"{PREC} IN ({', '.join(lit(p) for p in sorted({'day', bin_}))})"
    if viewer.org_id is None:
        return binned
    return f"if(org_id = {lit(viewer.org_id)}, {PREC} = 'day', {binned})"


def occurred_key(bin_: str) -> str:
    """The occurrence part of a release class (schemas.sharing.time_key) as SQL: a day at
    the release bin, a coarser precision as its own span."""
    day = {"day": OCC, "week": _monday(OCC), "month": _OCC_START["month"]}[bin_]
    return (
        f"if({PREC} = 'day', {lit(bin_)}, {PREC}), "
        f"if({PREC} = 'day', toInt64({day}), toInt64({OCC}))"
    )


# a report's class attributes as the warehouse computes them from its rows
# (schemas.sharing.report_class; migration 0013 fills them in for rows landed before)
# one row's attributes, as an element of its report's class (REPORT_CLASS_SQL)
ATTRIBUTES_SQL = "concat(" + ", '|', ".join(CLASS_ATTRIBUTES) + ")"
REPORT_CLASS_SQL = f"arrayStringConcat(arraySort(groupUniqArray({ATTRIBUTES_SQL})), ';')"


def signal_class_id(bin_: str) -> str:
    """The class of a signal by its own attributes: how classes were made before they were
    a report's (migrations 0005 and 0013), and still for a row with no ``report_class``."""
    return f"cityHash64({', '.join((BIN_SQL[bin_], occurred_key(bin_), *CLASS_COLUMNS))})"


def class_id(bin_: str) -> str:
    """A record's release class as one 64-bit hash: a set of these is several times
    cheaper to build and probe than a set of ten-column tuples (measured: year-long
    queries over 10M signals). A collision would need two of the few million classes in
    a query to share a hash: about 1 in 10^6 for the largest queries, and outside any
    partner's control (the class attributes are codes from small vocabularies). The class
    holds the report bin and the occurrence whichever clock the query uses: answers on
    the two clocks are then unions of the same classes, and subtracting one from the other
    isolates no report. The attributes are the report's (``report_class``: every signal of
    a report in one class, schemas.sharing). A row without them (written by a producer of
    the contract before, landed after migration 0013 landed the rows before it again) is a
    class of its own report: a class of the signal's own attributes would put the report
    in several classes again, and one made of the rows landed so far could split it, so
    others see none of it (schemas.sharing.legacy_class)."""
    tier = CLASS_COLUMNS[len(CLASS_ATTRIBUTES) :]
    whole = ", ".join((BIN_SQL[bin_], occurred_key(bin_), "report_class", *tier))
    alone = ", ".join((BIN_SQL[bin_], occurred_key(bin_), "'report'", "org_id", "source_id"))
    return f"if(report_class = '', cityHash64({alone}), cityHash64({whole}))"


def class_column(bin_: str) -> str:
    """The signals column holding ``class_id(bin_)``, computed once as a row is written
    (a DEFAULT column the sink never writes: consumers.tables.SIGNALS, and migration 0005
    for rows landed before it). Reading it instead of hashing ten columns per row and
    query halved the release check over 2M signals (0.73 -> 0.36 s); its expression is
    ``class_id``'s own, so a change to the class needs a migration that redefines it."""
    return f"release_class_{bin_}"


def _sizable(cid: str, scope: str, k: int) -> str:
    """SQL condition: the record's class holds at least k rows (in ``scope``, which holds
    whole classes). A class of k reports has at least k rows (a report has a row per place
    and typology, and a row landed twice is two until merged), so this keeps every class
    the k rule could release, and only those need counting their distinct reports.
    Counting rows needs no set per class: over 10M signals nearly every class is one
    report (the public's 52-week map 0.88 -> 0.54 s). Where the class is a stored column,
    the warehouse's kept counts answer (consumers.class_sizes: the member's 90-day map
    over 10M signals 1.87 -> 0.84 s), else the scope's rows are counted."""
    if k < FLOOR:
        return "1"
    bin_ = _STORED.get(cid)
    if bin_ is not None:
        return candidates(cid, bin_, k)
    rows = f"SELECT {cid} FROM signals WHERE {scope} GROUP BY {cid} HAVING count() >= {k}"
    return f"{cid} IN ({rows})"


# the stored class columns and their bins (a query hashing the class itself, as the tests'
# raw path does, counts its scope's rows instead)
_STORED = {class_column(b): b for b in BINS}


def _member_whole(own: str, cid: str, scope: str, k: int) -> str:
    """Others' classes holding k of their reports, counted over every class in scope."""
    return (
        f"SELECT {cid} AS c FROM signals WHERE {scope} AND org_id != {own} "
        f"GROUP BY c HAVING uniqExact(source_id) >= {k}"
    )


def _member_prefiltered(own: str, cid: str, scope: str, k: int) -> str:
    """The same classes, distinct reports counted only in classes of k rows or more
    (``_sizable``), as a PREWHERE: the few candidate classes lie in few granules, so the
    source ids of the others are never read (chDB does not move an IN of a subquery to
    PREWHERE by itself)."""
    others = f"{scope} AND org_id != {own}"
    return (
        f"SELECT {cid} AS c FROM signals PREWHERE {_sizable(cid, others, k)} WHERE {others} "
        f"GROUP BY c HAVING uniqExact(source_id) >= {k}"
    )


# SQL plans for one rule (a member sees another's record when its class holds k reports
# of organisations other than the member); ``tests/test_release_plans.py`` checks they
# release the same records and `tahub bench console --compare` times them in turn. Each
# names the others' classes it releases; 'by_org' reads the member's own records from
# BY_ORG instead, by key range (``released_rows``). Queries use MEMBER_PLAN; the others are kept
# only to be compared against.
MEMBER_PLANS: dict[str, Callable[[str, str, str, int], str]] = {
    "whole": _member_whole,
    "prefiltered": _member_prefiltered,
    "by_org": _member_prefiltered,
}
# a copy of signals ordered by organisation (migration 0007 and its materialised view):
# a member's own records, 1 row in 40 and in every granule of signals, are one key range
BY_ORG = "signals_by_org"
_SPLIT = frozenset({"by_org"})
MEMBER_PLAN = "by_org"
_chosen = [MEMBER_PLAN]


@contextmanager
def member_plan(name: str) -> Iterator[None]:
    """Queries use the member plan ``name`` inside (the bench's A/B and the equality tests
    only: a process-wide choice, so never while serving partners)."""
    if name not in MEMBER_PLANS:
        raise ValueError(f"no member plan {name!r}; plans: {', '.join(MEMBER_PLANS)}")
    before = _chosen[0]
    _chosen[0] = name
    try:
        yield
    finally:
        _chosen[0] = before


def released(viewer: Viewer, k: int, scope: str, bin_: str) -> str:
    """SQL condition: may this visible record enter an answer? ``scope`` is the query's
    own condition (period, visibility, filters), made of whole classes only. The k rule
    is schemas.sharing.enough, per class; distinct reports counted only in classes of k
    rows or more."""
    cid = class_column(bin_)
    k = int(k)
    if viewer.org_id is None:
        # per class and organisation, then: all reports but the largest contributor's
        # (distinct reports of different organisations are different reports)
        return (
            f"{cid} IN (SELECT c FROM (SELECT {cid} AS c, uniqExact(source_id) AS n "
            f"FROM signals WHERE {scope} AND {_sizable(cid, scope, k)} GROUP BY c, org_id) "
            f"GROUP BY c HAVING sum(n) - max(n) >= {k})"
        )
    own = lit(viewer.org_id)
    return f"(org_id = {own} OR {cid} IN ({MEMBER_PLANS[_chosen[0]](own, cid, scope, k)}))"


def released_rows(viewer: Viewer, k: int, scope: str, bin_: str) -> str:
    """SQL ``FROM … WHERE …``: the records in ``scope`` that may enter an answer, with
    every column of signals. Under a split plan a member's own records come from BY_ORG
    (its key starts with the organisation, so only the member's granules are read) and
    others' from signals, only rows of released classes (a PREWHERE: the few released
    classes lie in few granules); the rule is ``released``'s, the same classes."""
    if viewer.org_id is None or _chosen[0] not in _SPLIT:
        return f"FROM signals WHERE {scope} AND {released(viewer, k, scope, bin_)}"
    own, cid = lit(viewer.org_id), class_column(bin_)
    classes = MEMBER_PLANS[_chosen[0]](own, cid, scope, int(k))
    mine = f"SELECT * FROM {BY_ORG} WHERE org_id = {own} AND {scope}"
    others = (
        f"SELECT * FROM signals PREWHERE {cid} IN ({classes}) WHERE org_id != {own} AND {scope}"
    )
    return f"FROM ({mine} UNION ALL {others}) WHERE 1"
