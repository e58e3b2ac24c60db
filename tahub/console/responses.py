"""The console's answers: every one carries a strict Content-Security-Policy (no inline
script or style, nothing from elsewhere), refuses framing and caching of private pages."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def secured(response: web.StreamResponse, *, cache: bool = False) -> web.StreamResponse:
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "private, max-age=3600" if cache else "no-store"
    return response


def html_response(body: str, status: int = 200) -> web.Response:
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
    secured(response)
    return response


def json_response(body: Any, status: int = 200) -> web.Response:
    response = web.json_response(body, status=status, dumps=lambda o: json.dumps(o, default=str))
    secured(response)
    return response


def redirect(location: str) -> web.Response:
    response = web.Response(status=303, headers={"Location": location})
    secured(response)
    return response
