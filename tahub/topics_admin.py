"""Creates tahub's topics with their partitions, replication and cleanup policy, idempotently."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from schemas.topics import ALL, INTERNAL, InternalTopic, TopicSpec
from tahub.errors import TahubError


class KafkaUnavailable(TahubError):
    """The broker did not answer."""


@dataclass(frozen=True)
class TopicState:
    name: str
    partitions: int
    compacted: bool
    outcome: str  # created | exists | exists-different


def admin_client(conf: dict[str, str]) -> Any:
    from confluent_kafka.admin import AdminClient

    return AdminClient({**conf, "log_level": "0", "socket.timeout.ms": "5000"})


_SHARED: dict[tuple[tuple[str, str], ...], Any] = {}
_SHARED_LOCK = threading.Lock()


def shared_admin(conf: dict[str, str]) -> Any:
    """One admin client per connection settings for the whole process, for requests that
    go to one broker (a group's coordinator, a partition's leader): a client dropped while
    such a request was pending (that broker killed, the caller's wait over) aborted the
    process in librdkafka 2.16 (``rd_kafka_enq_once_del_source_return: Assertion
    `eonce->refcnt > 0'``)."""
    key = tuple(sorted(conf.items()))
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = admin_client(conf)
        return _SHARED[key]


def check_reachable(conf: dict[str, str], timeout: float = 5.0) -> Any:
    """Metadata from the cluster, or KafkaUnavailable naming the bootstrap."""
    try:
        md = shared_admin(conf).list_topics(timeout=timeout)
    except Exception as err:
        raise KafkaUnavailable(
            f"Kafka at {conf['bootstrap.servers']} did not answer within {timeout:.0f} s ({err}); "
            "start it with `tahub broker start` or check TAHUB_KAFKA_BOOTSTRAP"
        ) from None
    if not md.brokers:
        raise KafkaUnavailable(f"Kafka at {conf['bootstrap.servers']} reports no brokers")
    return md


def ensure_topics(
    conf: dict[str, str],
    prefix: str,
    partitions: int,
    replication: int,
    specs: tuple[TopicSpec | InternalTopic, ...] = ALL + INTERNAL,
) -> list[TopicState]:
    """Every topic of ``specs`` (the contract topics and the internal ones, which workers
    would otherwise subscribe to before anything created them: Faust's consumer logged
    "Topic … not found in cluster metadata" at every first start)."""
    from confluent_kafka import KafkaError, KafkaException
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    md = check_reachable(conf)
    admin = admin_client(conf)
    existing = md.topics
    wanted = {s.physical(prefix): s for s in specs}
    to_create = [
        NewTopic(name, num_partitions=partitions, replication_factor=replication, config=s.config())
        for name, s in wanted.items()
        if name not in existing
    ]
    created: set[str] = set()
    if to_create:
        for name, fut in admin.create_topics(to_create, request_timeout=15).items():
            try:
                fut.result()
                created.add(name)
            except KafkaException as err:
                if err.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                    raise TahubError(f"creating topic {name} failed: {err.args[0].str()}") from None
    md = check_reachable(conf)
    out = []
    for name, s in wanted.items():
        have = len(md.topics[name].partitions) if name in md.topics else 0
        if name in created:
            outcome = "created"
        elif have == partitions:
            outcome = "exists"
        else:
            outcome = "exists-different"
        out.append(TopicState(name, have, s.compacted, outcome))
    return out


def list_topics(conf: dict[str, str], prefix: str) -> list[tuple[str, int]]:
    md = check_reachable(conf)
    return sorted(
        (name, len(t.partitions)) for name, t in md.topics.items() if name.startswith(prefix)
    )
