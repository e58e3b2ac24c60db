"""The main job's HTTP endpoint: /health (JSON) for `tahub status` and operators."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tahub.checks import Check, to_json
from tahub.errors import TahubError


class HealthServer:
    def __init__(self, host: str, port: int, checks: Callable[[], list[Check]]) -> None:
        provider = checks

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.rstrip("/") != "/health":
                    self.send_error(404, "only /health lives here")
                    return
                results = provider()
                body = to_json(results)
                self.send_response(200 if all(c.ok for c in results) else 503)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return  # requests are not worth a log line each

        try:
            self._server = ThreadingHTTPServer((host, port), Handler)
        except OSError as err:
            raise TahubError(
                f"cannot listen on {host}:{port} ({err.strerror}); stop the other program "
                "or set TAHUB_HTTP_PORT to a free port"
            ) from None
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="health", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
