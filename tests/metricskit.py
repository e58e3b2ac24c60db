"""Reading /metrics as Prometheus does: with the metrics token (tahub.metrics_auth)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import httpx


def token_of(env: Mapping[str, str]) -> str:
    """The token a tahub process started with ``env`` serves its metrics behind."""
    if env.get("TAHUB_METRICS_TOKEN"):
        return env["TAHUB_METRICS_TOKEN"]
    return (Path(env["TAHUB_DATA_DIR"]) / "metrics.token").read_text().strip()


def scrape(url: str, token: str, timeout: float = 10) -> str:
    """The text at ``url`` (a /metrics address); any answer but 200 is an error."""
    resp = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout)
    resp.raise_for_status()
    return resp.text
