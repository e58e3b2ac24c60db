"""Disclosure control for queries over signals: the sharing rule in SQL, and which records
may enter an answer at all (pure SQL building; the rule itself is schemas.sharing).

Suppressing small *groups* of an answer does not survive differencing: the total of a
country minus its visible typologies, or a period minus a slightly shorter one, exposes
the group that was left out. So tahub suppresses *records*, before any grouping. Another
organisation's record enters an answer only if its release class, the finest combination
of attributes any query can show plus its sharing tier (schemas.sharing.tier),

    UTC day, week or month (TAHUB_RELEASE_BIN), typology, origin, destination, location,
    coarse cell, fine cell, source kind, level, and the owner for levels whose audience
    depends on the owner

holds at least k reports of organisations other than the viewer (for the public: other
than the class's largest contributor). Every query is a union of whole classes (periods
and buckets are whole bins, filters and groupings are class attributes), and the rule can
only
release more as reports are added, so an answer is the same whether a class of fewer than
k others' reports exists or not: zero and suppressed cannot be told apart, by one query or
a sequence of them, padding with one's own reports included. The viewer's own records
always count. ``tests/test_sharing_attacker.py`` searches for a way around this.
"""

from __future__ import annotations

from datetime import datetime

from schemas.sharing import Audience, Viewer, levels_for

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
    "typology",
    "origin_country",
    "destination_country",
    "location_country",
    "cell_coarse",
    "cell_fine",
    "source_kind",
    "tlp",
    "if(tlp IN ({}), '', org_id)".format(", ".join(f"'{t}'" for t in _SHARED)),
)


def lit(value: str) -> str:
    """A ClickHouse string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _in(column: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{column} IN ({', '.join(lit(v) for v in values)})"


def visible(viewer: Viewer, org: str = "org_id", tlp: str = "tlp") -> str:
    """SQL condition: may the viewer see this record? Derived from ``AUDIENCE``."""
    terms = [_in(tlp, levels_for(Audience.ANYONE))]
    if viewer.org_id is not None:
        terms.append(_in(tlp, levels_for(Audience.MEMBERS)))
        terms.append(f"{org} = {lit(viewer.org_id)}")
        if viewer.amber_from:
            partners = _in(org, sorted(viewer.amber_from))
            terms.append(f"({_in(tlp, levels_for(Audience.OWNER_AND_PARTNERS))} AND {partners})")
    return "(" + " OR ".join(terms) + ")"


def period(start: datetime, end: datetime) -> str:
    """SQL condition on event_time for a period already snapped to bins."""
    return (
        f"event_time >= toDateTime({int(start.timestamp())}) "
        f"AND event_time < toDateTime({int(end.timestamp())})"
    )


def class_id(bin_: str) -> str:
    """A record's release class as one 64-bit hash: a set of these is several times
    cheaper to build and probe than a set of ten-column tuples (measured: year-long
    queries over 10M signals). A collision would need two of the few million classes in
    a query to share a hash: about 1 in 10^6 for the largest queries, and outside any
    partner's control (the class attributes are codes from small vocabularies)."""
    return f"cityHash64({', '.join((BIN_SQL[bin_], *CLASS_COLUMNS))})"


def released(viewer: Viewer, k: int, scope: str, bin_: str) -> str:
    """SQL condition: may this visible record enter an answer? ``scope`` is the query's
    own condition (period, visibility, filters), made of whole classes only. The k rule
    is schemas.sharing.enough, per class."""
    cid = class_id(bin_)
    if viewer.org_id is None:
        # per class and organisation, then: all reports but the largest contributor's
        # (distinct reports of different organisations are different reports)
        return (
            f"{cid} IN (SELECT c FROM (SELECT {cid} AS c, uniqExact(source_id) AS n "
            f"FROM signals WHERE {scope} GROUP BY c, org_id) "
            f"GROUP BY c HAVING sum(n) - max(n) >= {int(k)})"
        )
    own = lit(viewer.org_id)
    return (
        f"(org_id = {own} OR {cid} IN (SELECT {cid} AS c FROM signals WHERE {scope} "
        f"AND org_id != {own} GROUP BY c HAVING uniqExact(source_id) >= {int(k)}))"
    )
