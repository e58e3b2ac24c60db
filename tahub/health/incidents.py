"""Operator incidents from health findings (pure): what to tell the operators, once.

``step`` takes the open incidents, the findings of one evaluation (the rules `tahub
status` uses) and the time, and returns the notices to send and the new incidents. An
incident is one part of the pipeline (``conditions.GROUPS``) in trouble: it is pending
while its findings have been bad for less than the condition's hold (its Prometheus
``for``), fires once, may escalate once from yellow to red, and resolves after its
findings have been green for ``clear`` seconds. A part missing from an evaluation (no
sample of it: Kafka down, no second look yet) changes nothing, so a gap in the samples
neither resolves an incident nor opens one.

The incidents are plain data with a JSON form: the main job stores them in the same
transaction as the notices it queues, so a restart neither repeats a firing nor loses a
resolution (``resumed`` makes a restarted job see green afresh before resolving).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from tahub.health import conditions
from tahub.health.rules import Finding, Level

FIRING, ESCALATED, RESOLVED = "firing", "escalated", "resolved"
NAMES = {Level.GREEN: "green", Level.YELLOW: "yellow", Level.RED: "red"}


@dataclass(frozen=True)
class Policy:
    level: Level = Level.YELLOW  # findings this bad or worse are trouble
    hold: float | None = None  # seconds; None: each condition's own (as Prometheus's `for`)
    clear: float = 60.0  # seconds green before an incident is resolved


@dataclass(frozen=True)
class Problem:
    component: str
    level: Level
    detail: str
    condition: str | None


@dataclass(frozen=True)
class Incident:
    group: str
    opened_at: float  # first seen bad
    level: Level  # the worst seen
    problems: tuple[Problem, ...]  # the bad findings at the last evaluation that had any
    fired_at: float | None = None  # None: pending
    escalated: bool = False
    green_since: float | None = None

    @property
    def incident_id(self) -> str:
        raw = f"{self.group}|{self.opened_at:.3f}".encode()
        return "ops-" + hashlib.blake2b(raw, digest_size=6).hexdigest()

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k != "problems"}
        out["level"] = int(self.level)
        out["problems"] = [{**vars(p), "level": int(p.level)} for p in self.problems]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Incident:
        problems = tuple(Problem(p["component"], Level(p["level"]), p["detail"], p["condition"])
                         for p in data["problems"])  # fmt: skip
        return cls(data["group"], float(data["opened_at"]), Level(data["level"]), problems,
                   data["fired_at"], bool(data["escalated"]), data["green_since"])  # fmt: skip


@dataclass(frozen=True)
class Notice:
    state: str  # firing | escalated | resolved
    incident: Incident
    at: float
    todo: tuple[str, ...] = field(default_factory=tuple)

    @property
    def notification_id(self) -> str:
        """The same for the same notice however often it is queued (the queue ignores a
        second copy)."""
        return f"{self.incident.incident_id}-{self.state}"

    @property
    def headline(self) -> Problem:
        return self.incident.problems[0]


def _worst_first(found: Iterable[Finding]) -> tuple[Problem, ...]:
    bad = sorted(found, key=lambda f: -f.level)  # stable: the rules' order among equals
    return tuple(Problem(f.component, f.level, f.detail, f.condition) for f in bad)


def _hold(problems: Sequence[Problem], policy: Policy) -> float:
    if policy.hold is not None:
        return policy.hold
    return min(conditions.hold(p.condition) for p in problems)


def _todo(problems: Sequence[Problem]) -> tuple[str, ...]:
    out: list[str] = []
    for p in problems:
        advice = conditions.todo(p.condition, p.component)
        if advice not in out:
            out.append(advice)
    return tuple(out)


def step(
    incidents: Mapping[str, Incident],
    findings: Sequence[Finding],
    now: float,
    policy: Policy,
) -> tuple[list[Notice], dict[str, Incident]]:
    """The notices to send now and the incidents after this evaluation."""
    by_group: dict[str, list[Finding]] = {}
    for f in findings:
        by_group.setdefault(conditions.group_of(f.component), []).append(f)
    notices: list[Notice] = []
    out = dict(incidents)
    for group, found in by_group.items():
        bad = _worst_first(f for f in found if f.level >= policy.level)
        inc = out.get(group)
        if bad:
            level = bad[0].level
            if inc is None:
                inc = Incident(group, now, level, bad)
            inc = replace(inc, problems=bad, green_since=None)
            if inc.fired_at is None:
                inc = replace(inc, level=max(inc.level, level))
                if now - inc.opened_at >= _hold(bad, policy):
                    inc = replace(inc, fired_at=now)
                    notices.append(Notice(FIRING, inc, now, _todo(bad)))
            elif level > inc.level:
                inc = replace(inc, level=level)
                if level == Level.RED and not inc.escalated:
                    inc = replace(inc, escalated=True)
                    notices.append(Notice(ESCALATED, inc, now, _todo(bad)))
            out[group] = inc
        elif inc is not None:  # seen, and not bad
            if inc.fired_at is None:
                del out[group]  # it cleared before anyone was told
                continue
            since = inc.green_since if inc.green_since is not None else now
            if now - since >= policy.clear:
                notices.append(Notice(RESOLVED, inc, now))
                del out[group]
            else:
                out[group] = replace(inc, green_since=since)
    return notices, out


def resumed(incidents: Mapping[str, Incident]) -> dict[str, Incident]:
    """The incidents as a restarted job takes them up: green must be seen again, since the
    samples before the restart are gone."""
    return {g: replace(i, green_since=None) for g, i in incidents.items()}


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 90 else f"{seconds:.0f} s"


def payload(notice: Notice, *, source: str, ops_url: str) -> dict[str, Any]:
    """The notice as a channel sends it: outbox line, webhook body, Slack text. Details
    come from the rules' findings, which name components, counts and feeds, never a
    record's content or a secret."""
    inc, head = notice.incident, notice.headline
    severity = conditions.SEVERITY.get(inc.level, "warning")
    what = conditions.summary(head.condition, head.component)
    if notice.state == RESOLVED:
        title = f"RESOLVED {what} (after {_minutes(notice.at - (inc.fired_at or inc.opened_at))})"
    elif notice.state == ESCALATED:
        title = f"{severity.upper()} (was warning) {what}"
    else:
        title = f"{severity.upper()} {what}"
    return {
        "kind": "operator",
        "tlp": "TLP:CLEAR",  # about the platform, never about a case
        "notification_id": notice.notification_id,
        "incident_id": inc.incident_id,
        "state": notice.state,
        "part": inc.group,
        "severity": severity,
        "condition": head.condition,
        "title": title,
        "problems": [
            {
                "component": p.component,
                "level": NAMES[p.level],
                "detail": p.detail,
                "condition": p.condition,
            }
            for p in inc.problems
        ],
        "what_to_do": list(notice.todo),
        "since": _iso(inc.opened_at),
        "created_at": _iso(notice.at),
        "source": source,
        "ops_url": ops_url,
    }


def text(body: Mapping[str, Any]) -> str:
    """A payload as plain text (Slack's message, logs)."""
    lines = [str(body["title"])]
    if body["state"] != RESOLVED:
        lines += [f"- {p['component']}: {p['detail']}" for p in body["problems"]]
        lines += [f"What to do: {t}" for t in body["what_to_do"]]
    lines.append(f"{body['source']} · {body['ops_url']} · incident {body['incident_id']}")
    return "\n".join(lines)
