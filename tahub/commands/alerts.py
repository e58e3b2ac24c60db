"""`tahub alerts`: the alerts process (match detections, notify subscribers) and its
delivery queue."""

from __future__ import annotations

import json
import signal
import sys
import threading

import click

from tahub.commands.context import settings_of
from tahub.exitcodes import Exit


@click.group()
def alerts() -> None:
    """The alerts process: match detections, notify subscribers."""


@alerts.command("run")
@click.pass_context
def alerts_run(ctx: click.Context) -> None:
    """Run the alerts process until interrupted (the main job starts one for you)."""
    from tahub import metrics_auth, wiring
    from tahub.metrics_server import serve_metrics

    s = settings_of(ctx)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    serve_metrics(s.alerts_metrics_port, s.http_host, "alerts", "TAHUB_ALERTS_METRICS_PORT",
                  metrics_auth.metrics_token(s))  # fmt: skip
    service = wiring.alert_service(s)
    service.start(stop)
    while not stop.wait(1.0):
        pass
    service.join()
    sys.exit(Exit.ERROR if service.failed else Exit.OK)


@alerts.command("status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def alerts_status(ctx: click.Context, as_json: bool) -> None:
    """Delivery queue and endpoint health (failing endpoints first)."""
    from dataclasses import asdict

    from tahub import wiring

    store = wiring.alert_store(settings_of(ctx))
    counts, endpoints = store.queue_counts(), store.endpoints()
    if as_json:
        click.echo(json.dumps({"queue": counts, "endpoints": [asdict(e) for e in endpoints]}))
        return
    click.echo("queue: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "empty"))
    for e in endpoints:
        state = click.style("FAILING", fg="red") if e.failing else "ok"
        err = f"  last error: {e.last_error}" if e.last_error else ""
        click.echo(f"{state:<7} {e.kind:<8} {e.target:<32} {e.failures} failure(s){err}")
