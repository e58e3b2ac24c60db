"""One spike, one story (pure): the detections of a notification that one spike opened
across dimension sets, grouped under the most specific, as Alertmanager's inhibition
names the cause and keeps the rest as context.

A spike of forced criminality on the Myanmar → Thailand route shows up as up to six
detections in the same window: typology_route, route, typology, typology_location,
location (and the cell). As an inhibition rule does, a more specific detection takes in a
less specific one of another dimension set in the same window when it holds every
dimension of it with the same value: typology_route {forced_criminality, MM, TH} takes in
route {MM, TH} and typology {forced_criminality}; a location counts as held by a route
that starts or ends there, so it also takes in typology_location {forced_criminality, TH}
and location {TH}. Detections are taken in most specific first (the most dimensions, then
the higher severity and score), each by the first head that holds it; what no head holds
is a head of its own. A cell is held by no other set, so it stays a message line of its
own; two spikes that share only a typology (MM → TH and one in Malaysia) stay apart.
"""

from __future__ import annotations

from typing import Any

from alerts.policy import RANK, Item


def holds(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether detection ``a`` takes in ``b`` (the same spike, ``a`` more specific)."""
    if a["dimension_set"] == b["dimension_set"] or a["window_start"] != b["window_start"]:
        return False
    da, db = a["dimensions"], b["dimensions"]
    if len(db) > len(da):
        return False
    for key, value in db.items():
        if da.get(key) == value:
            continue
        on_route = key == "location" and value in (da.get("origin"), da.get("destination"))
        if not on_route:
            return False
    return True


def specificity(item: Item) -> tuple[int, int, float, str]:
    d = item.detection
    return (len(d["dimensions"]), RANK[d["severity"]], float(d["score"]), d["detection_id"])


def groups(items: tuple[Item, ...] | list[Item]) -> list[list[Item]]:
    """The items as groups, each its head first, then what it takes in; groups and the
    rest in the order the items came (the policy's: severity first)."""
    heads: list[int] = []
    taken: dict[int, list[int]] = {}
    order = sorted(range(len(items)), key=lambda i: specificity(items[i]), reverse=True)
    for i in order:
        head = next((h for h in heads if holds(items[h].detection, items[i].detection)), None)
        if head is None:
            heads.append(i)
            taken[i] = []
        else:
            taken[head].append(i)
    return [[items[h], *(items[i] for i in sorted(taken[h]))] for h in sorted(heads)]
