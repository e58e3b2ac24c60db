"""Runs the Faust worker in this process (`tahub worker`)."""

from __future__ import annotations

import logging

from tahub import wiring
from tahub.settings import Settings


def run_worker(s: Settings) -> None:
    from faust.worker import Worker

    from streams.app import create_app

    app = create_app(wiring.stream_config(s))
    _serve_metrics(s)
    # Faust narrates every service start/stop at INFO; keep its INFO for DEBUG runs.
    level = "WARNING" if s.log_level == "INFO" else s.log_level
    logging.getLogger("faust").setLevel(level)
    worker = Worker(app, loglevel=level, quiet=True, redirect_stdouts=False)
    worker.spinner = None  # its terminal escape codes only garble the main job's log
    worker.execute_from_commandline()


def _serve_metrics(s: Settings) -> None:
    """Prometheus text on ``worker_metrics_port`` (late data, dead letters, detections)."""
    if not s.worker_metrics_port:
        return
    from prometheus_client import start_http_server

    try:
        start_http_server(s.worker_metrics_port, addr=s.http_host)
    except OSError as err:  # another worker on this host has it: run without
        logging.getLogger("tahub.worker").warning(
            "worker metrics not served: port %s is in use (%s); set TAHUB_WORKER_METRICS_PORT",
            s.worker_metrics_port,
            err.strerror,
        )
