"""Prometheus metrics of a child process (stream worker, alerts, news) on a port of its own.

The main job serves its own metrics on its HTTP server (`/metrics`, `tahub.web`).
"""

from __future__ import annotations

import logging


def serve_metrics(port: int, host: str, what: str, setting: str) -> None:
    """Prometheus text for this process on ``port`` (0 = off); a port in use only warns,
    so a second process on the host runs without its own metrics instead of failing."""
    if not port:
        return
    from prometheus_client import start_http_server

    from tahub import build_info

    build_info.publish()
    try:
        start_http_server(port, addr=host)
    except OSError as err:
        logging.getLogger("tahub").warning(
            "%s metrics not served: port %s is in use (%s); set %s", what, port, err.strerror,
            setting,
        )  # fmt: skip
