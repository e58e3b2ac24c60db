"""Reading the warehouse as an organisation, one rule for queries and exports alike.

An operator may read as any organisation (``as_org``); every such read goes on the audit
record, whether it comes over HTTP or from the CLI. The CLI reads the warehouse itself,
or asks the main job over HTTP when the main job has the embedded chDB open (chDB takes
one process at a time); over HTTP ``as_org`` travels with the operator token.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from consumers.errors import WarehouseError
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from tahub.audit import Audit
from tahub.errors import TahubError
from tahub.runtime.ports import answers
from tahub.settings import Settings

T = TypeVar("T")


def request_params(
    query: Mapping[str, str], viewer: Viewer, audit: Audit | None, action: str,
    detail: Callable[[dict[str, str]], dict[str, str]] = lambda _: {},
) -> dict[str, str]:  # fmt: skip
    """An HTTP request's parameters without ``as_org``; a read as an organisation (the
    viewer was decided with the operator token) is recorded first."""
    params = {k: v for k, v in query.items() if k != "as_org"}
    if "as_org" in query and audit is not None:
        audit.record("operator", viewer.label, action, **detail(params))
    return params


def on_warehouse(
    s: Settings, as_org: str | None, action: str, detail: dict[str, str], *,
    local: Callable[[Warehouse, Viewer], T], remote: Callable[[], T],
) -> T:  # fmt: skip
    """``local`` on the warehouse, or ``remote`` (the main job over HTTP) when the main job
    has chDB open; a read as an organisation is recorded before ``local`` runs (the main
    job records its own)."""
    chdb = s.warehouse.startswith("chdb://")
    if chdb and answers(s.http_port, s.http_host):
        return remote()  # it has chDB open
    try:
        wh = open_warehouse(s.warehouse)
    except WarehouseError:
        if not chdb:
            raise
        return remote()
    if as_org:  # the operator reading as an organisation: on the record
        Audit(s.data_dir / "audit.log").record("operator", as_org, action, **detail)
    try:
        return local(wh, Viewer(as_org) if as_org else Viewer())
    except QueryError as err:
        raise TahubError(str(err)) from None
    finally:
        wh.close()


def operator_request(
    s: Settings, params: dict[str, str], as_org: str | None
) -> tuple[dict[str, str], dict[str, str]]:
    """Parameters and headers for asking the main job: ``as_org`` with the operator token."""
    if not as_org:
        return params, {}
    try:
        token = s.operator_token_path.read_text().strip()
    except OSError as err:
        raise TahubError(f"cannot read the operator token ({err.strerror})") from None
    return {**params, "as_org": as_org}, {"Authorization": "Bearer " + token}
