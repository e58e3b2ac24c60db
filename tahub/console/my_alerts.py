"""My alerts: an organisation's subscriptions in the browser (list, create, edit, pause,
resume, delete) and what each has sent.

Every change goes through the ``SubscriptionAdmin`` the alerts API uses (the same object
in the main job), so what a subscription may be (``alerts.subscriptions.build``) and whose
it is (``SubscriptionAdmin.get``: another organisation's is "not found") are decided in
one place. The console adds only the browser's side: a partner session's organisation
(never the operator's "all"), the CSRF token and origin check on every POST, and the same
404 page for an id that does not exist and one that is someone else's.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from aiohttp import web

from alerts import testsend
from alerts.admin import AlertAdmins, NotFound
from alerts.silences import SilenceError
from alerts.subscriptions import Problem, SubscriptionError, public_view, spec_of
from alerts.testsend import ChannelResult, RateLimited, TestNotifier
from tahub.audit import Audit
from tahub.console import alerts_pages, data, org_alerts, pages
from tahub.console.html import fragment
from tahub.console.responses import html_response, redirect
from tahub.console.sessions import OPERATOR, PARTNER, Session
from tahub.console.silence_form import silence_from_form
from tahub.console.subs_form import Fields, Values, form_values, posted_values, spec_from_form

log = logging.getLogger("tahub.console.alerts")

MAX_SUBSCRIPTION_FORM = 1024 * 1024  # a drawn area of thousands of vertices, as the API takes
NOT_YOURS = "Your organisation has nothing with this id."  # unknown or another's, alike
NOT_THEIRS = "{org} has nothing with this id."
OPERATOR_REFUSED = (
    "Subscriptions belong to organisations: partners manage their own here; the operator "
    "reads an organisation's after choosing it under 'viewing as', and changes them with "
    "`tahub subs`."
)
UNSTORED = "Subscriptions cannot be read or changed now; nothing changed. Try again shortly."
TEST_WAIT_S = testsend.WAIT_S


class _Stop(Exception):
    """Answer with this page instead."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


class Host(Protocol):
    """What My alerts uses of the console (tahub.console.app.Console): its session-checked
    pages and posts, its worker threads and its reader."""

    reader: data.Reader
    sets: data.Sets
    audit: Audit | None

    def page(
        self, handler: Callable[[web.Request, Session], Awaitable[web.StreamResponse]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]: ...

    async def checked_post(
        self, request: web.Request, limit: int = ...
    ) -> tuple[Session, Fields]: ...

    async def blocking(self, fn: Callable[[], Any]) -> Any: ...

    async def view_as_choices(self, session: Session) -> list[str]: ...


PostHandler = Callable[[web.Request, Session, Fields, str, AlertAdmins], Awaitable[web.Response]]
PageHandler = Callable[[web.Request, Session, str, AlertAdmins], Awaitable[web.Response]]


class MyAlerts:
    def __init__(
        self,
        console: Host,
        admins: Callable[[], AlertAdmins | None],
        test_wait: float = TEST_WAIT_S,
    ) -> None:
        self.console = console
        self._admins = admins
        self.test_wait = test_wait

    def routes(self) -> list[web.RouteDef]:
        page = self.console.page
        return [
            web.get("/alerts", page(self._readable(self._list, self._org_list))),
            web.get("/alerts/new", page(self._guarded(self._new))),
            web.post("/alerts/new", self._post(self._create)),
            web.post("/alerts/preview", self._post(self._preview)),
            web.post("/alerts/silences", self._post(self._silence)),
            web.post("/alerts/silences/{id}/end", self._post(self._unsilence)),
            web.get("/alerts/{id}", page(self._readable(self._edit, self._org_subscription))),
            web.post("/alerts/{id}", self._post(self._save)),
            web.post("/alerts/{id}/preview", self._post(self._preview)),
            web.post("/alerts/{id}/pause", self._post(self._pause)),
            web.post("/alerts/{id}/resume", self._post(self._resume)),
            web.post("/alerts/{id}/delete", self._post(self._delete)),
            web.post("/alerts/{id}/test", self._test_post),
        ]

    # --- plumbing: whose, and the same answers for every failure ---

    def _scope(self, session: Session) -> tuple[str, AlertAdmins]:
        """The partner's organisation (the operator's session would mean "every
        organisation" to the admin, so it gets no way in here) and the managers."""
        if session.role != PARTNER or session.org_id is None:
            raise _Stop(403, OPERATOR_REFUSED)
        admins = self._admins()
        if admins is None:
            raise _Stop(503, "Subscriptions are not loaded yet; try again shortly.")
        return session.org_id, admins

    async def _answer(
        self, session: Session, run: Callable[[str, AlertAdmins], Awaitable[web.Response]]
    ) -> web.Response:
        try:
            org, admins = self._scope(session)
            return await run(org, admins)
        except _Stop as stop:
            return html_response(pages.message(stop.status, stop.text, session), stop.status)
        except NotFound:
            return html_response(pages.message(404, NOT_YOURS, session), 404)
        except web.HTTPException:
            raise
        except Exception as err:  # the broker or the store: nothing changed
            log.error("console: a subscription change failed: %s", type(err).__name__)
            return html_response(pages.message(503, UNSTORED, session), 503)

    def _guarded(self, handler: PageHandler) -> Callable[..., Awaitable[web.Response]]:
        async def run(request: web.Request, session: Session) -> web.Response:
            return await self._answer(
                session, lambda org, admins: handler(request, session, org, admins)
            )

        return run

    def _readable(
        self, handler: PageHandler, operator_view: PageHandler
    ) -> Callable[..., Awaitable[web.Response]]:
        """A page the operator may read as the organisation it views as (read-only)."""
        partner_view = self._guarded(handler)

        async def run(request: web.Request, session: Session) -> web.Response:
            if session.role != OPERATOR or session.org_id is None:
                return await partner_view(request, session)
            org = session.org_id
            try:
                admins = self._admins()
                if admins is None:
                    raise _Stop(503, "Subscriptions are not loaded yet; try again shortly.")
                return await operator_view(request, session, org, admins)
            except _Stop as stop:
                return html_response(pages.message(stop.status, stop.text, session), stop.status)
            except NotFound:
                return html_response(pages.message(404, NOT_THEIRS.format(org=org), session), 404)

        return run

    def _post(self, handler: PostHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def run(request: web.Request) -> web.Response:
            session, form = await self.console.checked_post(request, MAX_SUBSCRIPTION_FORM)
            return await self._answer(
                session, lambda org, admins: handler(request, session, form, org, admins)
            )

        return run

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    async def _form_page(
        self,
        request: web.Request,
        session: Session,
        admins: AlertAdmins,
        org: str,
        *,
        values: Values,
        problems: list[Problem],
        sid: str | None = None,
        preview: list[dict[str, Any]] | None = None,
        tested: alerts_pages.Tested | None = None,
        status: int | None = None,
    ) -> web.Response:
        secrets = admins.secrets
        names = await self.console.blocking(lambda: secrets.names(org) if secrets else [])
        sets = sorted(admins.subs.rules.dimension_sets)
        if sid is None:
            title, action, intro, extra = "New subscription", "/alerts/new", None, None
        else:
            sub = await self.console.blocking(lambda: admins.subs.get(org, sid))
            shown = public_view(sub)
            title, action = f"Edit {sub.name}", f"/alerts/{sid}"
            intro = fragment(
                alerts_pages.facts(shown),
                alerts_pages.test_form(session, sid, tested),
            )
            tried, note = await self.console.blocking(
                lambda: data.subscription_history(self.console.reader, session.viewer, sid)
            )
            extra = alerts_pages.history(tried, note)
        if preview is not None:
            intro = fragment(intro, alerts_pages.preview(preview))
        body = alerts_pages.form_page(
            session, values=values, problems=problems, action=action, title=title,
            secret_names=names, dimension_sets=sets, here=request.path_qs, intro=intro,
            extra=extra,
        )  # fmt: skip
        return html_response(body, status or (422 if problems else 200))

    # --- pages ---

    async def _list(
        self, request: web.Request, session: Session, org: str, admins: AlertAdmins
    ) -> web.Response:
        return await self._list_page(session, org, admins, done=request.query.get("done"))

    async def _list_page(
        self,
        session: Session,
        org: str,
        admins: AlertAdmins,
        *,
        done: str | None,
        silence_error: str | None = None,
    ) -> web.Response:
        subs = await self.console.blocking(lambda: admins.subs.list(org))
        silences = await self.console.blocking(lambda: admins.silences.list(org, self._now()))
        body = alerts_pages.list_page(
            session, [public_view(s) for s in subs], done=done, here="/alerts",
            silences=[s.to_json() for s in silences], silence_error=silence_error,
        )  # fmt: skip
        return html_response(body, 422 if silence_error else 200)

    async def _new(
        self, request: web.Request, session: Session, org: str, admins: AlertAdmins
    ) -> web.Response:
        return await self._form_page(request, session, admins, org, values={}, problems=[])

    async def _edit(
        self, request: web.Request, session: Session, org: str, admins: AlertAdmins
    ) -> web.Response:
        sid = request.match_info["id"]
        sub = await self.console.blocking(lambda: admins.subs.get(org, sid))
        return await self._form_page(
            request, session, admins, org, values=form_values(spec_of(sub)), problems=[], sid=sid
        )

    # --- the operator's read-only view, as the organisation it views as ---

    def _audit_operator(self, org: str, page: str, **detail: str) -> None:
        audit = self.console.audit
        if audit is not None:
            audit.record("operator", org, "console", page=page, **detail)

    async def _org_list(
        self, request: web.Request, session: Session, org: str, admins: AlertAdmins
    ) -> web.Response:
        self._audit_operator(org, "alerts")
        subs = await self.console.blocking(lambda: org_alerts.subscriptions(admins, org))
        orgs = await self.console.view_as_choices(session)
        return html_response(org_alerts.list_page(session, org, subs, orgs, request.path_qs))

    async def _org_subscription(
        self, request: web.Request, session: Session, org: str, admins: AlertAdmins
    ) -> web.Response:
        sid = request.match_info["id"]
        self._audit_operator(org, "subscription", id=sid[:100])  # guesses are written too
        reader = self.console.reader
        sub, tried, note = await self.console.blocking(
            lambda: org_alerts.subscription(admins, reader, session, org, sid)
        )
        orgs = await self.console.view_as_choices(session)
        return html_response(
            org_alerts.subscription_page(
                session, sub=sub, deliveries=tried, note=note, orgs=orgs, here=request.path_qs
            )
        )

    # --- changes ---

    async def _create(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        try:
            spec = spec_from_form(form)
            sub = await self.console.blocking(lambda: admins.subs.add(org, spec, self._now()))
        except SubscriptionError as err:
            return await self._form_page(
                request, session, admins, org, values=posted_values(form), problems=err.problems
            )
        log.info("console: organisation %s created subscription %s", org, sub.subscription_id)
        return redirect("/alerts?done=created")

    async def _save(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        sid = request.match_info["id"]
        try:
            spec = spec_from_form(form)

            def replace() -> None:  # the form has no templates: the subscription's stay
                kept = dict(admins.subs.get(org, sid).templates)
                admins.subs.replace(org, sid, {**spec, "templates": kept}, self._now())

            await self.console.blocking(replace)
        except SubscriptionError as err:
            return await self._form_page(
                request, session, admins, org, values=posted_values(form),
                problems=err.problems, sid=sid,
            )  # fmt: skip
        log.info("console: organisation %s changed subscription %s", org, sid)
        return redirect("/alerts?done=saved")

    async def _preview(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        """What the form as filled in would have been told of; nothing is stored."""
        sid = request.match_info.get("id")
        if sid is not None:  # the same answer for another's id as for an unknown one
            await self.console.blocking(lambda: admins.subs.get(org, sid))
        values = posted_values(form)
        try:
            spec = spec_from_form(form)
            sub = await self.console.blocking(lambda: admins.subs.check(org, spec, self._now()))
        except SubscriptionError as err:
            return await self._form_page(
                request, session, admins, org, values=values, problems=err.problems, sid=sid
            )
        found = await self.console.blocking(
            lambda: data.preview(self.console.reader, session.viewer, sub, self.console.sets)
        )
        return await self._form_page(
            request, session, admins, org, values=values, problems=[], sid=sid, preview=found
        )

    async def _silence(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        """A new silence through the SilenceAdmin the alerts API uses (its checks, its
        organisation scope)."""
        given = silence_from_form(form)
        try:
            silence = await self.console.blocking(
                lambda: admins.silences.add(
                    org, given.matchers, hours=given.hours, author=given.author,
                    reason=given.reason, now=self._now(),
                )
            )  # fmt: skip
        except SilenceError as err:
            return await self._list_page(session, org, admins, done=None, silence_error=str(err))
        log.info("console: organisation %s added silence %s", org, silence.silence_id)
        return redirect("/alerts?done=silenced")

    async def _unsilence(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        sid = request.match_info["id"]
        await self.console.blocking(lambda: admins.silences.expire(org, sid, self._now()))
        return redirect("/alerts?done=unsilenced")

    async def _set_active(
        self, request: web.Request, org: str, admins: AlertAdmins, active: bool
    ) -> web.Response:
        sid = request.match_info["id"]
        await self.console.blocking(lambda: admins.subs.set_active(org, sid, active, self._now()))
        return redirect("/alerts?done=" + ("resumed" if active else "paused"))

    async def _pause(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        return await self._set_active(request, org, admins, False)

    async def _resume(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        return await self._set_active(request, org, admins, True)

    async def _delete(
        self, request: web.Request, session: Session, form: Fields, org: str, admins: AlertAdmins
    ) -> web.Response:
        sid = request.match_info["id"]
        await self.console.blocking(lambda: admins.subs.delete(org, sid))
        log.info("console: organisation %s deleted subscription %s", org, sid)
        return redirect("/alerts?done=deleted")

    # --- a test notification ---

    async def _test_post(self, request: web.Request) -> web.Response:
        session, _ = await self.console.checked_post(request)
        sid = request.match_info["id"]
        audit = self.console.audit
        if session.role == OPERATOR and audit is not None:  # refused below, and written down
            audit.record("operator", session.org_id or "public",
                         "console test notification refused", subscription=sid[:100])  # fmt: skip
        return await self._answer(
            session, lambda org, admins: self._test(request, session, sid, org, admins)
        )

    async def _test(
        self, request: web.Request, session: Session, sid: str, org: str, admins: AlertAdmins
    ) -> web.Response:
        """Queue a test to the subscription's channels, wait for their outcome a while,
        and show it on the subscription's page."""
        tests = admins.tests
        if tests is None:
            raise _Stop(503, "Test notifications are sent by the main job (tahub up).")
        sub = await self.console.blocking(lambda: admins.subs.get(org, sid))  # NotFound
        values = form_values(spec_of(sub))
        try:
            nid = await self.console.blocking(lambda: tests.send(org, sid, self._now()))
        except RateLimited as err:
            self._audit_test(session, org, sid, outcome=f"refused: {err}")
            limited = alerts_pages.Tested(None, [], limited=(str(err), err.retry_after))
            return await self._form_page(
                request, session, admins, org, values=values, problems=[], sid=sid,
                tested=limited, status=429,
            )  # fmt: skip
        results = await self._await_results(tests, org, nid)
        said = ", ".join(f"{r.kind} {r.status}" for r in results)
        self._audit_test(session, org, sid, outcome=said, notification=nid)
        log.info("console: organisation %s tested subscription %s (%s)", org, sid, said)
        return await self._form_page(
            request, session, admins, org, values=values, problems=[], sid=sid,
            tested=alerts_pages.Tested(nid, results),
        )  # fmt: skip

    async def _await_results(self, tests: TestNotifier, org: str, nid: str) -> list[ChannelResult]:
        return await testsend.settled(
            tests, org, nid, wait=self.test_wait, blocking=self.console.blocking
        )

    def _audit_test(self, session: Session, org: str, sid: str, **detail: str) -> None:
        audit = self.console.audit
        if audit is not None:
            audit.record(f"partner key {session.key_id}", org, "console test notification",
                         subscription=sid, **detail)  # fmt: skip
