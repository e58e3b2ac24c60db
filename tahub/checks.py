"""Health checks of each component, shared by `tahub status` and the main job's /health."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from schemas.catalog import record_schema
from schemas.registry import RegistryError, canonical
from schemas.topics import ALL, value_subject
from tahub import wiring
from tahub.datadir import loose
from tahub.errors import TahubError
from tahub.settings import Settings
from tahub.topics_admin import check_reachable, shared_admin


@dataclass(frozen=True)
class Check:
    component: str
    ok: bool
    detail: str


def data_dir(s: Settings) -> Check:
    """Red when another local user could read anything in the data dir."""
    found = loose(s.data_dir)
    if found:
        return Check(
            "data dir", False,
            f"{len(found)} path(s) readable by others, e.g. {found[0]} (`tahub up` fixes them)",
        )  # fmt: skip
    return Check("data dir", True, f"{s.data_dir} private (0700, files 0600)")


def broker(s: Settings, timeout: float = 5.0) -> tuple[Check, Any]:
    """Whether Kafka answers, and its metadata when it does."""
    try:
        md = check_reachable(s.kafka_client_config(), timeout=timeout)
    except TahubError as err:
        return Check("kafka", False, str(err)), None
    return Check("kafka", True, f"{len(md.brokers)} broker(s) at {s.bootstrap}"), md


def kafka(s: Settings) -> list[Check]:
    conf = s.kafka_client_config()
    reached, md = broker(s)
    if md is None:
        return [reached]
    out = [reached]
    missing = [
        t.physical(s.topic_prefix) for t in ALL if t.physical(s.topic_prefix) not in md.topics
    ]
    out.append(
        Check("topics", not missing, f"missing: {', '.join(missing)} (run `tahub topics create`)")
        if missing
        else Check("topics", True, f"all {len(ALL)} present")
    )
    out.append(worker_group(s, conf))
    return out


def worker_group(s: Settings, conf: dict[str, str]) -> Check:
    from confluent_kafka import ConsumerGroupState

    try:
        admin = shared_admin(conf)  # futures die with their client; see shared_admin
        fut = admin.describe_consumer_groups([s.app_id], request_timeout=5)[s.app_id]
        desc = fut.result(timeout=10)
    except Exception as err:
        return Check("worker", False, f"cannot describe group {s.app_id}: {err}")
    members = len(desc.members)
    ok = desc.state == ConsumerGroupState.STABLE and members > 0
    state = getattr(desc.state, "name", str(desc.state)).lower()
    detail = f"group {s.app_id}: {state}, {members} member(s)"
    return Check("worker", ok, detail if ok else detail + " (start it with `tahub up`)")


def registry(s: Settings) -> Check:
    try:
        reg = wiring.registry(s)
        stale = []
        for spec in ALL:
            latest = reg.latest(value_subject(spec.physical(s.topic_prefix)))
            if latest is None or canonical(latest.schema) != canonical(
                record_schema(spec.record).text
            ):
                stale.append(spec.logical)
    except RegistryError as err:
        return Check("registry", False, str(err))
    if stale:
        return Check(
            "registry", False, f"not registered: {', '.join(stale)} (run `tahub schemas register`)"
        )
    return Check("registry", True, f"{len(ALL)} subjects current at {reg.url}")


def main_job(s: Settings) -> list[Check]:
    """What only the main job knows (it owns the embedded warehouse); its details with the
    operator token the job wrote in the data dir (/health tells others only what is well)."""
    url = f"http://{s.http_host}:{s.http_port}/health"
    try:
        token = s.operator_token_path.read_text().strip()
    except OSError:
        token = ""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        try:
            with urllib.request.urlopen(request, timeout=3) as resp:  # noqa: S310
                body: dict[str, Any] = json.loads(resp.read())
        except urllib.error.HTTPError as err:  # 503: answering, but something is red
            body = json.loads(err.read())
    except (urllib.error.URLError, OSError, ValueError) as err:
        return [
            Check("main job", False, f"not answering at {url} ({err}); start it with `tahub up`")
        ]
    # `tahub status` asks Kafka itself: the job's own view of it would be a second row
    return [Check(**c) for c in body["checks"] if c["component"] != "kafka"]


def to_json(checks: list[Check]) -> bytes:
    return json.dumps(
        {"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}
    ).encode()
