"""tahub's Faust agents: intake guard and normalize, then detection (detect_agents).

Each input is consumed as raw bytes in batches, decoded and validated by ``guard``;
failures go to the DLQ with their reason and origin, and a DlqLimit stops the worker
when a bad deploy makes everything fail. Valid incidents become signals (normalize);
news signals arrive on the signals topic from the news producer.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from schemas import topics
from schemas.deadletters import Origin
from schemas.models import DeadLetter, Incident
from schemas.serde import Serde
from schemas.topics import TopicSpec
from streams import metrics
from streams.app import StreamConfig
from streams.config import load
from streams.detect_agents import register_detection
from streams.fanout_process import FanoutProcess
from streams.guard import DlqLimit, guard
from streams.normalize import incident_signals
from streams.offsets import CommittedOffsets

log = logging.getLogger(__name__)

INPUTS: tuple[TopicSpec, ...] = (topics.INCIDENTS, topics.NEWS_ARTICLES)
BATCH = 500
BATCH_WAIT = 0.2  # seconds


def register_agents(app: faust.App, cfg: StreamConfig, serde: Serde) -> None:
    dlq = app.topic(
        topics.DLQ.physical(cfg.topic_prefix), value_serializer="raw", key_serializer="raw"
    )
    signals = app.topic(topics.SIGNALS.physical(cfg.topic_prefix))
    for spec in INPUTS:
        _intake_agent(app, cfg, serde, spec, dlq, signals)
    kafka = {"bootstrap.servers": cfg.bootstrap, **cfg.security}
    offsets = CommittedOffsets(kafka, cfg.app_id)
    conf = load(cfg.detector_config)
    fanout = FanoutProcess(cfg)
    register_detection(
        app,
        cfg.topic_prefix,
        cfg.partitions,
        serde,
        conf,
        committed=offsets,
        fanout=fanout,
        ids=cfg.ids,
    )


def _intake_agent(  # noqa: PLR0917
    app: faust.App, cfg: StreamConfig, serde: Serde, spec: TopicSpec, dlq: Any, signals: Any
) -> None:
    name = spec.physical(cfg.topic_prefix)
    source = app.topic(name, value_serializer="raw", key_serializer="raw")
    limit = DlqLimit()

    async def intake(stream: Any) -> Any:
        async for events in stream.take_events(BATCH, within=BATCH_WAIT):
            for event in events:
                msg = event.message
                origin = Origin(msg.topic, msg.partition, msg.offset)
                result = guard(serde, spec, event.value, origin)
                if isinstance(result, DeadLetter):
                    log.warning(
                        "dead-lettered %s[%s]@%s: %s (%s)",
                        msg.topic,
                        msg.partition,
                        msg.offset,
                        result.error_kind,
                        result.reason,
                    )
                    metrics.DEAD_LETTERS.labels(result.stage, result.error_kind).inc()
                    value = serde.encode(topics.DLQ, result.to_avro())
                    await dlq.send(key=name.encode(), value=value)
                elif isinstance(result, Incident):
                    # normalize: one signal per typology and place, keyed by the incident
                    key = result.incident_id.encode()
                    for sig in incident_signals(result):
                        value = serde.encode(topics.SIGNALS, sig.to_avro())
                        await signals.send(key=key, value=value)
                limit.record(ok=not isinstance(result, DeadLetter))
            yield len(events)

    app.agent(source, name=f"intake-{spec.logical}")(intake)
