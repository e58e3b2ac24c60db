"""`tahub sink`: one more Kafka → warehouse sink instance, in the foreground."""

from __future__ import annotations

import logging

import click

from tahub.commands.context import settings_of


@click.group()
def sink() -> None:
    """The Kafka → warehouse sink (the main job runs one; run more for throughput)."""


@sink.command("run")
@click.pass_context
def sink_run(ctx: click.Context) -> None:
    """Run one sink instance in the foreground until SIGINT/SIGTERM."""
    import signal
    import threading

    from consumers import migrations
    from consumers.warehouse import open_warehouse
    from streams.gc_tuning import tune_gc
    from tahub import metrics_auth, wiring
    from tahub.metrics_server import serve_metrics

    s = settings_of(ctx)
    serve_metrics(s.sink_metrics_port, s.http_host, "sink", "TAHUB_SINK_METRICS_PORT",
                  metrics_auth.metrics_token(s))  # fmt: skip
    wh = open_warehouse(s.warehouse)
    migrations.migrate(wh)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    runner = wiring.sink(s, wh)
    logging.getLogger("tahub.sink").info(
        "sink: %s → %s (group %s)", s.bootstrap, wh.name, runner.cfg.group_id
    )
    tune_gc()  # a batch holds up to 50,000 decoded records for the collector to walk
    try:
        runner.run(stop)
    finally:
        wh.close()
