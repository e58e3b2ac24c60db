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


@broker.command("fetch")
@click.pass_context
def broker_fetch(ctx: click.Context) -> None:
    """Download the Kafka jars from Maven Central into the cache (done by start too)."""
    cfg = _local_broker(ctx, fetch=True)
    click.echo(f"Kafka jars ready in {cfg.libs}")


@broker.command("start")
@click.pass_context
def broker_start(ctx: click.Context) -> None:
    """Start the local broker and wait until it answers."""
    from tahub.runtime import broker as rt

    t0 = time.monotonic()
    cfg = _local_broker(ctx, fetch=True)
    st = rt.start(cfg)
    click.echo(
        f"Kafka running at {cfg.bootstrap} (pid {st.pid}), ready in {time.monotonic() - t0:.1f} s"
    )


@broker.command("stop")
@click.pass_context
def broker_stop(ctx: click.Context) -> None:
    """Stop the local broker cleanly."""
    from tahub.runtime import broker as rt

    click.echo("Kafka stopped" if rt.stop(_local_broker(ctx)) else "Kafka was not running")


@broker.command("status")
@click.pass_context
def broker_status(ctx: click.Context) -> None:
    """Is the local broker running and answering?"""
    from tahub.runtime import broker as rt

    cfg = _local_broker(ctx)
    st = rt.status(cfg)
    if st.running and st.answering:
        click.echo(f"Kafka running at {cfg.bootstrap} (pid {st.pid})")
        return
    click.echo(
        f"Kafka {'running but not answering' if st.running else 'not running'} at {cfg.bootstrap}"
    )
    sys.exit(Exit.ERROR)
