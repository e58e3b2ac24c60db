"""Is Kafka answering, and is any stage falling behind? Asked on a thread of its own, so
/health says so at once (it answered 200 the whole time Kafka was down) without a request
waiting on a metadata timeout, and /metrics carries each group's lag."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

from prometheus_client import REGISTRY, Gauge
from prometheus_client.metrics_core import CounterMetricFamily, Metric

from schemas.topics import ALL, INTERNAL
from tahub import lag
from tahub.checks import Check, broker
from tahub.settings import Settings

EVERY = 3.0  # seconds between probes of Kafka
LAG_EVERY = 15.0  # seconds between looks at the groups' lag
TIMEOUT = 3.0  # seconds a probe waits for the broker

LAG = Gauge(
    "tahub_consumer_lag_records",
    "Committed records a consumer group has yet to read, per topic and partition",
    ["group", "topic", "partition"],
)
LAG_TOTAL = Gauge("tahub_consumer_group_lag_records", "A group's lag over all its partitions",
                  ["group"])  # fmt: skip
LAG_SECONDS = Gauge(
    "tahub_consumer_lag_seconds",
    "Age of the oldest record a consumer group has yet to read (from the record's timestamp), "
    "per topic and partition; 0 when none waits",
    ["group", "topic", "partition"],
)
LAST_EVENT = Gauge(
    "tahub_topic_last_event_timestamp_seconds",
    "Timestamp of the newest committed record in the topic",
    ["topic"],
)
log = logging.getLogger("tahub.main")


class StageRecords:
    """``tahub_stage_records_total{stage}`` from the stages' committed positions, read with
    the lag: every Kafka-reading stage counted alike, those in processes of their own
    (the fan-out) and in code the probe does not own, without a counter in each."""

    def __init__(self) -> None:
        self.positions: dict[tuple[str, str], int] = {}

    def collect(self) -> Iterator[Metric]:
        fam = CounterMetricFamily(
            "tahub_stage_records",
            "Records each Kafka-reading stage has read and committed (from its committed "
            "offsets, read every 15 s); `group` joins it to the lag metrics",
            labels=["stage", "group"],
        )
        for (stage, group), n in sorted(self.positions.items()):
            fam.add_metric([stage, group], n)
        yield fam


STAGE_RECORDS = StageRecords()
REGISTRY.register(STAGE_RECORDS)


class KafkaProbe:
    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.s = settings
        self._stop = stop
        self._last = Check("kafka", False, "not asked yet")
        self._lag = Check("consumer lag", True, "not looked at yet")
        self.trend = lag.Trend()
        self._lag_at = 0.0
        self._thread = threading.Thread(target=self._run, name="kafka-probe", daemon=True)

    def start(self) -> None:
        self.probe()
        self._thread.start()

    def probe(self) -> Check:
        self._last = broker(self.s, timeout=TIMEOUT)[0]
        return self._last

    def look_at_lag(self) -> Check:
        conf, prefix = self.s.kafka_client_config(), self.s.topic_prefix
        try:
            read = lag.read(conf, self.s.app_id, timeout=TIMEOUT, prefix=prefix)
            lags = lag.with_ages(conf, read, timeout=TIMEOUT)
            names = [t.physical(prefix) for t in ALL] + [t.physical(prefix) for t in INTERNAL]
            last = lag.last_events(conf, names, TIMEOUT)
        except Exception as err:  # Kafka down: the kafka check says so
            log.debug("consumer lag not read: %s", err)
            return self._lag
        now = time.time()
        for item in lags:
            labels = (item.group, item.topic, str(item.partition))
            LAG.labels(*labels).set(item.records)
            LAG_SECONDS.labels(*labels).set(item.seconds(now))
        for topic, at in last.items():
            LAST_EVENT.labels(topic).set(at)
        STAGE_RECORDS.positions = lag.stage_positions(lags, self.s.app_id)
        totals = lag.totals(lags)
        for group, total in totals.items():
            LAG_TOTAL.labels(group).set(total)
        self.trend.add(totals)
        behind = self.trend.growing()
        shown = ", ".join(f"{g.removeprefix(self.s.app_id) or 'count'} {n:,}"
                          for g, n in sorted(totals.items()))  # fmt: skip
        if behind:
            self._lag = Check("consumer lag", False,
                              f"falling behind (lag rose at each of the last {self.trend.looks} "
                              f"looks): {', '.join(behind)}; now {shown}")  # fmt: skip
        else:
            self._lag = Check("consumer lag", True, shown or "no group has committed yet")
        return self._lag

    def check(self) -> Check:
        return self._last

    def lag_check(self) -> Check:
        return self._lag

    def _run(self) -> None:
        while not self._stop.wait(EVERY):
            if self.probe().ok and time.monotonic() - self._lag_at >= LAG_EVERY:
                self._lag_at = time.monotonic()
                self.look_at_lag()
