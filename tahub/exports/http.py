"""The export routes of the query API (``/api/v1/export/…``): the viewer is decided as
for ``/api/v1/query`` (a partner's API key, the operator token with ``as_org``, or the
public), and an operator's export as an organisation is written to the audit log."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from consumers.errors import WarehouseError
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse
from schemas.sharing import DEFAULT_BIN
from tahub.audit import Audit
from tahub.exports import feed
from tahub.operator_view import request_params

BASE = "/api/v1/export"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class ExportRoutes:
    def __init__(
        self,
        *,
        viewer: Callable[[web.Request], Viewer],
        warehouse: Callable[[], Warehouse | None],
        blocking: Callable[[Callable[[], Any]], Awaitable[Any]],
        k: int,
        release_bin: str = DEFAULT_BIN,
        audit: Audit | None = None,
    ) -> None:
        self._viewer, self._warehouse, self._blocking = viewer, warehouse, blocking
        self._k, self._bin, self._audit = k, release_bin, audit

    def add_routes(self, app: web.Application) -> None:
        # the manifest and hashes before the event pattern (both are fixed names)
        app.router.add_get(f"{BASE}/misp/manifest.json", self._manifest)
        app.router.add_get(f"{BASE}/misp/hashes.csv", self._hashes)
        app.router.add_get(f"{BASE}/misp/{{event:{UUID}}}.json", self._event)
        app.router.add_get(f"{BASE}/stix", self._stix)
        app.router.add_get(f"{BASE}/ctdc.csv", self._ctdc)

    async def _answer(
        self, request: web.Request, what: str, make: Callable[[Warehouse, Viewer, dict[str, str]],
                                                               feed.Export],
    ) -> web.Response:  # fmt: skip
        viewer = self._viewer(request)
        wh = self._warehouse()
        if wh is None:
            return web.json_response({"error": "the warehouse is not open yet"}, status=503)
        params = request_params(request.query, viewer, self._audit, "export",
                                lambda _: {"export": what})  # fmt: skip
        try:
            out: feed.Export = await self._blocking(lambda: make(wh, viewer, params))
        except feed.UnknownEvent as err:
            return web.json_response({"error": str(err)}, status=404)
        except QueryError as err:
            return web.json_response({"error": str(err)}, status=400)
        except WarehouseError as err:
            return web.json_response({"error": str(err)}, status=503)
        return web.Response(
            text=out.body,
            headers={"Content-Type": out.media_type, "Cache-Control": "no-store",
                     "X-Tahub-Count": str(out.count)},
        )  # fmt: skip

    async def _manifest(self, request: web.Request) -> web.Response:
        return await self._answer(request, "misp manifest", lambda wh, v, p: feed.misp_manifest(
            wh, p, v, self._k, feed.now_utc()))  # fmt: skip

    async def _hashes(self, request: web.Request) -> web.Response:
        return await self._answer(request, "misp hashes", lambda wh, v, p: feed.misp_hashes(
            wh, p, v, self._k, feed.now_utc()))  # fmt: skip

    async def _event(self, request: web.Request) -> web.Response:
        uid = request.match_info["event"]

        def one(wh: Warehouse, v: Viewer, p: dict[str, str]) -> feed.Export:
            if p:
                raise QueryError("a feed's event takes no parameters")
            return feed.misp_event(wh, uid, v, self._k)

        return await self._answer(request, "misp event", one)

    async def _stix(self, request: web.Request) -> web.Response:
        return await self._answer(request, "stix", lambda wh, v, p: feed.stix_bundle(
            wh, p, v, self._k, feed.now_utc()))  # fmt: skip

    async def _ctdc(self, request: web.Request) -> web.Response:
        return await self._answer(request, "ctdc", lambda wh, v, p: feed.ctdc_csv(
            wh, p, v, self._k, feed.now_utc(), bin_=self._bin))  # fmt: skip
