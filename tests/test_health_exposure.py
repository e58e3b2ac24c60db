"""What a caller without any key learns from the main job's /health and /metrics: they are
served on the same port as the partner API and the console, to anyone who can reach it.

Nothing about a partner may be in them: not the names of an organisation's alert
channels (a webhook's host, a Slack channel, an outbox), which the operator reads with
`tahub status`, `tahub alerts status` or on /ops, nor counters that move when a partner
submits or is alerted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import httpx

from alerts.store import Endpoint
from tahub.mainjob.supervisor import MainJob
from tahub.runtime.ports import free_port
from tahub.web import WebServer

PARTNER_TARGETS = ("alerts.shelter-x.example", "C0SHELTERX", "bangkok-office")


@dataclass
class _Store:
    """An alerts store with three partner endpoints failing."""

    def queue_counts(self) -> dict[str, int]:
        return {"pending": 2, "sent": 5, "failed": 1}

    def endpoints(self) -> list[Endpoint]:
        kinds = ("webhook", "slack", "outbox")
        return [
            Endpoint(f"{k}:{i}", k, t, 9, True, "HTTP 503", 0.0)
            for i, (k, t) in enumerate(zip(kinds, PARTNER_TARGETS, strict=True))
        ]


@dataclass
class _Job:
    _alert_store: Any


def _alert_delivery() -> Any:
    return MainJob._alert_delivery(cast(MainJob, _Job(_Store())))


def test_health_names_no_partner_alert_channel() -> None:
    check = _alert_delivery()
    assert check.ok  # a subscriber's broken endpoint is not the platform's fault
    assert "3 endpoint(s) failing" in check.detail
    for target in PARTNER_TARGETS:
        assert target not in check.detail
    server = WebServer("127.0.0.1", free_port(), checks=lambda: [_alert_delivery()],
                       warehouse=lambda: None, k=3, operator_token="op-token",
                       partner=lambda _: None)  # fmt: skip
    server.start()
    try:
        health = httpx.get(f"http://127.0.0.1:{server.port}/health", timeout=30)  # no key at all
        assert health.status_code == 200
        for target in PARTNER_TARGETS:
            assert target not in health.text
    finally:
        server.stop()


def _metrics_server(metrics_token: str | None) -> WebServer:
    server = WebServer("127.0.0.1", free_port(), checks=list, warehouse=lambda: None, k=3,
                       operator_token="op-token", metrics_token=metrics_token,
                       partner={"ngo-b-key": "ngo-b"}.get)  # fmt: skip
    server.start()
    return server


def test_metrics_tell_no_caller_without_the_metrics_token_when_partners_submit() -> None:
    """Another partner, with keys of its own, polls /metrics to time every partner's
    submission (RED ones too) to the second and to count detection versions it may not see:
    it gets a 401 however it asks; Prometheus (the metrics token) and the operator read."""
    from producers.intake import metrics as intake_metrics
    from tahub.mainjob import kafka_probe

    server = _metrics_server("scrape-token")
    url = f"http://127.0.0.1:{server.port}/metrics"
    try:
        intake_metrics.ROWS.labels("accepted").inc()  # a partner's RED incident arrives
        kafka_probe.LAST_EVENT.labels("tahub.incidents").set(1_790_000_000.25)
        for auth in (None, "Bearer ngo-b-key", "ngo-b-key", "Bearer", "Basic c2NyYXBl",
                     "Bearer scrape-token-but-longer", "Bearer SCRAPE-TOKEN",
                     "Bearer scrape-tok", "Bearer op-token2"):  # fmt: skip
            answer = httpx.get(url, headers={"Authorization": auth} if auth else {}, timeout=30)
            assert answer.status_code == 401, auth
            assert "tahub_" not in answer.text
            assert "1.79" not in answer.text
            assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        as_other = httpx.get(url, params={"as_org": "ngo-a"},
                             headers={"Authorization": "Bearer ngo-b-key"}, timeout=30)  # fmt: skip
        assert as_other.status_code == 401
        for token in ("scrape-token", "op-token"):
            text = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30).text
            assert "tahub_intake_rows_total" in text, token
            assert 'topic="tahub.incidents"} 1.79000000025e+09' in text
    finally:
        server.stop()


def test_with_no_metrics_token_only_the_operator_reads_the_metrics() -> None:
    server = _metrics_server(None)
    url = f"http://127.0.0.1:{server.port}/metrics"
    try:
        assert httpx.get(url, timeout=30).status_code == 401
        assert (
            httpx.get(url, headers={"Authorization": "Bearer None"}, timeout=30).status_code == 401
        )
        assert (
            httpx.get(url, headers={"Authorization": "Bearer op-token"}, timeout=30).status_code
            == 200
        )
    finally:
        server.stop()


def test_a_childs_metrics_port_answers_only_with_the_token() -> None:
    from tahub.metrics_server import serve_metrics

    port = free_port()
    serve_metrics(port, "127.0.0.1", "test", "TAHUB_TEST_PORT", "child-token")
    url = f"http://127.0.0.1:{port}/metrics"
    for auth in ({}, {"Authorization": "Bearer op-token"}, {"Authorization": "child-token"}):
        answer = httpx.get(url, headers=auth, timeout=30)
        assert answer.status_code == 401, auth
        assert "tahub_" not in answer.text
        assert "python_" not in answer.text
    ok = httpx.get(url, headers={"Authorization": "Bearer child-token"}, timeout=30)
    assert ok.status_code == 200
    assert "tahub_build_info" in ok.text


def test_health_tells_no_caller_without_a_token_when_partners_submit_or_are_alerted() -> None:
    """Another partner (or anyone who reaches the port) polls /health as it once polled
    /metrics: the sink's count of landed records moved when any partner's incident and
    its signals landed (RED ones too: timed to the sink's batch, sized by its signals),
    and the delivery counts when any organisation was alerted, of detection versions the
    caller may not see. Without the metrics or the operator token, /health says only
    which component is well; the same before and after. The tokens read the details."""
    import threading

    from consumers.sink import SinkStatus
    from tahub.mainjob.sink_service import SinkService

    status = SinkStatus(state="running", landed=120)
    sink = cast(SinkService, _SinkJob(_Sink(status), 0, None, threading.current_thread()))
    store = _Counting()
    job = cast(MainJob, _Job(store))
    server = WebServer("127.0.0.1", free_port(), warehouse=lambda: None, k=3,
                       checks=lambda: [SinkService.check(sink), MainJob._alert_delivery(job)],
                       operator_token="op-token", metrics_token="scrape-token",
                       partner={"ngo-b-key": "ngo-b"}.get)  # fmt: skip
    server.start()
    url = f"http://127.0.0.1:{server.port}/health"
    callers = (None, "Bearer ngo-b-key", "Bearer scrape-tok", "Bearer op-token2")

    def answers() -> list[tuple[int, str]]:
        out = []
        for auth in callers:
            got = httpx.get(url, headers={"Authorization": auth} if auth else {}, timeout=30)
            out.append((got.status_code, got.text))
        return out

    try:
        before = answers()
        status.landed += 1 + 6  # ngo-a's RED incident lands, with its six signals
        store.sent += 1  # and a subscriber of ngo-c is alerted
        after = answers()
        assert after == before
        assert all(code == 200 for code, _ in after)
        assert not any(str(n) in text for _, text in after for n in (120, 127, 5, 6))
        for token in ("scrape-token", "op-token"):
            full = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
            assert "127 records landed" in full.text, token
            assert "6 sent" in full.text, token
    finally:
        server.stop()


@dataclass
class _Sink:
    status: Any


@dataclass
class _SinkJob:
    sink: Any
    restarts: int
    error: str | None
    thread: Any


@dataclass
class _Counting(_Store):
    sent: int = 5

    def queue_counts(self) -> dict[str, int]:
        return {"sent": self.sent}

    def endpoints(self) -> list[Endpoint]:
        return []
