"""Runs the Faust worker in this process (`tahub worker`)."""

from __future__ import annotations

import logging

from consumers.kit import logfmt, lograte
from tahub import metrics_auth, wiring
from tahub.metrics_server import serve_metrics
from tahub.settings import Settings


def run_worker(s: Settings) -> None:
    from faust.worker import Worker

    from streams.gc_tuning import tune_gc

    tune_gc()
    from streams.app import create_app

    app = create_app(wiring.stream_config(s))

    async def rate_limit_logs() -> None:
        lograte.install()  # Faust set up its own root handlers when the worker started

    app.task(rate_limit_logs)
    app.timer(10.0)(rate_limit_logs)
    serve_metrics(s.worker_metrics_port, s.http_host, "worker", "TAHUB_WORKER_METRICS_PORT",
                  metrics_auth.metrics_token(s))  # fmt: skip
    # Faust narrates every service start/stop at INFO; keep its INFO for DEBUG runs.
    level = "WARNING" if s.log_level == "INFO" else s.log_level
    logging.getLogger("faust").setLevel(level)
    # our format on stderr, as in every tahub process (Faust's own: coloured, on stdout)
    worker = Worker(app, loglevel=level, quiet=True, redirect_stdouts=False,
                    logging_config=logfmt.dict_config(level, s.log_format))  # fmt: skip
    worker.spinner = None  # its terminal escape codes only garble the main job's log
    lograte.install()  # the Kafka client loggers exist now that the app is built
    worker.execute_from_commandline()
