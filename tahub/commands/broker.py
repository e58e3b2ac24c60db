"""`tahub broker`: the local Apache Kafka broker (local mode only)."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError
from tahub.exitcodes import Exit


@click.group()
def broker() -> None:
    """The local Apache Kafka broker (local mode only)."""


def _local_broker(ctx: click.Context, fetch: bool = False) -> Any:
    from tahub import wiring

    s = settings_of(ctx)
    if not s.uses_local_broker:
        raise TahubError(
            f"TAHUB_KAFKA_BOOTSTRAP is set ({s.bootstrap}); tahub does not manage that broker"
        )
    return wiring.broker_config(s, fetch=fetch)


def _cluster(ctx: click.Context, nodes: int, fetch: bool = False) -> Any:
    """``nodes`` local nodes as one cluster in <data dir>/kafka/cluster: node k (from 0)
    on the client and controller ports of the settings plus 2k."""
    from tahub.runtime import broker_cluster

    one = _local_broker(ctx, fetch=fetch)
    ports = [(one.port + 2 * k, one.controller_port + 2 * k) for k in range(nodes)]
    return broker_cluster.plan(one.home / "cluster", one.libs, ports, heap=one.heap,
                               sasl_password=one.sasl_password)  # fmt: skip


NODES = click.option(
    "--nodes",
    type=click.IntRange(1, 9),
    default=1,
    show_default=True,
    help="local nodes; more than one make a cluster (replication factor 3, min ISR 2) "
    "to point TAHUB_KAFKA_BOOTSTRAP at",
)


@broker.command("fetch")
@click.pass_context
def broker_fetch(ctx: click.Context) -> None:
    """Download the Kafka jars from Maven Central into the cache (done by start too)."""
    cfg = _local_broker(ctx, fetch=True)
    click.echo(f"Kafka jars ready in {cfg.libs}")


@broker.command("start")
@NODES
@click.pass_context
def broker_start(ctx: click.Context, nodes: int) -> None:
    """Start the local broker (or a cluster of local nodes) and wait until it answers."""
    from tahub.runtime import broker as rt
    from tahub.runtime import broker_cluster

    t0 = time.monotonic()
    if nodes > 1:
        cfgs = _cluster(ctx, nodes, fetch=True)
        pids = [st.pid for st in broker_cluster.start(cfgs)]
        click.echo(
            f"Kafka cluster of {nodes} nodes (pids {pids}), ready in "
            f"{time.monotonic() - t0:.1f} s; use it with\n"
            f"  TAHUB_KAFKA_BOOTSTRAP={broker_cluster.bootstrap(cfgs)} TAHUB_REPLICATION_FACTOR=3"
        )
        return
    cfg = _local_broker(ctx, fetch=True)
    st = rt.start(cfg)
    click.echo(
        f"Kafka running at {cfg.bootstrap} (pid {st.pid}), ready in {time.monotonic() - t0:.1f} s"
    )


@broker.command("stop")
@NODES
@click.pass_context
def broker_stop(ctx: click.Context, nodes: int) -> None:
    """Stop the local broker (or cluster) cleanly."""
    from tahub.runtime import broker as rt
    from tahub.runtime import broker_cluster

    if nodes > 1:
        click.echo(f"{broker_cluster.stop(_cluster(ctx, nodes))} node(s) stopped")
        return
    click.echo("Kafka stopped" if rt.stop(_local_broker(ctx)) else "Kafka was not running")


@broker.command("status")
@NODES
@click.pass_context
def broker_status(ctx: click.Context, nodes: int) -> None:
    """Is the local broker (every node of the cluster) running and answering?"""
    from tahub.runtime import broker as rt

    cfgs = _cluster(ctx, nodes) if nodes > 1 else [_local_broker(ctx)]
    down = 0
    for cfg in cfgs:
        st = rt.status(cfg)
        if st.running and st.answering:
            click.echo(f"Kafka running at {cfg.bootstrap} (pid {st.pid})")
            continue
        down += 1
        state = "running but not answering" if st.running else "not running"
        click.echo(f"Kafka {state} at {cfg.bootstrap}")
    if down:
        sys.exit(Exit.ERROR)
