"""`tahub query`: runs a named query on the warehouse, or asks the main job when it owns
the embedded chDB, and prints the result as a table."""

from __future__ import annotations

from typing import Any

import click

from consumers.errors import WarehouseError
from consumers.queries import QueryError, Viewer
from consumers.warehouse import open_warehouse
from tahub import query_api
from tahub.audit import Audit
from tahub.errors import TahubError
from tahub.masterkey import open_vault
from tahub.runtime.ports import answers
from tahub.settings import Settings
from tahub.web import result_json


def run_query(s: Settings, name: str, params: dict[str, str], as_org: str | None) -> dict[str, Any]:
    viewer = Viewer(as_org) if as_org else Viewer()
    if s.warehouse.startswith("chdb://") and answers(s.http_port, s.http_host):
        return _via_main_job(s, name, params, as_org)  # it has chDB open
    try:
        wh = open_warehouse(s.warehouse)
    except WarehouseError:
        if not s.warehouse.startswith("chdb://"):
            raise
        return _via_main_job(s, name, params, as_org)
    if as_org:  # the operator reading as an organisation: on the record
        Audit(s.data_dir / "audit.log").record("operator", as_org, "query", query=name)
    vault = open_vault(s)
    try:
        result = query_api.run(
            wh, name, params, viewer, s.k_anonymity, bin_=s.release_bin, opener=vault.open
        )
        return result_json(result, viewer)
    except QueryError as err:
        raise TahubError(str(err)) from None
    finally:
        wh.close()
        vault.close()


def _via_main_job(
    s: Settings, name: str, params: dict[str, str], as_org: str | None
) -> dict[str, Any]:
    import httpx

    headers = {}
    if as_org:
        params = {**params, "as_org": as_org}
        try:
            headers["Authorization"] = "Bearer " + s.operator_token_path.read_text().strip()
        except OSError as err:
            raise TahubError(f"cannot read the operator token ({err.strerror})") from None
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
