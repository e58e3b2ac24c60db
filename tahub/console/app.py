"""The console's HTTP side: sign-in, sessions, pages, their data and static files, as
aiohttp routes the main job's web server (tahub.web) serves beside the APIs.

Every page and data answer needs a session; every POST needs the console's own origin
and a CSRF token; every answer carries a strict Content-Security-Policy (no inline
script or style, nothing from elsewhere) and ``X-Frame-Options: DENY``. What a page
shows comes from ``tahub.console.data``, which reads through the query API's entry
point with the session's viewer.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aiohttp import web

from alerts.admin import AlertAdmins
from consumers.errors import WarehouseError
from consumers.queries import QueryError
from producers.intake.access import key_id_of
from schemas.sharing import BUCKETS
from tahub.audit import Audit
from tahub.console import campaign_pages, csrf, data, ops_page, pages
from tahub.console.my_alerts import MyAlerts
from tahub.console.responses import html_response, json_response, redirect, secured
from tahub.console.sessions import (
    COOKIE,
    OPERATOR,
    PARTNER,
    Session,
    SessionStore,
    SignInThrottle,
)
from tahub.console.subs_form import Fields

log = logging.getLogger("tahub.console")

STATIC = Path(__file__).with_name("static")
MAX_FORM_BYTES = 8192
KEY_RECHECK_SECONDS = 5.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SessionHandler = Callable[[web.Request, Session], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Access:
    """Who may sign in: partners by API key, the operator by the operator token."""

    partner: Callable[[str], str | None]  # API key -> organisation (blocking)
    key_active: Callable[[str], bool]  # a key id is not revoked (blocking)
    orgs: Callable[[], list[str]]  # every organisation id, for the operator (blocking)
    operator_token: str | None


def safe_next(value: str | None) -> str:
    """Where to go after sign-in: a path on this server only (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in value) or len(value) > 2000:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


class Console:
    def __init__(
        self,
        reader: data.Reader,
        access: Access,
        *,
        sets: data.Sets,
        audit: Audit | None = None,
        public_url: str | None = None,
        sessions: SessionStore | None = None,
        throttle: SignInThrottle | None = None,
        alerts: Callable[[], AlertAdmins | None] = lambda: None,
        ops: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self.reader = reader
        self.ops = ops  # the /ops page's data (blocking); None: no page (outside the job)
        self.access = access
        self.sets = sets
        self.audit = audit
        self.public_url = public_url
        self.sessions = sessions or SessionStore()
        self.throttle = throttle or SignInThrottle()
        self.guard = csrf.LoginGuard()
        self.my_alerts = MyAlerts(self, alerts)
        self._pool: Executor | None = None
        self._keys: dict[str, tuple[bool, float]] = {}  # key id -> (active, checked until)

    def routes(self, pool: Executor) -> list[web.RouteDef]:
        self._pool = pool
        page, data_ = self.page, self._data
        return [
            web.get("/", page(self._map)),
            web.get("/login", self._login_form),
            web.post("/login", self._login),
            web.post("/logout", self._logout),
            web.post("/view-as", self._view_as),
            web.get("/trends", page(self._trends)),
            web.get("/trends.csv", page(self._trends_csv)),
            web.get("/detections", page(self._detections)),
            web.get("/campaign", page(self._campaign)),
            web.get("/detections/{id}", page(self._detection)),
            web.get("/data/map", data_(self._map_data)),
            web.get("/data/trend", data_(self._trend_data)),
            web.get("/data/countries", data_(self._countries)),
            *self.my_alerts.routes(),
            web.get("/ops", page(self._ops)),
            web.get("/ops/data", data_(self._ops_data)),
            web.get("/static/{path:.+}", self._static),
        ]

    # --- plumbing ---

    async def blocking(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    def _hosts(self, request: web.Request) -> set[str]:
        hosts = {request.host.lower()}
        if self.public_url:
            hosts.add(urlsplit(self.public_url).netloc.lower())
        return hosts

    def _secure_cookie(self, request: web.Request) -> bool:
        return request.secure or (self.public_url or "").startswith("https://")

    async def session(self, request: web.Request) -> Session | None:
        """The request's live session; a partner's whose API key was revoked has ended."""
        sid = request.cookies.get(COOKIE)
        session = self.sessions.get(sid)
        if session is None or session.role != PARTNER or session.key_id is None:
            return session
        key_id = session.key_id
        now = time.monotonic()
        known = self._keys.get(key_id)
        if known is None or known[1] <= now:
            active = bool(await self.blocking(lambda: self.access.key_active(key_id)))
            if len(self._keys) > 10_000:
                self._keys.clear()
            self._keys[key_id] = known = (active, now + KEY_RECHECK_SECONDS)
        if not known[0]:
            self.sessions.end(sid)
            return None
        return session

    def page(self, handler: SessionHandler) -> Handler:
        async def run(request: web.Request) -> web.StreamResponse:
            session = await self.session(request)
            if session is None:
                return self._sign_in_first(request)
            try:
                return await handler(request, session)
            except QueryError as err:
                return html_response(pages.message(400, str(err), session), 400)
            except (data.Unavailable, WarehouseError) as err:
                return html_response(pages.message(503, str(err), session), 503)

        return run

    def _data(self, handler: SessionHandler) -> Handler:
        async def run(request: web.Request) -> web.StreamResponse:
            session = await self.session(request)
            if session is None:
                return json_response({"error": "sign in first"}, 401)
            try:
                return await handler(request, session)
            except QueryError as err:
                return json_response({"error": str(err)}, 400)
            except (data.Unavailable, WarehouseError) as err:
                return json_response({"error": str(err)}, 503)

        return run

    def _sign_in_first(self, request: web.Request) -> web.Response:
        here = safe_next(request.path_qs)
        site = request.headers.get("Sec-Fetch-Site")
        if request.method == "GET" and site in {"cross-site", "same-site"}:
            # a link from Slack or a mail: the SameSite=Strict cookie stayed behind; ask
            # again from this site, which sends it (no loop: that request is same-origin)
            return html_response(pages.bounce(here))
        return redirect("/login?next=" + quote(here, safe=""))

    def _audit_read(self, session: Session, page: str, **detail: str) -> None:
        """An operator reading as an organisation is written to the audit log."""
        if session.role == OPERATOR and session.org_id is not None and self.audit is not None:
            self.audit.record("operator", session.org_id, "console", page=page, **detail)

    async def _orgs(self, session: Session) -> list[str]:
        if session.role != OPERATOR:
            return []
        return list(await self.blocking(self.access.orgs))

    async def view_as_choices(self, session: Session) -> list[str]:
        """The organisations the operator may view as (none for a partner)."""
        return await self._orgs(session)

    async def _form(self, request: web.Request, limit: int = MAX_FORM_BYTES) -> Fields | None:
        if request.content_length is None or request.content_length > limit:
            return None
        if request.content_type != "application/x-www-form-urlencoded":
            return None
        form = await request.post()
        return Fields([(k, v) for k, v in form.items() if isinstance(v, str)])

    async def checked_post(
        self, request: web.Request, limit: int = MAX_FORM_BYTES
    ) -> tuple[Session, Fields]:
        """A state-changing request: a session, its own origin and its CSRF token."""
        session = await self.session(request)
        if session is None:
            raise web.HTTPUnauthorized(text="sign in first")
        form = await self._form(request, limit)
        if (
            form is None
            or not csrf.same_origin(request.headers, self._hosts(request))
            or not csrf.same(session.csrf, form.get(csrf.FIELD))
        ):
            raise web.HTTPForbidden(text="refused: this form is not from your session")
        return session, form

    # --- sign-in ---

    async def _login_form(self, request: web.Request) -> web.StreamResponse:
        next_url = safe_next(request.query.get("next"))
        if await self.session(request) is not None:
            return redirect(next_url)
        return self._login_page(request, next_url, None, 200)

    def _login_page(
        self, request: web.Request, next_url: str, error: str | None, status: int
    ) -> web.Response:
        nonce, token = self.guard.issue()
        response = html_response(pages.login(token=token, next_url=next_url, error=error), status)
        response.set_cookie(csrf.LOGIN_COOKIE, nonce, max_age=900, path="/login", httponly=True,
                            samesite="Strict", secure=self._secure_cookie(request))  # fmt: skip
        return response

    async def _login(self, request: web.Request) -> web.StreamResponse:
        client = request.remote or "unknown"
        wait = self.throttle.wait(client)
        if wait > 0:
            response = self._login_page(
                request, "/", "Too many failed sign-ins; wait a minute and try again.", 429
            )
            response.headers["Retry-After"] = str(max(1, round(wait + 0.5)))
            return response
        form = await self._form(request)
        if form is None:
            return self._login_page(request, "/", "That was not the sign-in form.", 400)
        next_url = safe_next(form.get("next"))
        if not csrf.same_origin(request.headers, self._hosts(request)) or not self.guard.check(
            request.cookies.get(csrf.LOGIN_COOKIE), form.get(csrf.FIELD)
        ):
            return self._login_page(
                request, next_url, "The sign-in form expired; please try again.", 403
            )
        key = form.get("key", "").strip()
        operator = self.access.operator_token
        if operator and csrf.same(operator, key):
            sid, _ = self.sessions.create(OPERATOR, None)
            if self.audit is not None:
                self.audit.record("operator", "public", "console sign-in")
        else:
            org = await self.blocking(lambda: self.access.partner(key)) if key else None
            if org is None:
                self.throttle.failed(client)
                log.warning("console: a sign-in with an unknown key failed (from %s)", client)
                return self._login_page(request, next_url, "That key was not accepted.", 401)
            sid, _ = self.sessions.create(PARTNER, org, key_id_of(key))
        response = redirect(next_url)
        response.set_cookie(COOKIE, sid, max_age=int(self.sessions.lifetime), path="/",
                            httponly=True, samesite="Strict",
                            secure=self._secure_cookie(request))  # fmt: skip
        response.del_cookie(csrf.LOGIN_COOKIE, path="/login")
        return response

    async def _logout(self, request: web.Request) -> web.StreamResponse:
        await self.checked_post(request)
        self.sessions.end(request.cookies.get(COOKIE))
        response = redirect("/login")
        response.del_cookie(COOKIE, path="/")
        return response

    async def _view_as(self, request: web.Request) -> web.StreamResponse:
        session, form = await self.checked_post(request)
        if session.role != OPERATOR:
            raise web.HTTPForbidden(text="only the operator may view as another organisation")
        org = form.get("org", "")
        if org and org not in await self._orgs(session):
            raise web.HTTPBadRequest(text="no such organisation")
        session.org_id = org or None
        if self.audit is not None:
            self.audit.record("operator", org or "public", "console view-as")
        return redirect(safe_next(form.get("next")))

    # --- pages ---

    def _ops_refused(self, session: Session) -> str | None:
        if session.role != OPERATOR:
            return "The operations page is for the operator only."
        if self.ops is None:
            return "The operations page is served by the main job (tahub up)."
        return None

    async def _ops(self, request: web.Request, session: Session) -> web.StreamResponse:
        refused = self._ops_refused(session)
        if refused is not None:
            return html_response(pages.message(403, refused, session), 403)
        assert self.ops is not None
        body = await self.blocking(self.ops)
        return html_response(ops_page.ops_page(session, body, request.path_qs))

    async def _ops_data(self, _: web.Request, session: Session) -> web.StreamResponse:
        refused = self._ops_refused(session)
        if refused is not None:
            return json_response({"error": refused}, 403)
        assert self.ops is not None
        return json_response(await self.blocking(self.ops))

    def _params(self, request: web.Request) -> dict[str, str]:
        return {k: v for k, v in request.query.items() if len(v) <= 200}

    async def _map(self, request: web.Request, session: Session) -> web.StreamResponse:
        orgs = await self._orgs(session)
        return html_response(pages.map_page(session, self._params(request), orgs, request.path_qs))

    async def _trends(self, request: web.Request, session: Session) -> web.StreamResponse:
        orgs = await self._orgs(session)
        buckets = BUCKETS[self.reader.bin]
        params = self._params(request)
        comparison = None
        if params.get("compare"):
            self._audit_read(session, "trends comparison")
            comparison = await self.blocking(
                lambda: data.comparison(self.reader, session.viewer, params)
            )
        return html_response(
            pages.trends_page(
                session, params, orgs, request.path_qs, buckets, comparison=comparison
            )
        )

    async def _campaign(self, request: web.Request, session: Session) -> web.StreamResponse:
        params = self._params(request)
        audience = params.get("audience") or "public"
        viewer = data.campaign_viewer(audience, session.viewer)
        self._audit_read(session, "campaign", audience=audience[:20])
        brief = await self.blocking(lambda: data.campaign(self.reader, viewer, params))
        orgs = await self._orgs(session)
        return html_response(
            campaign_pages.campaign_page(
                session, brief=brief, params=params, audience=audience, orgs=orgs,
                here=request.path_qs,
            )
        )  # fmt: skip

    async def _trends_csv(self, request: web.Request, session: Session) -> web.StreamResponse:
        params = self._params(request)
        self._audit_read(session, "trends.csv")
        text = await self.blocking(lambda: data.trend_csv(self.reader, session.viewer, params))
        response = web.Response(
            text=text, content_type="text/csv", charset="utf-8",
            headers={"Content-Disposition": 'attachment; filename="tahub-trend.csv"'},
        )  # fmt: skip
        return secured(response)

    async def _detections(self, request: web.Request, session: Session) -> web.StreamResponse:
        params = self._params(request)
        self._audit_read(session, "detections")
        rows, notes = await self.blocking(
            lambda: data.detection_list(self.reader, session.viewer, params, self.sets)
        )
        orgs = await self._orgs(session)
        return html_response(
            pages.detections_page(
                session, rows=rows, notes=notes, params=params, orgs=orgs, here=request.path_qs
            )
        )

    async def _detection(self, request: web.Request, session: Session) -> web.StreamResponse:
        det_id = request.match_info["id"]
        self._audit_read(session, "detection", id=det_id[:100])
        try:
            versions = await self.blocking(
                lambda: data.detection_page(self.reader, session.viewer, det_id, self.sets)
            )
        except QueryError as err:  # unknown and not visible answer alike
            return html_response(pages.message(404, str(err), session), 404)
        orgs = await self._orgs(session)
        return html_response(pages.detection_page(session, versions, orgs, request.path_qs))

    # --- data for the pages' scripts ---

    async def _map_data(self, request: web.Request, session: Session) -> web.StreamResponse:
        params = self._params(request)
        self._audit_read(session, "map")
        body = await self.blocking(
            lambda: data.map_data(self.reader, session.viewer, params, self.sets)
        )
        return json_response(body)

    async def _trend_data(self, request: web.Request, session: Session) -> web.StreamResponse:
        params = self._params(request)
        self._audit_read(session, "trend")
        body = await self.blocking(
            lambda: data.trend_data(self.reader, session.viewer, params, self.sets)
        )
        return json_response(body)

    async def _countries(self, request: web.Request, session: Session) -> web.StreamResponse:
        response = json_response(data.countries())
        response.headers["Cache-Control"] = "private, max-age=86400"
        return response

    # --- static files ---

    async def _static(self, request: web.Request) -> web.StreamResponse:
        rel = request.match_info["path"]
        path = (STATIC / rel).resolve()
        if not path.is_relative_to(STATIC.resolve()) or not path.is_file():
            raise web.HTTPNotFound()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        response = web.FileResponse(path, headers={"Content-Type": kind})
        return secured(response, cache=True)


def sets_of(dimension_sets: Sequence[Any]) -> dict[str, tuple[str, ...]]:
    """name → dimensions, from the detector configuration's dimension sets."""
    return {s.name: tuple(s.dims) for s in dimension_sets}
