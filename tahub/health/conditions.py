"""The conditions an operator is told about, in one place (pure): each one's name, colour,
summary, what to do and its Prometheus expression at the thresholds.

`tahub/health/rules.py` names the condition behind every finding it colours, the main
job's operator alerts (``incidents``) take their summary and advice from here, and the
Prometheus rule file in ``tahub/deploy/prometheus/`` is generated from this table
(``python -m tahub.health.promrules``; a test checks the file is current). PromQL and the
Python rules measure the same condition from different samples (a scrape's counters, two
looks at Kafka's offsets), so both take their thresholds from one ``Thresholds``.

The operator's incidents group findings by the part of the pipeline they describe
(``GROUPS``): a stopped warehouse reddens its check, the sink's and the sink stage's at
once, and one incident covering all three is one message, as Alertmanager's grouping
would make it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tahub.health.rules import Level, Thresholds
from tahub.lag import STAGES

SEVERITY = {Level.YELLOW: "warning", Level.RED: "critical"}


@dataclass(frozen=True)
class Condition:
    name: str  # the Prometheus alert's name
    level: Level  # YELLOW is a warning, RED critical
    summary: str  # "{subject}" is the component (operator alerts) or the label (Prometheus)
    todo: str  # what to do, for a person woken by it
    expr: Callable[[Thresholds], str]
    for_seconds: int  # how long it must hold before anyone is told
    label: str | None = None  # the Prometheus label that names the subject
    judged_here: bool = True  # False: only Prometheus sees it (no sample tahub takes)


def _f(x: float) -> str:
    return f"{x:g}"


CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "TahubDown", Level.RED, "tahub's main job does not answer on /metrics",
        "Nothing is measured while the job is down. Look at its container or `tahub up` log; "
        "`docker compose ps`.",
        lambda t: 'up{job="tahub"} == 0', 60, judged_here=False,
    ),
    Condition(
        "TahubProcessDown", Level.RED, "tahub: the {subject} process does not answer on /metrics",
        "A process in a container of its own (docker-compose.yml) is down or restarting: "
        "`docker compose ps` and its log (`docker compose logs {subject}`).",
        lambda t: 'up{job="tahub-processes"} == 0', 60, label="process", judged_here=False,
    ),
    Condition(
        "TahubCheckFailing", Level.RED, "tahub: {subject} is failing",
        "The main job's check of {subject} fails (as /health answers 503): Kafka not "
        "answering, the warehouse unreachable or unmigrated, the sink retrying inserts, a "
        "child process down, or a stage falling behind. `tahub status` names the cause.",
        lambda t: "tahub_health_check_ok == 0", 60, label="component",
    ),
    Condition(
        "TahubProcessMetricsMissing", Level.YELLOW,
        "tahub: the {subject} process's metrics cannot be read",
        "The main job cannot read that child's /metrics port (stopped, restarting, or its "
        "port taken by another program): its stages are not measured. Check "
        "TAHUB_*_METRICS_PORT and the process.",
        lambda t: "tahub_process_metrics_up == 0", 300, label="process", judged_here=False,
    ),
    Condition(
        "TahubStageStalled", Level.RED, "tahub: stage {subject} is stalled",
        "Records wait and the stage reads none of them (input but no output): a stopped or "
        "stuck worker, alerts process or sink; the warehouse sink stalls while the warehouse "
        "is down. `tahub status`, then restart the process.",
        lambda t: (
            f"(max by (group) (tahub_consumer_lag_seconds) >= {_f(t.stall_seconds)})\n"
            "and on (group)\n"
            "(sum by (group) (increase(tahub_stage_records_total[2m])) == 0)\n"
        ),
        60, label="group",
    ),
    Condition(
        "TahubStageBehind", Level.YELLOW, "tahub: stage {subject} is behind",
        "Its oldest unread record is over a minute old: a burst it is working through, or a "
        "stage too slow for its input. Add workers or sink instances.",
        lambda t: f"max by (group) (tahub_consumer_lag_seconds) >= {_f(t.lag_seconds_yellow)}",
        120, label="group",
    ),
    Condition(
        "TahubStageFarBehind", Level.RED, "tahub: stage {subject} is far behind",
        "Its oldest unread record is minutes old: alerts reach subscribers that late. Look "
        "at the stage's process and its host's load.",
        lambda t: f"max by (group) (tahub_consumer_lag_seconds) >= {_f(t.lag_seconds_red)}",
        60, label="group",
    ),
    Condition(
        "TahubLagGrowing", Level.YELLOW, "tahub: stage {subject} is falling behind",
        "Its lag passed the floor and keeps rising: it reads slower than records arrive. Add "
        "workers or sink instances, or look for a slow dependency.",
        lambda t: (
            f"tahub_consumer_group_lag_records >= {_f(t.lag_floor)}\n"
            "and deriv(tahub_consumer_group_lag_records[5m]) > 0\n"
        ),
        300, label="group",
    ),
    Condition(
        "TahubDeadLettersRising", Level.YELLOW,
        "tahub: a share of the records goes to the dead-letter queue",
        "A partner or a feed sends records that cannot be read or validated. The reasons "
        "(never the payloads) are in the dead_letters table and on the console's /ops page.",
        lambda t: _dlq(t, t.dlq_ratio_yellow), 60,
    ),
    Condition(
        "TahubDeadLettersFlood", Level.RED,
        "tahub: half the records go to the dead-letter queue",
        "Where the consumer kit stops a reader rather than empty the stream into the DLQ: a "
        "bad deploy or a broken producer. Reasons on /ops and in the dead_letters table.",
        lambda t: _dlq(t, t.dlq_ratio_red), 60,
    ),
    Condition(
        "TahubNewsFeedsFailing", Level.YELLOW, "tahub: news feeds failing",
        "`tahub news status` names them and their last error; fix or remove the feed in "
        "TAHUB_NEWS_FEEDS.",
        lambda t: "tahub_news_feeds_failing > 0", 600,
    ),
    Condition(
        "TahubNewsAllFeedsFailing", Level.RED, "tahub: every news feed is failing",
        "No news comes in at all (egress blocked, DNS, or every feed moved). "
        "`tahub news status`.",
        lambda t: "tahub_news_feeds > 0 and tahub_news_feeds_failing >= tahub_news_feeds", 600,
    ),
    Condition(
        "TahubAlertChannelFailing", Level.YELLOW, "tahub: alert endpoints failing",
        "A subscriber's Slack channel or webhook keeps refusing deliveries: theirs to fix, "
        "ours to tell them. `tahub alerts status`.",
        lambda t: "tahub_alert_endpoints_failing > 0", 300,
    ),
    Condition(
        "TahubWarehouseFailing", Level.RED, "tahub: the warehouse refuses inserts",
        "The sink has paused and retries; nothing is lost, but the console and queries fall "
        "behind. Check ClickHouse. (`tahub status` shows it as the sink's check.)",
        lambda t: "tahub_sink_retrying == 1", 60, judged_here=False,
    ),
    Condition(
        "TahubRestarting", Level.YELLOW, "tahub: {subject} keeps restarting",
        "The main job keeps starting it again; its log says why it exits.",
        lambda t: "increase(tahub_restarts_total[15m]) >= 3", 0, label="component",
        judged_here=False,
    ),
    Condition(
        "TahubDiskLow", Level.YELLOW, "tahub: the data dir's disk is filling",
        "The local broker, chDB and the alert outbox live there: free space or grow the disk.",
        lambda t: f"tahub_data_dir_free_ratio < {_f(t.disk_free_yellow / 100)}", 300,
    ),
    Condition(
        "TahubDiskFull", Level.RED, "tahub: the data dir's disk is nearly full",
        "Free space now: Kafka and the warehouse stop writing when it runs out.",
        lambda t: f"tahub_data_dir_free_ratio < {_f(t.disk_free_red / 100)}", 60,
    ),
)  # fmt: skip

BY_NAME = {c.name: c for c in CONDITIONS}


def _dlq(t: Thresholds, ratio: float) -> str:
    letters = "sum(increase(tahub_stream_dead_letters_total[5m]))"
    read = 'sum(increase(tahub_stage_records_total{stage=~"intake|fanout"}[5m]))'
    return f"{letters} >= {t.dlq_min}\nand\n{letters}\n  / {read} >= {_f(ratio)}\n"


# What to do when one of the main job's checks fails, by the check's component; the
# condition's own advice for any other.
CHECK_TODO = {
    "kafka": "Kafka does not answer. Local mode: the main job restarts its broker by itself "
    "(`tahub broker start` if it does not); servers: check the cluster and "
    "TAHUB_KAFKA_BOOTSTRAP.",
    "kafka broker (local)": "The local broker's process is down; the main job starts it "
    "again with a backoff. Its log is in <data dir>/kafka/logs.",
    "warehouse": "The warehouse does not answer or is not migrated: check the ClickHouse "
    "server at TAHUB_WAREHOUSE_URL (is it running, reachable, its disk full?). The sink "
    "pauses and retries, so nothing is lost meanwhile.",
    "sink": "The sink cannot insert: usually the warehouse (check ClickHouse); the sink "
    "retries with backoff and resumes by itself.",
    "consumer lag": "A stage's lag rose at each of the last looks: it reads slower than "
    "records arrive. `tahub status` names it; add workers or sink instances.",
    "subscriptions": "The subscription book has not loaded: check Kafka and the "
    "subscriptions topic.",
    "data dir": "Files in the data dir are readable by other users: `tahub up` makes them "
    "private again.",
}


# The parts an incident is about, each with the findings (components) that describe it.
GROUPS: dict[str, tuple[str, ...]] = {
    "kafka": ("kafka", "kafka broker (local)", "topics", "registry"),
    "stream worker": ("worker process", "worker", STAGES["-intake"], STAGES["-fanout"],
                      STAGES[""]),
    "warehouse": ("warehouse", "sink", STAGES["-sink"]),
    "alerts process": ("alerts process", STAGES["-alerts"], "alert delivery", "subscriptions"),
    "alert channels": ("alert channels",),
    "operator alerts": ("operator alerts",),
    "news": ("news process", "news feeds"),
    "dead letters": ("dead letters",),
    "consumer lag": ("consumer lag",),
    "disk": ("disk", "data dir"),
}  # fmt: skip
GROUP_OF = {component: group for group, members in GROUPS.items() for component in members}


def group_of(component: str) -> str:
    """The part a finding is about; a component no group names is a part of its own."""
    return GROUP_OF.get(component, component)


def todo(condition: str | None, component: str) -> str:
    if condition == "TahubCheckFailing" and component in CHECK_TODO:
        return CHECK_TODO[component]
    found = BY_NAME.get(condition or "")
    if found is None:
        return "`tahub status` and the console's /ops page say more."
    return found.todo.replace("{subject}", component)


def summary(condition: str | None, component: str) -> str:
    found = BY_NAME.get(condition or "")
    if found is None:
        return f"tahub: {component}"
    return found.summary.replace("{subject}", component)


def hold(condition: str | None) -> float:
    found = BY_NAME.get(condition or "")
    return float(found.for_seconds) if found is not None else 0.0
