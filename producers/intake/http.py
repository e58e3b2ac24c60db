"""The intake HTTP endpoints (aiohttp routes mounted on tahub's web server).

Checks run cheapest first: key, rate limit, content type, size, then the body. Every
answer is JSON with an ``error`` that says what to change; no answer repeats a key or
a submitted value.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from pathlib import Path

from aiohttp import web

from producers.intake import faults, metrics, tabular
from producers.intake.access import AccessStore
from producers.intake.ratelimit import RateLimiter
from producers.intake.service import IntakeService, Outcome

JSON_TYPES = ("application/json",)
BULK_TYPES = {
    "text/csv": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
    "application/x-jsonlines": "jsonl",
}
OPENAPI = Path(__file__).with_name("openapi.json")
log = logging.getLogger("tahub.intake")
_MAX_KEY = 128


class _Refused(Exception):
    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


def _error(status: int, message: str, **headers: str) -> _Refused:
    return _Refused(Outcome(status, {"error": message}, headers))


class IntakeApi:
    def __init__(
        self,
        service: IntakeService,
        access: AccessStore,
        limiter: RateLimiter,
        pool: Executor,
        *,
        max_json_bytes: int,
        max_bulk_bytes: int,
    ) -> None:
        self._service = service
        self._access = access
        self._limiter = limiter
        self._pool = pool
        self.max_json_bytes = max_json_bytes
        self.max_bulk_bytes = max_bulk_bytes

    def authenticate(self, key: str) -> str | None:
        """The organisation of an API key (for other endpoints that accept partner keys)."""
        return self._access.authenticate(key)

    def close(self) -> None:
        self._service.close()
        self._access.close()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/api/v1/incidents", self._guarded("incidents", self._one)),
            web.post("/api/v1/incidents/bulk", self._guarded("bulk", self._bulk)),
            web.get("/api/v1/whoami", self._guarded("whoami", self._whoami)),
            web.get("/api/v1/openapi.json", self._openapi),
        ]

    def _guarded(
        self, endpoint: str, handler: Callable[[web.Request, str], Awaitable[Outcome]]
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def run(request: web.Request) -> web.Response:
            t0 = time.perf_counter()
            try:
                org = await self._authenticate(request)
                wait = self._limiter.take(org)
                if wait > 0:
                    metrics.RATE_LIMITED.inc()
                    raise _error(
                        429,
                        "too many requests for this organisation; slow down",
                        **{"Retry-After": str(max(1, round(wait + 0.5)))},
                    )
                outcome = await handler(request, org)
            except _Refused as refused:
                outcome = refused.outcome
            except Exception as err:  # a bug, not bad input: say so without echoing input
                log.error("intake %s failed: %s", endpoint, faults.described(err))
                outcome = Outcome(500, {"error": "internal error; nothing was stored"})
            metrics.REQUESTS.labels(endpoint, str(outcome.status)).inc()
            metrics.LATENCY.labels(endpoint).observe(time.perf_counter() - t0)
            return web.Response(
                body=outcome.to_bytes(),
                status=outcome.status,
                content_type="application/json",
                headers=outcome.headers,
            )

        return run

    async def _authenticate(self, request: web.Request) -> str:
        auth = request.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        token = token or request.headers.get("X-API-Key", "").strip()
        if not token:
            metrics.AUTH_FAILURES.labels("missing").inc()
            raise _error(
                401,
                "an API key is required: send 'Authorization: Bearer <key>'",
                **{"WWW-Authenticate": 'Bearer realm="tahub"'},
            )
        org = self._access.authenticate(token)
        if org is None:
            metrics.AUTH_FAILURES.labels("invalid").inc()
            raise _error(
                401,
                "the API key is not valid (unknown, malformed or revoked)",
                **{"WWW-Authenticate": 'Bearer realm="tahub", error="invalid_token"'},
            )
        return org

    @staticmethod
    def _idempotency_key(request: web.Request) -> str | None:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return None
        key = key.strip()
        if not key or len(key) > _MAX_KEY or not key.isprintable():
            raise _error(400, f"Idempotency-Key must be 1-{_MAX_KEY} printable characters")
        return key

    @staticmethod
    def _charset_ok(request: web.Request) -> None:
        charset = request.charset
        if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise _error(415, "only UTF-8 bodies are accepted")

    async def _body(self, request: web.Request, limit: int) -> bytes:
        if request.content_length is not None and request.content_length > limit:
            raise _error(413, f"the body is larger than the limit of {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.content.iter_chunked(1 << 16):
            size += len(chunk)
            if size > limit:
                raise _error(413, f"the body is larger than the limit of {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _one(self, request: web.Request, org: str) -> Outcome:
        if request.content_type not in JSON_TYPES:
            raise _error(
                415,
                "send one incident as 'Content-Type: application/json'; for files use "
                "/api/v1/incidents/bulk",
            )
        self._charset_ok(request)
        key = self._idempotency_key(request)
        body = await self._body(request, self.max_json_bytes)
        try:
            data = tabular.loads(body)
        except RecursionError:
            raise _error(400, "the JSON is nested too deeply to be an incident") from None
        except tabular.DuplicateName as err:
            raise _error(400, f"the body is not valid I-JSON: {err}") from None
        except ValueError as err:  # also UnicodeDecodeError, NaN and Infinity
            where = (
                f" at line {err.lineno} column {err.colno}"
                if isinstance(err, json.JSONDecodeError)
                else ""
            )
            raise _error(400, f"the body is not valid JSON{where}") from None
        return await self._service.submit_one(org, data, key)

    async def _bulk(self, request: web.Request, org: str) -> Outcome:
        fmt = BULK_TYPES.get(request.content_type)
        if fmt is None:
            raise _error(
                415,
                "send a file as 'Content-Type: text/csv' or 'application/x-ndjson' (JSON Lines)",
            )
        self._charset_ok(request)
        key = self._idempotency_key(request)
        body = await self._body(request, self.max_bulk_bytes)

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool,
            lambda: self._service.submit_file(org, body, fmt=fmt, idempotency_key=key),
        )

    async def _whoami(self, request: web.Request, org: str) -> Outcome:
        del request
        return Outcome(200, {"org_id": org})

    async def _openapi(self, request: web.Request) -> web.Response:
        del request
        return web.Response(body=OPENAPI.read_bytes(), content_type="application/json")
