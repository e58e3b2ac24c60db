"""Several local Kafka (KRaft) nodes as one cluster, each run by ``tahub.runtime.broker``.

Every node is broker and controller, with a home of its own (``node-<id>``), its own
client and controller ports, and the cluster id the nodes were formatted with (kept in
``<home>/cluster.id`` so a node started again joins the same cluster). Internal topics
get replication factor ``min(nodes, 3)`` and min.insync.replicas 2, the broker default
for every topic too: one node may be lost without refusing acks=all writes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tahub.runtime import broker
from tahub.runtime.broker import BrokerConfig, BrokerStatus


def plan(
    home: Path,
    libs: Path,
    ports: list[tuple[int, int]],
    *,
    heap: str = "384m",
    sasl_password: str | None = None,
) -> list[BrokerConfig]:
    """One config per (client port, controller port), node ids 1..n."""
    if not ports:
        raise broker.BrokerError("a cluster needs at least one node")
    home.mkdir(parents=True, exist_ok=True)
    id_file = home / "cluster.id"
    if not id_file.exists():
        id_file.write_text(broker.new_cluster_id() + "\n")
    cluster_id = id_file.read_text().strip()
    voters = tuple((n, ctrl) for n, (_, ctrl) in enumerate(ports, start=1))
    return [
        BrokerConfig(
            home=home / f"node-{n}",
            libs=libs,
            port=port,
            controller_port=ctrl,
            heap=heap,
            sasl_password=sasl_password,
            node_id=n,
            voters=voters,
            cluster_id=cluster_id,
            replication=min(len(ports), 3),
        )
        for n, (port, ctrl) in enumerate(ports, start=1)
    ]


def bootstrap(nodes: list[BrokerConfig]) -> str:
    return ",".join(cfg.bootstrap for cfg in nodes)


def start(nodes: list[BrokerConfig], *, wait: float = 120.0) -> list[BrokerStatus]:
    """Launch every node that is not running, then wait for each to answer."""
    alive = [broker.launch(cfg) for cfg in nodes]
    for cfg, is_alive in zip(nodes, alive, strict=True):
        broker.wait_ready(cfg, is_alive, wait)
    return [broker.status(cfg) for cfg in nodes]


def stop(nodes: list[BrokerConfig]) -> int:
    """Stop every node cleanly, all at once (one by one, the last nodes wait out their
    shutdown timeout for a quorum that is gone); how many were running."""
    with ThreadPoolExecutor(len(nodes)) as pool:
        return sum(pool.map(broker.stop, nodes))


def status(nodes: list[BrokerConfig]) -> list[BrokerStatus]:
    return [broker.status(cfg) for cfg in nodes]
