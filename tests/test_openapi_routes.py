"""The OpenAPI document against the routes the main job's HTTP server really registers
(built as `tahub up` builds it: query API, partner intake, subscriptions, silences,
secrets, the console), and its page at /api/docs.

Building the server's routes opens no connection, so a Kafka bootstrap nobody listens on
is enough here; the routes' behaviour is tested against their schemas elsewhere
(tests/test_intake_contract.py, tests/test_alerts_api.py, tests/test_delays.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from aiohttp import web
from openapi_spec_validator import validate

from producers.intake.http import OPENAPI
from tahub import query_api
from tahub.mainjob.http_service import HttpService
from tahub.runtime.ports import free_port
from tahub.settings import load_settings

DOC = json.loads(OPENAPI.read_text(encoding="utf-8"))
METHODS = ("get", "post", "put", "patch", "delete")
QUERY = ("GET", "/api/v1/query/{name}")  # one route; each name is its own documented path
# the console's pages and form posts: HTML for people in a browser, not an API
PAGES = {
    ("GET", "/"), ("GET", "/login"), ("POST", "/login"), ("POST", "/logout"),
    ("POST", "/view-as"), ("GET", "/trends"), ("GET", "/detections"), ("GET", "/campaign"),
    ("GET", "/detections/{id}"), ("GET", "/ops"), ("GET", "/static/{path}"),
    ("GET", "/alerts"), ("GET", "/alerts/new"), ("POST", "/alerts/new"),
    ("POST", "/alerts/preview"), ("POST", "/alerts/silences"),
    ("POST", "/alerts/silences/{id}/end"), ("GET", "/alerts/{id}"), ("POST", "/alerts/{id}"),
    ("POST", "/alerts/{id}/preview"), ("POST", "/alerts/{id}/pause"),
    ("POST", "/alerts/{id}/resume"), ("POST", "/alerts/{id}/delete"),
    ("POST", "/alerts/{id}/test"),
}  # fmt: skip


@pytest.fixture(scope="module")
def job_http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpService]:
    data = tmp_path_factory.mktemp("data")
    s = load_settings(data_dir=data, kafka_bootstrap=f"127.0.0.1:{free_port()}",
                      http_port=free_port())  # fmt: skip
    from tahub import wiring

    book = wiring.subscription_book(s)  # never started: the routes need only the object
    http = HttpService(s, checks=list, warehouse=lambda: None, book=lambda: book)
    try:
        yield http
    finally:
        http.stop()


@pytest.fixture(scope="module")
def routes(job_http: HttpService) -> set[tuple[str, str]]:
    """The routes of the app `tahub up` serves (built again by start(): its partner API
    objects are closed here, the next ones by stop())."""
    found = served(job_http.web.app())
    assert job_http.intake is not None
    job_http.intake.close()
    return found


def served(app: web.Application) -> set[tuple[str, str]]:
    """(method, path) of every route; HEAD is aiohttp's echo of each GET."""
    out = set()
    for route in app.router.routes():
        if route.method != "HEAD" and route.resource is not None:
            out.add((route.method, route.resource.canonical))
    return out


def documented(doc: dict[str, object]) -> set[tuple[str, str]]:
    paths = doc["paths"]
    assert isinstance(paths, dict)
    return {(m.upper(), path) for path, item in paths.items() for m in METHODS if m in item}


def test_the_document_is_valid_openapi() -> None:
    validate(DOC)


def test_every_route_is_documented_and_every_documented_route_served(
    routes: set[tuple[str, str]],
) -> None:
    assert QUERY in routes
    api = (routes - PAGES - {QUERY}) | {("GET", f"/api/v1/query/{n}") for n in query_api.QUERIES}
    docs = documented(DOC)
    assert sorted(api - docs) == []  # served, not documented
    assert sorted(docs - api) == []  # documented, not served (stale)
    assert sorted(PAGES - routes) == []  # a page listed here that is gone
    assert PAGES.isdisjoint(docs)


def test_each_query_documents_exactly_the_parameters_it_takes() -> None:
    for name, (_, allowed) in query_api.QUERIES.items():
        op = DOC["paths"][f"/api/v1/query/{name}"]["get"]
        params = {p["name"] for p in op["parameters"]}
        assert params == {*allowed, "as_org"}, name


async def _nothing(_: web.Request) -> web.Response:
    return web.Response()


def test_the_check_catches_an_undocumented_route() -> None:
    app = web.Application()
    app.router.add_get("/api/v1/new-thing", _nothing)
    app.router.add_get("/health", _nothing)
    assert served(app) - documented(DOC) == {("GET", "/api/v1/new-thing")}


def test_api_docs_page_is_served_offline(
    job_http: HttpService, routes: set[tuple[str, str]]
) -> None:
    assert ("GET", "/api/docs") in routes
    job_http.start()
    base = f"http://127.0.0.1:{job_http.s.http_port}"
    with httpx.Client(base_url=base, timeout=30) as http:
        page = http.get("/api/docs")
        css = http.get("/static/apidocs.css")
        raw = http.get("/api/v1/openapi.json")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert css.status_code == 200
    assert raw.json() == DOC
    html = page.text
    assert "<script" not in html  # rendered here, nothing for a browser to run or fetch
    assert not re.search(r"""(src|href)="(https?:)?//""", html)
    for method, path in documented(DOC):
        assert f'<span class="method {method.lower()}">{method}</span> <code>{path}</code>' in html
    for name in DOC["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors
