"""tahub's HTTP server (aiohttp on its own thread): /health, /metrics, the query API and
/api/docs (the OpenAPI document as a page).

/health answers anyone which component is well (probes need no key); what each is doing
(records landed, consumer lag, alerts sent) moves whenever a partner submits or is
alerted, so, like /metrics, only the metrics or the operator token reads it.

Handlers that touch the warehouse or the broker block, so they run in a thread pool; the
event loop only parses requests and writes responses.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from consumers.errors import WarehouseError
from consumers.queries import QueryError, Result, Viewer
from consumers.warehouse import Warehouse
from producers.intake.http import OPENAPI
from producers.intake.sealing import Opener
from schemas.sharing import DEFAULT_BIN
from tahub import apidocs, metrics_auth, query_api
from tahub.audit import Audit
from tahub.checks import Check, to_json
from tahub.console.responses import html_response
from tahub.errors import TahubError
from tahub.exports.http import ExportRoutes
from tahub.operator_view import request_params

WITHHELD = "details with the metrics or the operator token (README, Metrics)"


def result_json(result: Result, viewer: Viewer) -> dict[str, Any]:
    return {
        "title": result.title,
        "viewer": viewer.label,
        "columns": list(result.columns),
        "rows": result.as_dicts(),
        "notes": result.notes,
    }


class WebServer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        checks: Callable[[], list[Check]],
        warehouse: Callable[[], Warehouse | None],
        k: int,
        operator_token: str | None,
        release_bin: str = DEFAULT_BIN,
        routes: Callable[[Executor], list[web.RouteDef]] | None = None,
        max_body_bytes: int = 1024**2,
        partner: Callable[[str], str | None] | None = None,
        opener: Opener | None = None,
        audit: Audit | None = None,
        metrics: Callable[[], bytes] = generate_latest,
        metrics_token: str | None = None,
    ) -> None:
        self.host, self.port = host, port
        self._metrics_body = metrics  # the main job's: its own and its children's
        self._metrics_token = metrics_token  # with no token only the operator reads them
        self._checks = checks
        self._warehouse = warehouse
        self._k = k
        self._bin = release_bin
        self._operator_token = operator_token
        self._pool = ThreadPoolExecutor(4, thread_name_prefix="web")
        self._routes = routes
        self._max_body = max_body_bytes
        self._partner = partner  # API key -> organisation
        self._opener = opener  # opens an organisation's sealed text, for that organisation
        self._audit = audit
        self._docs_page: str | None = None
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="web", daemon=True)
        self._exports = ExportRoutes(
            viewer=self._viewer, warehouse=warehouse, blocking=self._blocking, k=k,
            release_bin=release_bin, audit=audit,
        )  # fmt: skip

    def app(self) -> web.Application:
        app = web.Application(client_max_size=self._max_body)
        if self._routes is not None:  # built here: the broker is up by the time start() runs
            app.add_routes(self._routes(self._pool))
        app.router.add_get("/health", self._health)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/api/v1/query/{name}", self._query)
        self._exports.add_routes(app)
        app.router.add_get("/api/docs", self._docs)
        return app

    def start(self) -> None:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        try:
            fut.result(timeout=15)
        except OSError as err:
            self._loop.call_soon_threadsafe(self._loop.stop)
            raise TahubError(
                f"cannot listen on {self.host}:{self.port} ({err.strerror}); stop the other "
                "program or set TAHUB_HTTP_PORT to a free port"
            ) from None

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    def stop(self) -> None:
        if self._thread.is_alive():
            if self._runner is not None:
                asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(15)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(15)
        self._pool.shutdown(wait=False)

    async def _blocking(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    async def _docs(self, _: web.Request) -> web.Response:
        if self._docs_page is None:  # rendered once: the document is a file of the package
            doc = json.loads(OPENAPI.read_text(encoding="utf-8"))
            self._docs_page = apidocs.page(doc, raw_url="/api/v1/openapi.json", styles=(
                "/static/console.css", "/static/apidocs.css"))  # fmt: skip
        return html_response(self._docs_page)

    def _reads_counters(self, request: web.Request) -> bool:
        """The metrics or the operator token: the counters time every partner's submission
        and count alerts of detection versions a caller may not see (tahub.metrics_auth)."""
        auth = request.headers.get("Authorization", "")
        return metrics_auth.authorized(auth, self._metrics_token, self._operator_token)

    async def _health(self, request: web.Request) -> web.Response:
        results: list[Check] = await self._blocking(self._checks)
        status = 200 if all(c.ok for c in results) else 503
        if not self._reads_counters(request):
            results = [replace(c, detail=WITHHELD) for c in results]
        return web.Response(body=to_json(results), status=status, content_type="application/json")

    async def _metrics(self, request: web.Request) -> web.Response:
        if not self._reads_counters(request):
            raise web.HTTPUnauthorized(
                text=json.dumps({"error": "/metrics needs the metrics token (README, Metrics)"}),
                content_type="application/json",
                headers={"WWW-Authenticate": metrics_auth.REALM},
            )
        body = await self._blocking(self._metrics_body)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    def _viewer(self, request: web.Request) -> Viewer:
        """A partner's API key makes its organisation the viewer; the operator token may
        name any organisation with ``as_org``; anyone else sees what the public may."""
        as_org = request.query.get("as_org")
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip()
        if as_org is None:
            if not token:
                return Viewer()
            org = self._partner(token) if self._partner else None
            if org is None:
                raise web.HTTPUnauthorized(
                    text=json.dumps({"error": "the API key is not valid"}),
                    content_type="application/json",
                )
            return Viewer(org)
        if not self._operator_token or not hmac.compare_digest(
            token.encode("utf-8", "surrogateescape"), self._operator_token.encode()
        ):
            raise web.HTTPUnauthorized(
                text=json.dumps({"error": "as_org needs the operator token"}),
                content_type="application/json",
            )
        return Viewer(as_org)

    async def _query(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        viewer = self._viewer(request)
        wh = self._warehouse()
        if wh is None:
            return web.json_response({"error": "the warehouse is not open yet"}, status=503)
        params = request_params(
            request.query, viewer, self._audit, "query",
            lambda p: {"query": name, **({"id": p["id"]} if "id" in p else {})},
        )  # fmt: skip
        try:
            result = await self._blocking(
                lambda: query_api.run(
                    wh, name, params, viewer, self._k, bin_=self._bin, opener=self._opener
                )
            )
        except query_api.UnknownQuery as err:
            return web.json_response({"error": str(err)}, status=404)
        except QueryError as err:
            return web.json_response({"error": str(err)}, status=400)
        except WarehouseError as err:
            return web.json_response({"error": str(err)}, status=503)
        return web.json_response(result_json(result, viewer))
