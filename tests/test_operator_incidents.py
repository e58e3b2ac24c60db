"""Operator incidents offline: the pure core (time and findings passed in), and the one
table of conditions that the health rules name, the operator alerts explain and the
shipped Prometheus rules are generated from."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tahub.checks import Check
from tahub.health import conditions, incidents, promrules
from tahub.health.incidents import ESCALATED, FIRING, RESOLVED, Incident, Policy, step
from tahub.health.rules import (
    Channel,
    Disk,
    Feed,
    Finding,
    Level,
    Offsets,
    Snapshot,
    Thresholds,
    channels,
    dead_letters,
    disk,
    evaluate,
    feeds,
    stage,
)
from tahub.lag import Lag

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "tahub" / "deploy" / "prometheus" / "tahub.rules.yml"
NOW = 1_000_000.0
QUICK = Policy(hold=0.0, clear=10.0)

WAREHOUSE = Finding("warehouse", Level.RED, "clickhouse: connection refused", "TahubCheckFailing")
SINK = Finding("sink", Level.RED, "warehouse failing, retrying", "TahubCheckFailing")
SINK_STAGE = Finding("warehouse sink", Level.RED, "stalled: 40 record(s) behind",
                     "TahubStageStalled")  # fmt: skip
GREEN = [Finding("warehouse", Level.GREEN, "migrated"), Finding("sink", Level.GREEN, "running"),
         Finding("warehouse sink", Level.GREEN, "0 record(s) behind")]  # fmt: skip


def _run(
    timeline: list[tuple[float, list[Finding]]], policy: Policy = QUICK
) -> tuple[list[incidents.Notice], dict[str, Incident]]:
    state: dict[str, Incident] = {}
    told: list[incidents.Notice] = []
    for at, found in timeline:
        notices, state = step(state, found, NOW + at, policy)
        told += notices
    return told, state


def test_one_part_in_trouble_is_one_firing_and_one_resolution() -> None:
    # the warehouse stops: its check, the sink's and then the sink stage turn red over
    # three evaluations; it comes back, and stays green past the clear time
    told, state = _run([
        (0, GREEN), (5, [WAREHOUSE, SINK]), (10, [WAREHOUSE, SINK, SINK_STAGE]),
        (15, [WAREHOUSE, SINK, SINK_STAGE]), (20, GREEN), (25, GREEN), (31, GREEN),
    ])  # fmt: skip
    assert [(n.state, n.incident.group, n.at - NOW) for n in told] == [
        (FIRING, "warehouse", 5), (RESOLVED, "warehouse", 31)
    ]  # fmt: skip
    assert state == {}
    firing = incidents.payload(told[0], source="tahub app at http://h", ops_url="http://h/ops")
    assert firing["title"] == "CRITICAL tahub: warehouse is failing"
    assert [p["component"] for p in firing["problems"]] == ["warehouse", "sink"]
    assert firing["what_to_do"] == [
        conditions.CHECK_TODO["warehouse"],
        conditions.CHECK_TODO["sink"],
    ]
    resolved = incidents.payload(told[1], source="s", ops_url="u")
    assert resolved["title"] == "RESOLVED tahub: warehouse is failing (after 26 s)"
    assert resolved["incident_id"] == firing["incident_id"]
    assert resolved["notification_id"] != firing["notification_id"]


def test_flapping_back_to_bad_before_the_clear_time_keeps_the_incident() -> None:
    told, _state = _run([(0, [WAREHOUSE]), (5, GREEN), (9, [WAREHOUSE]), (14, GREEN), (23, GREEN),
                        (24, GREEN)])  # fmt: skip
    assert [n.state for n in told] == [FIRING, RESOLVED]
    assert told[1].at - NOW == 24  # green from 14, clear 10


def test_a_condition_shorter_than_its_hold_tells_nobody() -> None:
    policy = Policy(hold=None, clear=10.0)  # each condition's own: the stall's 60 s
    assert conditions.hold("TahubStageStalled") == 60
    told, state = _run([(0, [SINK_STAGE]), (30, [SINK_STAGE]), (40, GREEN)], policy)
    assert told == []
    assert state == {}
    told, state = _run([(0, [SINK_STAGE]), (30, [SINK_STAGE]), (60, [SINK_STAGE])], policy)
    assert [(n.state, n.at - NOW) for n in told] == [(FIRING, 60)]


def test_a_missing_sample_neither_resolves_nor_opens() -> None:
    # Kafka down: no stage finding at all for a while; the stall stays open, then clears
    told, _state = _run([(0, [SINK_STAGE]), (5, []), (100, []), (105, GREEN), (116, GREEN)])
    assert [(n.state, n.at - NOW) for n in told] == [(FIRING, 0), (RESOLVED, 116)]


def test_yellow_that_turns_red_escalates_once_and_red_is_not_told_twice() -> None:
    behind = Finding("intake stage (incidents, news)", Level.YELLOW, "the oldest 70 s",
                     "TahubStageBehind")  # fmt: skip
    stalled = Finding(behind.component, Level.RED, "stalled", "TahubStageStalled")
    told, _ = _run([(0, [behind]), (5, [stalled]), (10, [behind]), (15, [stalled])])
    assert [n.state for n in told] == [FIRING, ESCALATED]
    body = incidents.payload(told[1], source="s", ops_url="u")
    assert body["title"] == "CRITICAL (was warning) tahub: stage intake stage (incidents, news) " \
        "is stalled"  # fmt: skip
    assert body["severity"] == "critical"


def test_red_only_policy_ignores_yellow() -> None:
    feeds_some = Finding("news feeds", Level.YELLOW, "1 of 2 failing", "TahubNewsFeedsFailing")
    told, state = _run([(0, [feeds_some]), (5, [feeds_some])], Policy(Level.RED, 0.0, 10.0))
    assert told == []
    assert state == {}


def test_separate_parts_are_separate_incidents() -> None:
    feeds_all = Finding("news feeds", Level.RED, "2 of 2 failing", "TahubNewsAllFeedsFailing")
    told, state = _run([(0, [WAREHOUSE, feeds_all]), (5, [WAREHOUSE, feeds_all])])
    assert sorted((n.state, n.incident.group) for n in told) == [
        (FIRING, "news"), (FIRING, "warehouse")
    ]  # fmt: skip
    assert set(state) == {"news", "warehouse"}


def test_incidents_survive_json_and_a_restart_sees_green_afresh() -> None:
    _, state = _run([(0, [WAREHOUSE]), (5, GREEN)])  # green since 5, not yet resolved
    stored = json.loads(json.dumps({g: i.to_json() for g, i in state.items()}))
    back = {g: Incident.from_json(i) for g, i in stored.items()}
    assert back == state
    resumed = incidents.resumed(back)
    assert resumed["warehouse"].green_since is None
    # after the restart the first look is green: not yet resolved (a look at a stage
    # right after a start may be green for want of a second look) ...
    told, after = step(resumed, GREEN, NOW + 500, QUICK)
    assert told == []
    assert "warehouse" in after
    # ... and no second firing while it is still bad
    told, after = step(resumed, [WAREHOUSE], NOW + 500, QUICK)
    assert told == []
    told, after = step(after, GREEN, NOW + 505, QUICK)
    told, after = step(after, GREEN, NOW + 515, QUICK)
    assert [n.state for n in told] == [RESOLVED]
    assert after == {}


def test_the_plain_text_names_reason_and_advice() -> None:
    told, _ = _run([(0, [WAREHOUSE])])
    body = incidents.payload(told[0], source="tahub app at http://h", ops_url="http://h/ops")
    text = incidents.text(body)
    assert "- warehouse: clickhouse: connection refused" in text
    assert "What to do: The warehouse does not answer" in text
    assert body["incident_id"] in text


# --- one place for every condition ---


def _limits() -> Thresholds:
    return Thresholds()


def _lags(*parts: tuple[int, int], oldest: float) -> tuple[Lag, ...]:
    return tuple(Lag("g", "t", i, c, 0, e, oldest if e > c else None)
                 for i, (c, e) in enumerate(parts))  # fmt: skip


def _every_finding_the_rules_make() -> list[Finding]:
    t = _limits()
    t0, t1 = Offsets(995, (), 0, 0), Offsets(1000, (), 0, 0)

    def judged(before: tuple[Lag, ...], after: tuple[Lag, ...]) -> Finding:
        return stage("s", before, after, t, t0=t0, t1=t1)

    def at(when: float, dlq: int, written: int) -> Offsets:
        return Offsets(when, (), dlq, written)

    gib = 2**30
    return [
        judged(_lags((10, 50), oldest=900), _lags((10, 80), oldest=900)),  # stalled
        judged(_lags((0, 50), oldest=880), _lags((10, 50), oldest=885)),  # behind
        judged(_lags((0, 50), oldest=400), _lags((10, 50), oldest=405)),  # far behind
        judged(_lags((0, 800), oldest=995), _lags((500, 2000), oldest=999)),  # growing
        dead_letters(at(0, 100, 1000), at(5, 150, 1500), t),
        dead_letters(at(0, 0, 0), at(5, 60, 100), t),
        feeds([Feed("a", 0, None), Feed("b", 2, "x")], t),
        feeds([Feed("b", 2, "x")], t),
        channels([Channel("webhook", "h", 3, True)]),
        disk(Disk("/d", 8 * gib, 100 * gib), t),
        disk(Disk("/d", 4 * gib, 100 * gib), t),
        *(f for f in evaluate(None, None, Snapshot(checks=(Check("warehouse", False, "x"),)),
                              t, "app").findings if f.level > Level.GREEN),
    ]  # fmt: skip


def test_every_bad_finding_names_a_condition_of_its_colour() -> None:
    found = _every_finding_the_rules_make()
    named = set()
    for f in found:
        assert f.level > Level.GREEN, f
        assert f.condition in conditions.BY_NAME, f
        assert conditions.BY_NAME[f.condition].level == f.level, f
        assert conditions.BY_NAME[f.condition].judged_here, f
        named.add(f.condition)
    # and every condition tahub judges itself is reached by some rule
    assert named == {c.name for c in conditions.CONDITIONS if c.judged_here}


def test_green_findings_name_no_condition() -> None:
    t = _limits()
    assert feeds([Feed("a", 0, None)], t).condition is None
    assert disk(Disk("/d", 50, 100), t).condition is None
    assert channels([]).condition is None


def test_the_shipped_prometheus_rules_are_generated_from_the_conditions() -> None:
    assert RULES.read_text() == promrules.render(), (
        "regenerate: python -m tahub.health.promrules > tahub/deploy/prometheus/tahub.rules.yml"
    )
    rules = yaml.safe_load(RULES.read_text())["groups"][0]["rules"]
    assert [r["alert"] for r in rules] == [c.name for c in conditions.CONDITIONS]
    for r in rules:
        c = conditions.BY_NAME[r["alert"]]
        assert r["labels"]["severity"] == conditions.SEVERITY[c.level]
        assert "{subject}" not in r["annotations"]["summary"] + r["annotations"]["description"]


def test_other_thresholds_change_the_generated_expressions() -> None:
    text = promrules.render(Thresholds(stall_seconds=45, dlq_ratio_red=0.8, disk_free_red=3))
    rules = {r["alert"]: r for r in yaml.safe_load(text)["groups"][0]["rules"]}
    assert ">= 45)" in rules["TahubStageStalled"]["expr"]
    assert ">= 0.8" in rules["TahubDeadLettersFlood"]["expr"]
    assert rules["TahubDiskFull"]["expr"] == "tahub_data_dir_free_ratio < 0.03"


def test_every_component_the_job_checks_belongs_to_a_part() -> None:
    from tahub.lag import STAGES

    for component in ("kafka", "warehouse", "sink", "worker process", "alerts process",
                      "news process", "news feeds", "alert channels", "dead letters", "disk",
                      "consumer lag", "subscriptions", "alert delivery",
                      *STAGES.values()):  # fmt: skip
        assert component in conditions.GROUP_OF, component
    assert conditions.group_of("something new") == "something new"
