"""Runs the Faust worker in this process (`tahub worker`)."""

from __future__ import annotations

import logging

from tahub import wiring
from tahub.settings import Settings


def run_worker(s: Settings) -> None:
    from faust.worker import Worker

    from streams.gc_tuning import tune_gc

    tune_gc()
    from streams.app import create_app

    app = create_app(wiring.stream_config(s))
    serve_metrics(s.worker_metrics_port, s.http_host, "worker", "TAHUB_WORKER_METRICS_PORT")
    # Faust narrates every service start/stop at INFO; keep its INFO for DEBUG runs.
    level = "WARNING" if s.log_level == "INFO" else s.log_level
    logging.getLogger("faust").setLevel(level)
    worker = Worker(app, loglevel=level, quiet=True, redirect_stdouts=False)
    worker.spinner = None  # its terminal escape codes only garble the main job's log
    worker.execute_from_commandline()


def serve_metrics(port: int, host: str, what: str, setting: str) -> None:
    """Prometheus text for this process on ``port`` (0 = off); a port in use only warns,
    so a second process on the host runs without its own metrics instead of failing."""
    if not port:
        return
    from prometheus_client import start_http_server

    try:
        start_http_server(port, addr=host)
    except OSError as err:
        logging.getLogger("tahub").warning(
            "%s metrics not served: port %s is in use (%s); set %s", what, port, err.strerror,
            setting,
        )  # fmt: skip
