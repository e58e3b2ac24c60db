"""Subscriptions and silences over HTTP, scoped to the caller's organisation by its API key.

The same checks as the CLI (alerts.admin); answers are JSON. A subscription or silence of
another organisation is 404, so ids cannot be probed. Publishing a change waits for the
broker's acknowledgement, so a 2xx means the change is stored.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from alerts.admin import NotFound, SilenceAdmin, SubscriptionAdmin
from alerts.secrets import SecretError, Secrets, check_name
from alerts.silences import MAX_SILENCE, SilenceError
from alerts.subscriptions import SubscriptionError, public_view
from alerts.testsend import WAIT_S, RateLimited, TestNotifier, settled, view
from schemas import strictjson
from schemas.vault import Vault

log = logging.getLogger("tahub.alerts.http")
MAX_BODY = 1024 * 1024  # a GeoJSON area of 20,000 vertices fits


@dataclass
class _Answer(Exception):
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, message: str, **extra: Any) -> _Answer:
    return _Answer(status, {"error": message, **extra})


def _when(value: Any) -> datetime | None:
    """An optional ISO 8601 start time with a zone (a silence can be planned ahead)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        raise _error(422, "starts_at: an ISO 8601 time, e.g. 2026-12-01T08:00:00+00:00") from None
    if when.tzinfo is None:
        raise _error(422, "starts_at: give a time zone, e.g. +00:00")
    return when


class AlertsApi:
    def __init__(
        self,
        subs: SubscriptionAdmin,
        silences: SilenceAdmin,
        authenticate: Callable[[str], str | None],
        pool: Executor,
        secrets: Secrets | None = None,
        *,
        tests: TestNotifier | None = None,
        audit: Callable[..., None] | None = None,  # (actor, as_org, action, **detail)
        test_wait: float = WAIT_S,
    ) -> None:
        self.subs = subs
        self.silences = silences
        self.secrets = secrets
        self.tests, self._audit, self.test_wait = tests, audit, test_wait
        self._authenticate = authenticate
        self._pool = pool

    def routes(self) -> list[web.RouteDef]:
        base = "/api/v1/subscriptions"
        return [
            web.get(base, self._wrap(self._list)),
            web.post(base, self._wrap(self._add)),
            web.get(base + "/{id}", self._wrap(self._get)),
            web.put(base + "/{id}", self._wrap(self._replace)),
            web.delete(base + "/{id}", self._wrap(self._delete)),
            web.post(base + "/{id}/pause", self._wrap(self._pause)),
            web.post(base + "/{id}/resume", self._wrap(self._resume)),
            web.post(base + "/{id}/test", self._wrap(self._test)),
            web.get("/api/v1/silences", self._wrap(self._silence_list)),
            web.post("/api/v1/silences", self._wrap(self._silence_add)),
            web.delete("/api/v1/silences/{id}", self._wrap(self._silence_expire)),
            web.get("/api/v1/secrets", self._wrap(self._secret_list)),
            web.put("/api/v1/secrets/{name}", self._wrap(self._secret_put)),
            web.delete("/api/v1/secrets/{name}", self._wrap(self._secret_delete)),
        ]

    def _wrap(
        self, handler: Callable[[web.Request, str], Awaitable[tuple[int, Any]]]
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def run(request: web.Request) -> web.Response:
            headers: dict[str, str] = {}
            try:
                org = self._org(request)
                status, body = await handler(request, org)
            except _Answer as answer:
                status, body, headers = answer.status, answer.body, answer.headers
            except SubscriptionError as err:
                status = 422
                body = {
                    "error": "the subscription is not valid",
                    "problems": [{"path": p.path, "reason": p.reason} for p in err.problems],
                }
            except SilenceError as err:
                status, body = 422, {"error": str(err)}
            except NotFound as err:
                status, body = 404, {"error": str(err)}
            except Exception as err:  # the broker or the store failed: nothing changed
                log.error("alerts API %s failed: %s", request.path, type(err).__name__)
                status = 503
                body = {"error": "the change could not be stored now; try again shortly"}
            return web.json_response(body, status=status, headers=headers)

        return run

    def _org(self, request: web.Request) -> str:
        auth = request.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        token = token or request.headers.get("X-API-Key", "").strip()
        org = self._authenticate(token) if token and len(token) <= 128 else None
        if org is None:
            raise _error(401, "an organisation's API key is needed (Authorization: Bearer …)")
        return org

    async def _json(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise _error(415, "send application/json")
        if request.content_length is not None and request.content_length > MAX_BODY:
            raise _error(413, f"the body is larger than {MAX_BODY} bytes")
        # read to the end: one read() returns only what has arrived so far, and a body
        # of ~100 kB came in two pieces often enough to be judged "not valid JSON"
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.content.iter_chunked(1 << 16):
            size += len(chunk)
            if size > MAX_BODY:
                raise _error(413, f"the body is larger than {MAX_BODY} bytes")
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            data = strictjson.loads(raw)
        except strictjson.DuplicateName as err:
            raise _error(400, f"the body is not valid I-JSON: {err}") from None
        except (ValueError, RecursionError):  # also JSONDecodeError, UnicodeDecodeError
            raise _error(400, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise _error(400, "the body must be a JSON object")
        return data

    async def _blocking(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    # --- subscriptions ---

    async def _list(self, _: web.Request, org: str) -> tuple[int, Any]:
        subs = await self._blocking(lambda: self.subs.list(org))
        return 200, {"subscriptions": [public_view(s) for s in subs]}

    async def _get(self, request: web.Request, org: str) -> tuple[int, Any]:
        sub = await self._blocking(lambda: self.subs.get(org, request.match_info["id"]))
        return 200, public_view(sub)

    async def _add(self, request: web.Request, org: str) -> tuple[int, Any]:
        data = await self._json(request)
        sub = await self._blocking(lambda: self.subs.add(org, data, self._now()))
        return 201, public_view(sub)

    async def _replace(self, request: web.Request, org: str) -> tuple[int, Any]:
        data = await self._json(request)
        sid = request.match_info["id"]
        sub = await self._blocking(lambda: self.subs.replace(org, sid, data, self._now()))
        return 200, public_view(sub)

    async def _delete(self, request: web.Request, org: str) -> tuple[int, Any]:
        sub = await self._blocking(lambda: self.subs.delete(org, request.match_info["id"]))
        return 200, {"deleted": sub.subscription_id}

    async def _pause(self, request: web.Request, org: str) -> tuple[int, Any]:
        sid = request.match_info["id"]
        sub = await self._blocking(lambda: self.subs.set_active(org, sid, False, self._now()))
        return 200, public_view(sub)

    async def _resume(self, request: web.Request, org: str) -> tuple[int, Any]:
        sid = request.match_info["id"]
        sub = await self._blocking(lambda: self.subs.set_active(org, sid, True, self._now()))
        return 200, public_view(sub)

    async def _test(self, request: web.Request, org: str) -> tuple[int, Any]:
        """A test notification through each of the subscription's real channels (the
        console's code path: alerts.testsend), its outcome once every channel is done
        (200) or as it stands after the wait (202). Audited, rate-limited."""
        tests = self.tests
        if tests is None:
            raise _error(503, "test notifications are sent by the main job (tahub up)")
        sid = request.match_info["id"]
        try:
            nid = await self._blocking(lambda: tests.send(org, sid, self._now()))
        except RateLimited as err:
            self._audited(org, sid, outcome=f"refused: {err}")
            wait = str(math.ceil(err.retry_after))
            raise _Answer(429, {"error": f"too many tests: {err}", "retry_after": int(wait)},
                          {"Retry-After": wait}) from None  # fmt: skip
        results = await settled(tests, org, nid, wait=self.test_wait, blocking=self._blocking)
        said = ", ".join(f"{r.kind} {r.status}" for r in results)
        self._audited(org, sid, outcome=said, notification=nid)
        log.info("API: organisation %s tested subscription %s (%s)", org, sid, said)
        answer = view(nid, results)
        return (200 if answer["done"] else 202), answer

    def _audited(self, org: str, sid: str, **detail: str) -> None:
        if self._audit is not None:
            self._audit("partner API key", org, "API test notification", subscription=sid,
                        **detail)  # fmt: skip

    # --- silences ---

    async def _silence_list(self, _: web.Request, org: str) -> tuple[int, Any]:
        found = await self._blocking(lambda: self.silences.list(org, self._now()))
        return 200, {"silences": [s.to_json() for s in found]}

    async def _silence_add(self, request: web.Request, org: str) -> tuple[int, Any]:
        data = await self._json(request)
        unknown = sorted(set(data) - {"matchers", "hours", "author", "reason", "starts_at"})
        if unknown:
            raise _error(422, "a silence has matchers, hours, author, reason and starts_at only")
        matchers = data.get("matchers")
        if not isinstance(matchers, dict) or not all(isinstance(v, str) for v in matchers.values()):
            raise _error(422, "matchers: an object of field: value strings")
        hours = data.get("hours", 24)
        if not isinstance(hours, int | float) or isinstance(hours, bool):
            longest = MAX_SILENCE.total_seconds() / 3600  # the range is SilenceAdmin's to check
            raise _error(422, f"hours: a number above 0 and at most {longest:.0f}")
        author, reason = data.get("author"), data.get("reason")
        if not isinstance(author, str) or not isinstance(reason, str):
            raise _error(422, "author and reason: strings")
        starts = _when(data.get("starts_at"))
        s = await self._blocking(
            lambda: self.silences.add(
                org, matchers, hours=float(hours), author=author, reason=reason,
                now=self._now(), starts_at=starts,
            )
        )  # fmt: skip
        return 201, s.to_json()

    # --- the organisation's own channel secrets: names out, values in, never back out ---

    def _vault(self) -> Vault:
        if self.secrets is None or self.secrets.vault is None:
            raise _error(503, "secrets cannot be stored here")
        return self.secrets.vault

    async def _secret_list(self, _: web.Request, org: str) -> tuple[int, Any]:
        secrets = self.secrets
        names = await self._blocking(lambda: secrets.names(org) if secrets else [])
        return 200, {"secrets": names}

    async def _secret_put(self, request: web.Request, org: str) -> tuple[int, Any]:
        vault = self._vault()
        name = request.match_info["name"]
        try:
            check_name(name)
        except SecretError as err:
            raise _error(422, str(err)) from None
        data = await self._json(request)
        value = data.get("value")
        if set(data) != {"value"} or not isinstance(value, str) or not value.strip():
            raise _error(422, 'send {"value": "<the secret>"} and nothing else')
        await self._blocking(lambda: vault.put_secret(org, name, value.strip()))
        return 200, {"name": name, "stored": True}

    async def _secret_delete(self, request: web.Request, org: str) -> tuple[int, Any]:
        vault = self._vault()
        name = request.match_info["name"]
        if not await self._blocking(lambda: vault.delete_secret(org, name)):
            raise _error(404, f"no secret {name!r} of yours in the vault")
        return 200, {"name": name, "deleted": True}

    async def _silence_expire(self, request: web.Request, org: str) -> tuple[int, Any]:
        sid = request.match_info["id"]
        await self._blocking(lambda: self.silences.expire(org, sid, self._now()))
        return 200, {"expired": sid}
