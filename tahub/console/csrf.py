"""Cross-site request forgery defences for the console's forms.

- Every form of a signed-in session carries the session's token (``Session.csrf``); a
  state-changing request without it, or with another, is refused.
- The sign-in form, before any session exists, carries a token bound to a random nonce
  in a short-lived cookie (HMAC under a per-process secret: a signed double submit), so
  another site cannot sign a browser in under its own key.
- Every POST must come from the console's own origin: a cross-site ``Origin`` or
  ``Sec-Fetch-Site`` is refused whatever the tokens say.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

LOGIN_COOKIE = "tahub_login"
FIELD = "csrf"


def same(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a form's token with the expected one."""
    if not given or not expected:
        return False
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogateescape"))


class LoginGuard:
    """Tokens for the sign-in form: ``issue()`` gives a nonce for a cookie and the token
    for the form; ``check`` accepts the pair only together."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def _token(self, nonce: str) -> str:
        mac = hmac.new(self._secret, b"login:" + nonce.encode(), hashlib.sha256)
        return mac.hexdigest()

    def issue(self) -> tuple[str, str]:
        nonce = secrets.token_urlsafe(24)
        return nonce, self._token(nonce)

    def check(self, nonce: str | None, token: str | None) -> bool:
        if not nonce or not token or len(nonce) > 100 or not nonce.isascii():
            return False
        return same(self._token(nonce), token)


def same_origin(headers: Mapping[str, str], hosts: set[str]) -> bool:
    """Whether a state-changing request comes from one of the console's own origins
    (``hosts``: ``host[:port]`` as the browser addresses the console). Browsers send
    ``Origin`` on every POST and ``Sec-Fetch-Site`` on every request; a request with
    neither (a script, not a browser) still needs its token."""
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site not in {"same-origin", "none"}:
        return False
    origin = headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() in hosts
