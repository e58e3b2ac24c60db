"""Each detection's versions as the router has read them, to judge any organisation's
lifecycle of it (pure; the store persists it).

A detection's lifecycle belongs to a viewer, an organisation, not to one of its
subscriptions (``schemas.lifecycle``): once a version it may not see has ended a detection
it could see, nothing later of that detection is shown to it — not to the subscription
that was told of the end, nor to one it makes or resumes afterwards, nor to one that
matched nothing before. So the router keeps what decides that for every organisation,
subscribed or not: each version's evidence, in version order. Consecutive versions with
the same evidence are one run (everyone sees all or none of them), so a detection holds
as many runs as times its evidence changed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from schemas import lifecycle

RESAVE_S = 3600.0
Evidence = tuple[tuple[str, str, int], ...]  # (organisation, level, reports), sorted


def evidence_key(detection: Mapping[str, Any]) -> Evidence:
    return tuple(
        sorted(
            (str(e["org_id"]), str(e["tlp"]), int(e["reports"]))
            for e in detection.get("evidence") or ()
        )
    )


def as_detection(evidence: Evidence) -> dict[str, Any]:
    """Evidence in the shape the sharing rule reads."""
    return {"evidence": [{"org_id": o, "tlp": t, "reports": n} for o, t, n in evidence]}


@dataclass
class History:
    """One detection: runs of versions with equal evidence, in version order. A run
    [first, last] holds the versions read in that range, which all had its evidence, so a
    version read late (a replay, or out of order) splits or joins runs exactly."""

    firsts: list[int] = field(default_factory=list)
    lasts: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    at: float = 0.0  # when a version last came (for forgetting)

    def add(self, version: int, evidence: Evidence, now: float) -> bool:
        """Take one version; says whether what is kept changed (its time only when it
        moved by more than ``RESAVE_S``: a long-running spike is not forgotten)."""
        stale = now - self.at > RESAVE_S
        self.at = max(self.at, now)
        i = bisect.bisect_right(self.firsts, version) - 1
        if i >= 0 and version <= self.lasts[i]:
            if self.evidence[i] == evidence:
                return stale  # a replay, or inside its run
            self._split(i, version, evidence)
            return True
        joins_before = i >= 0 and self.evidence[i] == evidence
        nxt = i + 1
        joins_after = nxt < len(self.firsts) and self.evidence[nxt] == evidence
        if joins_before and joins_after:
            self.lasts[i] = self.lasts[nxt]
            del self.firsts[nxt], self.lasts[nxt], self.evidence[nxt]
        elif joins_before:
            self.lasts[i] = version
        elif joins_after:
            self.firsts[nxt] = version
        else:
            self._insert(nxt, version, version, evidence)
        return True

    def _insert(self, at: int, first: int, last: int, evidence: Evidence) -> None:
        self.firsts.insert(at, first)
        self.lasts.insert(at, last)
        self.evidence.insert(at, evidence)

    def _split(self, i: int, version: int, evidence: Evidence) -> None:
        """A version inside run ``i`` with other evidence: the run's versions before and
        after it stay, it becomes a run of its own between them."""
        first, last, old = self.firsts[i], self.lasts[i], self.evidence[i]
        del self.firsts[i], self.lasts[i], self.evidence[i]
        pieces = [(first, version - 1, old), (version, version, evidence)]
        pieces.append((version + 1, last, old))
        for first_, last_, ev in reversed(pieces):
            if first_ <= last_:
                self._insert(i, first_, last_, ev)

    def ended_before(self, version: int, visible: Callable[[Evidence], bool]) -> bool:
        """Has the viewer's lifecycle ended at a version earlier than ``version``?"""
        upto = bisect.bisect_left(self.firsts, version)
        _, end = lifecycle.cut([visible(e) for e in self.evidence[:upto]])
        return end is not None

    def to_json(self) -> dict[str, Any]:
        runs = [
            [f, la, [list(e) for e in ev]]
            for f, la, ev in zip(self.firsts, self.lasts, self.evidence, strict=True)
        ]
        return {"runs": runs, "at": self.at}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> History:
        runs: Iterable[Any] = data.get("runs", ())
        h = cls(at=float(data.get("at", 0.0)))
        for first, last, ev in runs:
            h._insert(
                len(h.firsts),
                int(first),
                int(last),
                tuple((str(o), str(t), int(n)) for o, t, n in ev),
            )
        return h


class Lifecycles:
    """Every detection's history, by id."""

    def __init__(self, histories: Mapping[str, History] | None = None) -> None:
        self.by_id: dict[str, History] = dict(histories or {})

    def add(self, detection: Mapping[str, Any], now: float) -> History | None:
        """Take one version; the detection's history if it changed (to save)."""
        det_id = str(detection["detection_id"])
        history = self.by_id.setdefault(det_id, History())
        changed = history.add(int(detection["version"]), evidence_key(detection), now)
        return history if changed else None

    def ended_for(
        self, detection: Mapping[str, Any], may_see: Callable[[Mapping[str, Any]], bool]
    ) -> bool:
        """Had the lifecycle of this detection ended, for the viewer ``may_see`` judges
        for, before this version?"""
        history = self.by_id.get(str(detection["detection_id"]))
        if history is None:
            return False
        return history.ended_before(int(detection["version"]), lambda ev: may_see(as_detection(ev)))

    def forget(self, before: float) -> list[str]:
        """Drop detections no version of which came since ``before``; their ids."""
        old = [d for d, h in self.by_id.items() if h.at < before]
        for det_id in old:
            del self.by_id[det_id]
        return old
