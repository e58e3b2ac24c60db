"""A detection's lifecycle as one viewer sees it (``schemas.lifecycle``, pure)."""

from __future__ import annotations

from typing import Any

from schemas import lifecycle


def _v(version: int, state: str, observed: float, window: str) -> dict[str, Any]:
    return {"detection_id": "d", "version": version, "state": state, "observed": observed,
            "window_start": window, "window_end": window + "+1", "updated_at": window}  # fmt: skip


def _shown(*versions: dict[str, Any], hidden: set[int]) -> list[tuple[int, str, float, str]]:
    seen = lifecycle.seen(versions, lambda v: v["version"] not in hidden)
    return [(v["version"], v["state"], v["observed"], v["window_start"]) for v in seen]


OPENED = _v(100_004, "opened", 4.0, "w0")
GROWN = _v(100_009, "updated", 9.0, "w0")
NEXT = _v(200_098, "updated", 6.0, "w1")
LATER = _v(300_098, "updated", 8.0, "w2")
END = _v(399_999, "resolved", 8.0, "w3")


def test_a_viewer_who_may_see_every_version_sees_them_all_in_order() -> None:
    assert _shown(END, NEXT, OPENED, LATER, GROWN, hidden=set()) == [
        (100_004, "opened", 4.0, "w0"), (100_009, "updated", 9.0, "w0"),
        (200_098, "updated", 6.0, "w1"), (300_098, "updated", 8.0, "w2"),
        (399_999, "resolved", 8.0, "w3"),
    ]  # fmt: skip


def test_a_hidden_version_ends_the_detection_for_the_viewer_at_its_window() -> None:
    """What the viewer was shown last, resolved at the hidden version's window, numbered
    as the engine numbers a resolution there; nothing later, visible or not."""
    assert _shown(OPENED, GROWN, NEXT, LATER, END, hidden={200_098}) == [
        (100_004, "opened", 4.0, "w0"), (100_009, "updated", 9.0, "w0"),
        (299_999, "resolved", 9.0, "w1"),
    ]  # fmt: skip


def test_a_hidden_early_look_in_a_window_it_was_shown_ends_it_in_that_window() -> None:
    assert _shown(OPENED, GROWN, NEXT, hidden={100_009, 200_098}) == [
        (100_004, "opened", 4.0, "w0"), (199_999, "resolved", 4.0, "w0"),
    ]  # fmt: skip


def test_a_hidden_resolution_ends_it_with_its_own_number() -> None:
    assert _shown(OPENED, LATER, END, hidden={399_999}) == [
        (100_004, "opened", 4.0, "w0"), (300_098, "updated", 8.0, "w2"),
        (399_999, "resolved", 8.0, "w3"),
    ]  # fmt: skip


def test_versions_hidden_before_any_shown_one_are_left_out() -> None:
    """The detection is first shown when it becomes visible: it has not begun for the
    viewer, so nothing ends."""
    assert _shown(OPENED, GROWN, NEXT, hidden={100_004}) == [
        (100_009, "updated", 9.0, "w0"), (200_098, "updated", 6.0, "w1"),
    ]  # fmt: skip
    assert _shown(OPENED, GROWN, hidden={100_004, 100_009}) == []


def test_the_end_repeats_what_was_shown_and_takes_only_time_from_the_hidden_version() -> None:
    shown = {**GROWN, "evidence": [{"org_id": "org-a", "tlp": "CLEAR", "reports": 9}]}
    hidden = {**NEXT, "evidence": [{"org_id": "org-r", "tlp": "CLEAR", "reports": 1}],
              "_origin": 12.5}  # fmt: skip
    end = lifecycle.end_of(shown, hidden)
    assert end == {**shown, "state": "resolved", "version": 299_999, "window_start": "w1",
                   "window_end": "w1+1", "updated_at": "w1", "_origin": 12.5}  # fmt: skip
