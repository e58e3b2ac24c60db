"""Prometheus metrics of a child process (stream worker, alerts, news) on a port of its own,
behind the same metrics token as the main job's ``/metrics`` (``tahub.metrics_auth``): the
main job reads them with it and merges them into its one scrape target.

The main job serves its own metrics on its HTTP server (`/metrics`, `tahub.web`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from tahub import metrics_auth

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # a scrape every few seconds is not news


def guarded(app: Wsgi, token: str) -> Wsgi:
    """``app`` for callers with ``Bearer <token>``; 401 for everyone else."""

    def wsgi(environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        if metrics_auth.authorized(environ.get("HTTP_AUTHORIZATION", ""), token):
            return app(environ, start)
        start("401 Unauthorized", [("Content-Type", "text/plain"),
                                   ("WWW-Authenticate", metrics_auth.REALM)])  # fmt: skip
        return [b"/metrics needs the metrics token\n"]

    return wsgi


def serve_metrics(port: int, host: str, what: str, setting: str, token: str) -> None:
    """Prometheus text for this process on ``port`` (0 = off); a port in use only warns,
    so a second process on the host runs without its own metrics instead of failing."""
    if not port:
        return
    from prometheus_client import make_wsgi_app

    from tahub import build_info

    build_info.publish()
    try:
        server = make_server(host, port, guarded(make_wsgi_app(), token), _Server, _Quiet)
    except OSError as err:
        logging.getLogger("tahub").warning(
            "%s metrics not served: port %s is in use (%s); set %s", what, port, err.strerror,
            setting,
        )  # fmt: skip
        return
    threading.Thread(target=server.serve_forever, name=f"{what}-metrics", daemon=True).start()
