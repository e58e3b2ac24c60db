"""The console over HTTP on the real web server (tahub.web) and a real warehouse (chDB):
sign-in, sessions, CSRF, security headers, and the sharing rules applied through the
query API's own entry point (``tahub.query_api.run``)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers import migrations
from consumers.warehouse import Warehouse, open_warehouse
from tahub import query_api
from tests import consolekit as ck
from tests.consolekit import AMBER_ID, KEY_R, KEY_X, OPERATOR_TOKEN, RED_ID, VISIBLE_ID

pytestmark = pytest.mark.chdb


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    warehouse = open_warehouse(f"chdb://{tmp_path_factory.mktemp('console') / 'chdb'}")
    migrations.migrate(warehouse)
    ck.seed(warehouse)
    yield warehouse
    warehouse.close()


@pytest.fixture
def served(wh: Warehouse, tmp_path: Path) -> Iterator[ck.Served]:
    with ck.serve(wh, tmp_path) as s:
        yield s


_csrf = ck.csrf_of
sign_in = ck.sign_in


def test_pages_ask_for_sign_in_then_return_to_where_the_link_pointed(served: ck.Served) -> None:
    anon = httpx.Client(base_url=served.base, timeout=30)
    r = anon.get(f"/detections/{VISIBLE_ID}")
    assert r.status_code == 303
    assert r.headers["location"] == f"/login?next=%2Fdetections%2F{VISIBLE_ID}"
    assert anon.get("/data/map").status_code == 401
    # a link followed from another site (Slack) arrives without the SameSite=Strict
    # cookie: the answer asks again from this site, with no script
    r = anon.get(f"/detections/{VISIBLE_ID}", headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 200
    assert f'content="0;url=/detections/{VISIBLE_ID}"' in r.text
    assert "<script" not in r.text
    client = sign_in(served.base, KEY_X, f"/detections/{VISIBLE_ID}")
    page = client.get(f"/detections/{VISIBLE_ID}")
    assert page.status_code == 200
    assert "route Nigeria (NG) → Italy (IT)" in page.text
    assert "TLP:GREEN" in page.text


def test_the_session_cookie_is_httponly_strict_and_secure_behind_tls(
    wh: Warehouse, tmp_path: Path
) -> None:
    for public_url, secure in ((None, False), ("https://console.example.org", True)):
        with ck.serve(wh, tmp_path, public_url=public_url) as s:
            client = httpx.Client(base_url=s.base, timeout=30)
            form = client.get("/login")
            login_cookie = form.headers["set-cookie"]
            assert "HttpOnly" in login_cookie
            assert "SameSite=Strict" in login_cookie
            nonce = re.search(r"tahub_login=([^;]+)", login_cookie)
            assert nonce
            r = httpx.post(f"{s.base}/login", data={"key": KEY_X, "csrf": _csrf(form.text)},
                           headers={"Cookie": f"tahub_login={nonce.group(1)}"},
                           timeout=30)  # fmt: skip
            cookie = next(c for c in r.headers.get_list("set-cookie") if "tahub_session=" in c)
            assert "HttpOnly" in cookie
            assert "SameSite=Strict" in cookie
            assert "Path=/" in cookie
            assert ("Secure" in cookie) is secure


def test_failed_sign_ins_are_refused_throttled_and_never_log_the_key(
    served: ck.Served, caplog: pytest.LogCaptureFixture
) -> None:
    client = httpx.Client(base_url=served.base, timeout=30)
    wrong = "thk_cccccccccccc_" + "w" * 30
    statuses = []
    with caplog.at_level(logging.DEBUG):
        for _ in range(7):
            form = client.get("/login")
            r = client.post("/login", data={"key": wrong, "csrf": _csrf(form.text)})
            statuses.append(r.status_code)
            assert "tahub_session" not in r.headers.get("set-cookie", "")
        # even the right key waits now: the throttle answers before any key is checked
        form = client.get("/login")
        r = client.post("/login", data={"key": KEY_X, "csrf": _csrf(form.text)})
    assert statuses == [401] * 5 + [429] * 2
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert "console: a sign-in with an unknown key failed" in caplog.text
    assert wrong not in caplog.text
    assert "w" * 30 not in caplog.text


def test_sign_in_without_the_forms_token_or_from_another_site_is_refused(
    served: ck.Served,
) -> None:
    client = httpx.Client(base_url=served.base, timeout=30)
    assert client.post("/login", data={"key": KEY_X}).status_code == 403
    form = client.get("/login")
    token = _csrf(form.text)
    r = client.post("/login", data={"key": KEY_X, "csrf": token},
                    headers={"Origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403
    fresh = httpx.Client(base_url=served.base, timeout=30)  # the form's token, no cookie
    assert fresh.post("/login", data={"key": KEY_X, "csrf": token}).status_code == 403


def test_csrf_less_posts_are_refused_and_logout_ends_the_session(served: ck.Served) -> None:
    client = sign_in(served.base, KEY_X)
    page = client.get("/detections")
    token = _csrf(page.text)
    assert client.post("/logout").status_code == 403
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
    r = client.post("/logout", data={"csrf": token}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert client.get("/detections").status_code == 200  # still signed in
    sid = client.cookies["tahub_session"]
    r = client.post("/logout", data={"csrf": token})
    assert r.status_code == 303
    assert r.headers["location"] == "/login"
    assert served.console.sessions.get(sid) is None
    again = httpx.Client(base_url=served.base, cookies={"tahub_session": sid}, timeout=30)
    assert again.get("/detections").status_code == 303  # the old cookie opens nothing
    assert again.get("/data/map").status_code == 401


def test_an_expired_or_revoked_session_is_refused(served: ck.Served) -> None:
    client = sign_in(served.base, KEY_X)
    assert client.get("/data/map").status_code == 200
    session = served.console.sessions.get(client.cookies["tahub_session"])
    assert session is not None
    session.expires = 0  # its lifetime is over
    assert client.get("/data/map").status_code == 401
    assert client.get("/").status_code == 303
    client = sign_in(served.base, KEY_X)
    assert client.get("/data/map").status_code == 200
    served.console.revoked.add("aaaaaaaaaaaa")  # type: ignore[attr-defined]
    served.console._keys.clear()  # the recheck is due (it runs every 5 s)
    assert client.get("/data/map").status_code == 401


def test_every_answer_carries_a_strict_csp_and_no_framing(served: ck.Served) -> None:
    client = sign_in(served.base, KEY_X)
    anon = httpx.Client(base_url=served.base, timeout=30)
    for path in ("/", "/login", "/trends", "/detections", f"/detections/{VISIBLE_ID}",
                 "/data/map", "/static/console.js", "/static/vendor/leaflet/leaflet.js",
                 "/trends.csv"):  # fmt: skip
        r = (anon if path == "/login" else client).get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        if r.headers["content-type"].startswith("text/html"):
            assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", r.text) is None
            assert " style=" not in r.text
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/vendor/../../app.py",
                 "/static/nothing.js"):  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_console_and_query_api_run_one_code_path(
    served: ck.Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both call ``tahub.query_api.run`` (the function behind /api/v1/query/<name>), so
    the console holds no rule of its own; and they answer alike for the same viewer."""
    calls: list[tuple[str, str | None]] = []
    real = query_api.run

    def spy(wh: Warehouse, name: str, params: Any, viewer: Any, *a: Any, **kw: Any) -> Any:
        calls.append((name, viewer.org_id))
        return real(wh, name, params, viewer, *a, **kw)

    monkeypatch.setattr(query_api, "run", spy)
    client = sign_in(served.base, KEY_X)
    console = client.get("/data/map", params={"since": "90d"}).json()
    assert {n for n, _ in calls} == {"map", "detections"}  # the map's layers in one query
    assert {org for _, org in calls} == {"org-x"}
    calls.clear()
    api = httpx.get(f"{served.base}/api/v1/query/routes", params={"since": "90d"},
                    headers={"Authorization": f"Bearer {KEY_X}"}, timeout=30).json()  # fmt: skip
    assert calls == [("routes", "org-x")]
    assert [(r["origin"], r["destination"], r["reports"]) for r in console["routes"]] == [
        (r["origin"], r["destination"], r["reports"]) for r in api["rows"]
    ]
    api = httpx.get(f"{served.base}/api/v1/query/detections", params={"since": "90d"},
                    headers={"Authorization": f"Bearer {KEY_X}"}, timeout=30).json()  # fmt: skip
    assert {d["detection_id"] for d in console["detections"]} == {
        d["detection_id"] for d in api["rows"]
    }
    csv = client.get("/trends.csv", params={"by": "route", "since": "90d"}).text.splitlines()
    api = httpx.get(f"{served.base}/api/v1/query/counts",
                    params={"by": "origin,destination", "since": "90d"},
                    headers={"Authorization": f"Bearer {KEY_X}"}, timeout=30).json()  # fmt: skip
    assert csv[0] == ",".join(api["columns"])
    assert csv[1:] == [",".join(str(v) for v in row.values()) for row in api["rows"]]


def test_restricted_detections_never_reach_another_organisation(served: ck.Served) -> None:
    x, r = sign_in(served.base, KEY_X), sign_in(served.base, KEY_R)
    seen_by_x = "".join(
        x.get(path).text
        for path in ("/", "/detections?state=all", "/data/map?since=90d",
                     "/data/trend?by=route&since=90d", "/data/trend?by=typology&location=TH",
                     "/trends.csv?by=route", f"/detections/{VISIBLE_ID}")
    )  # fmt: skip
    assert VISIBLE_ID in seen_by_x
    for det_id in (RED_ID, AMBER_ID):
        assert det_id not in seen_by_x
        page = x.get(f"/detections/{det_id}")
        assert page.status_code == 404
        assert page.text.replace(det_id, "ID") == x.get("/detections/ID").text  # as unknown
        assert r.get(f"/detections/{det_id}").status_code == 200  # its owner sees it
    routes_x = {
        (d["origin"], d["destination"]): d["reports"] for d in x.get("/data/map").json()["routes"]
    }
    routes_r = {
        (d["origin"], d["destination"]): d["reports"] for d in r.get("/data/map").json()["routes"]
    }
    assert routes_x[("MM", "TH")] == 8  # the GREEN reports of four organisations
    assert routes_r[("MM", "TH")] == 11  # and org-r's own three RED ones
    assert ("LA", "TH") not in routes_x


def test_the_operator_views_as_an_organisation_and_each_switch_is_audited(
    served: ck.Served,
) -> None:
    op = sign_in(served.base, OPERATOR_TOKEN)
    page = op.get("/detections?state=all")
    assert "viewing as" in page.text
    assert RED_ID not in page.text  # the public view first
    token = _csrf(page.text)
    assert op.post("/view-as", data={"org": "org-r"}).status_code == 403
    assert op.post("/view-as", data={"org": "nobody", "csrf": token}).status_code == 400
    r = op.post("/view-as", data={"org": "org-r", "csrf": token, "next": "/detections?state=all"})
    assert r.status_code == 303
    assert RED_ID in op.get("/detections?state=all").text
    op.post("/view-as", data={"org": "", "csrf": token})
    assert RED_ID not in op.get("/detections?state=all").text
    lines = served.audit.lines()
    switches = [(a["as_org"], a["action"]) for a in lines if a["action"] == "console view-as"]
    assert switches == [("org-r", "console view-as"), ("public", "console view-as")]
    assert any(a["action"] == "console" and a["as_org"] == "org-r" for a in lines)
    assert OPERATOR_TOKEN not in (served.audit.path.read_text())
    partner = sign_in(served.base, KEY_X)
    token = _csrf(partner.get("/").text)
    assert partner.post("/view-as", data={"org": "org-r", "csrf": token}).status_code == 403


def test_bad_filters_are_one_line_400s_never_500(served: ck.Served) -> None:
    client = sign_in(served.base, KEY_X)
    for path in ("/data/map?typology=nope", "/data/map?since=99999999999d",
                 "/data/trend?by=nothing", "/data/trend?bucket=%C2%B2"):  # fmt: skip
        r = client.get(path)
        assert r.status_code == 400, (path, r.text)
        assert "\n" not in r.json()["error"]
    assert client.get("/trends.csv?by=x").status_code == 400
    assert client.get("/detections?state=x").status_code == 400
