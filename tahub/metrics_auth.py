"""Who may read ``/metrics``: a scraper holding the metrics token, or the operator.

The metrics time every partner's submission to the second (intake row counters, the
last-event time of the incidents topic) and count detection versions a caller may not be
allowed to see, so they are not public. Prometheus gets a token of its own, good for
nothing but ``/metrics``, rather than the operator token that may query as any
organisation. The token is ``TAHUB_METRICS_TOKEN`` or, when that is unset, a file in the
data dir made once (mode 0600) and kept across restarts, so a scraper's configuration
stays valid; every tahub process of one deployment reads the same one.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from tahub.settings import Settings

REALM = 'Bearer realm="tahub metrics"'


def metrics_token(s: Settings) -> str:
    if s.metrics_token is not None:
        return s.metrics_token.get_secret_value()
    return _file_token(s.metrics_token_path)


def _file_token(path: Path) -> str:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(32))
    try:  # link, not rename: the first process to make the file wins, none replaces it
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)


def _read(path: Path) -> str:
    token = path.read_text().strip()
    if not token:
        raise ValueError(f"{path} is empty; delete it and tahub makes a new metrics token")
    return token


def authorized(header: str, *tokens: str | None) -> bool:
    """``header`` is an Authorization value; true when it is ``Bearer`` one of ``tokens``."""
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return False
    offered = given.strip().encode("utf-8", "surrogateescape")
    # compare with every token (no early exit): which one matched is not timed either
    ok = [hmac.compare_digest(offered, t.encode()) for t in tokens if t]
    return any(ok)
