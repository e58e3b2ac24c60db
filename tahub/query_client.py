"""`tahub query`: runs a named query on the warehouse, or asks the main job when it owns
the embedded chDB, and prints the result as a table."""

from __future__ import annotations

from typing import Any

import click

from consumers.queries import Viewer
from consumers.warehouse import Warehouse
from tahub import query_api
from tahub.errors import TahubError
from tahub.masterkey import open_vault
from tahub.operator_view import on_warehouse, operator_request
from tahub.settings import Settings
from tahub.web import result_json


def run_query(s: Settings, name: str, params: dict[str, str], as_org: str | None) -> dict[str, Any]:
    def local(wh: Warehouse, viewer: Viewer) -> dict[str, Any]:
        vault = open_vault(s)
        try:
            result = query_api.run(
                wh, name, params, viewer, s.k_anonymity, bin_=s.release_bin, opener=vault.open
            )
            return result_json(result, viewer)
        finally:
            vault.close()

    return on_warehouse(s, as_org, "query", {"query": name}, local=local,
                        remote=lambda: _via_main_job(s, name, params, as_org))  # fmt: skip


def _via_main_job(
    s: Settings, name: str, params: dict[str, str], as_org: str | None
) -> dict[str, Any]:
    import httpx

    params, headers = operator_request(s, params, as_org)
    url = f"http://{s.http_host}:{s.http_port}/api/v1/query/{name}"
    try:
        resp = httpx.get(url, params=params, headers=headers, timeout=60)
    except httpx.HTTPError as err:
        raise TahubError(
            f"chDB is busy (another process has it open) and the main job does not answer at "
            f"{url} ({err})"
        ) from None
    body: dict[str, Any] = resp.json()
    if resp.status_code != 200:
        raise TahubError(str(body.get("error", resp.text)))
    return body


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def print_result(body: dict[str, Any]) -> None:
    columns: list[str] = body["columns"]
    # a bucket of None holds reports whose occurrence is known only more coarsely
    rows = [
        ["undated" if c == "bucket" and row[c] is None else _cell(row[c]) for c in columns]
        for row in body["rows"]
    ]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    click.echo(body["title"])
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    if not rows:
        click.echo("(no rows)")
    for note in body.get("notes", []):
        click.echo(f"note: {note}")
