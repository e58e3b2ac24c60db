"""tahub's Faust agents. Today: the intake guard on every external input topic.

Each input is consumed as raw bytes in batches, decoded and validated by ``guard``;
failures go to the DLQ with their reason and origin, and a DlqLimit stops the worker
when a bad deploy makes everything fail. Normalization (issue 5) builds on this.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from schemas import topics
from schemas.deadletters import Origin
from schemas.models import DeadLetter
from schemas.serde import Serde
from schemas.topics import TopicSpec
from streams.app import StreamConfig
from streams.guard import DlqLimit, guard

log = logging.getLogger(__name__)

INPUTS: tuple[TopicSpec, ...] = (topics.INCIDENTS, topics.NEWS_ARTICLES)
BATCH = 500
BATCH_WAIT = 0.2  # seconds


def register_agents(app: faust.App, cfg: StreamConfig, serde: Serde) -> None:
    dlq = app.topic(
        topics.DLQ.physical(cfg.topic_prefix), value_serializer="raw", key_serializer="raw"
    )
    for spec in INPUTS:
        _intake_agent(app, cfg, serde, spec, dlq)


def _intake_agent(
    app: faust.App, cfg: StreamConfig, serde: Serde, spec: TopicSpec, dlq: Any
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
                    value = serde.encode(topics.DLQ, result.to_avro())
                    await dlq.send(key=name.encode(), value=value)
                limit.record(ok=not isinstance(result, DeadLetter))
            yield len(events)

    app.agent(source, name=f"intake-{spec.logical}")(intake)
