"""The router's per-detection histories judge an organisation's lifecycle as the query
API's ``schemas.lifecycle.seen`` does, whatever order and repeats the versions come in."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.lifecycles import History, Lifecycles
from alerts.matching import may_see
from schemas import lifecycle

ORGS = ("org-a", "org-b", "org-x", "org-r")
LEVELS = ("CLEAR", "GREEN", "AMBER", "RED")

evidences = st.lists(
    st.tuples(st.sampled_from(ORGS), st.sampled_from(LEVELS), st.integers(0, 4)),
    max_size=4,
    unique_by=lambda e: e[0],
)


def _version(n: int, ev: list[tuple[str, str, int]]) -> dict[str, Any]:
    items = [{"org_id": o, "tlp": t, "reports": r} for o, t, r in ev]
    return {"detection_id": "d", "version": n, "state": "updated", "evidence": items}


@settings(max_examples=300, deadline=None)
@given(st.lists(evidences, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_ended_for_is_the_query_apis_lifecycle_for_every_org(
    evs: list[list[tuple[str, str, int]]], rnd: Any
) -> None:
    versions = [_version(i + 1, ev) for i, ev in enumerate(evs)]
    arrivals = versions + rnd.sample(versions, len(versions) // 2)  # repeats: replays
    rnd.shuffle(arrivals)
    lifecycles = Lifecycles()
    for v in arrivals:
        lifecycles.add(v, 0.0)
    restored = Lifecycles({"d": History.from_json(lifecycles.by_id["d"].to_json())})
    for org in ORGS:

        def sees(v: Any, org: str = org) -> bool:
            return may_see(org, v, 3)

        shown = lifecycle.seen(versions, sees)
        for v in versions:
            if not sees(v):
                continue
            # a version the org may see is shown to it unless its lifecycle ended before
            expected = not any(s["version"] == v["version"] for s in shown)
            assert lifecycles.ended_for(v, sees) is expected, (org, v["version"])
            assert restored.ended_for(v, sees) is expected


def test_equal_evidence_is_one_run_and_a_late_version_starts_its_run() -> None:
    h = History()
    ev = (("org-a", "GREEN", 3),)
    red = (("org-a", "GREEN", 3), ("org-r", "RED", 1))
    assert h.add(5, ev, 0.0)
    assert h.add(6, ev, 1.0)  # joins the run (which now ends at 6)
    assert not h.add(5, ev, 2.0)  # a replay
    assert h.add(9, red, 3.0)
    assert h.add(3, ev, 4.0)  # came late: it starts the first run
    assert (h.firsts, h.lasts) == ([3, 9], [6, 9])
    assert h.add(4, red, 5.0)  # came late, other evidence: splits the run
    assert (h.firsts, h.lasts) == ([3, 4, 5, 9], [3, 4, 6, 9])


def test_a_long_quiet_detection_is_forgotten_and_a_busy_one_kept() -> None:
    lifecycles = Lifecycles()
    lifecycles.add(_version(1, [("org-a", "GREEN", 3)]), 0.0)
    lifecycles.add({**_version(1, [("org-a", "GREEN", 3)]), "detection_id": "e"}, 0.0)
    # a detection whose versions keep coming with the same evidence says so, now and then
    assert lifecycles.add({**_version(2, [("org-a", "GREEN", 3)]), "detection_id": "e"}, 7200)
    assert lifecycles.forget(3600.0) == ["d"]
    assert list(lifecycles.by_id) == ["e"]
