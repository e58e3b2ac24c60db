"""`tahub export`: runs an export on the warehouse, or asks the main job over HTTP when
it owns the embedded chDB (as `tahub query` does), and returns the files to write."""

from __future__ import annotations

import json
from typing import Any

from consumers.queries import Viewer
from consumers.warehouse import Warehouse
from tahub.errors import TahubError
from tahub.exports import feed, misp
from tahub.operator_view import on_warehouse, operator_request
from tahub.settings import Settings

# an export's files: name -> text; the MISP feed is a directory of them
Files = dict[str, str]
ROUTES = {"stix": "stix", "ctdc": "ctdc.csv"}


def _local(s: Settings, wh: Warehouse, kind: str, params: dict[str, str], viewer: Viewer
           ) -> Files:  # fmt: skip
    now, k = feed.now_utc(), s.k_anonymity
    if kind == "misp":
        found = feed.detections(wh, "misp", params, viewer, k, now)
        events = [misp.event(d) for d in found]
        files = {f"{e['Event']['uuid']}.json": json.dumps(e, indent=1, sort_keys=True)
                 for e in events}  # fmt: skip
        files["manifest.json"] = json.dumps(misp.manifest(events), indent=1, sort_keys=True)
        files["hashes.csv"] = misp.hashes_csv(events)
        return files
    if kind == "stix":
        return {"bundle.json": feed.stix_bundle(wh, params, viewer, k, now).body}
    return {"ctdc.csv": feed.ctdc_csv(wh, params, viewer, k, now, bin_=s.release_bin).body}


def run_export(s: Settings, kind: str, params: dict[str, str], as_org: str | None) -> Files:
    return on_warehouse(
        s, as_org, "export", {"export": kind},
        local=lambda wh, viewer: _local(s, wh, kind, params, viewer),
        remote=lambda: _via_main_job(s, kind, params, as_org),
    )  # fmt: skip


def _via_main_job(s: Settings, kind: str, params: dict[str, str], as_org: str | None) -> Files:
    import httpx

    params, headers = operator_request(s, params, as_org)
    base = f"http://{s.http_host}:{s.http_port}/api/v1/export"
    one = {k: v for k, v in params.items() if k == "as_org"}

    def get(path: str, query: dict[str, str]) -> str:
        try:
            resp = httpx.get(f"{base}/{path}", params=query, headers=headers, timeout=120)
        except httpx.HTTPError as err:
            raise TahubError(
                f"chDB is busy (another process has it open) and the main job does not answer "
                f"at {base} ({err})"
            ) from None
        if resp.status_code != 200:
            body: Any = resp.json() if resp.headers.get("content-type", "").startswith(
                "application/json") else {}  # fmt: skip
            raise TahubError(str(body.get("error", resp.text)))
        return resp.text

    if kind != "misp":
        name = "bundle.json" if kind == "stix" else "ctdc.csv"
        return {name: get(ROUTES[kind], params)}
    files = {"manifest.json": get("misp/manifest.json", params)}
    for uid in json.loads(files["manifest.json"]):
        files[f"{uid}.json"] = get(f"misp/{uid}.json", one)
    files["hashes.csv"] = get("misp/hashes.csv", params)
    return files
