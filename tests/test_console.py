"""The console's pieces on their own: sessions, the sign-in throttle, CSRF tokens and
origin checks, the HTML builder's escaping, where a sign-in may send the browser, and
detection keys read back into dimensions."""

from __future__ import annotations

import pytest

from streams.detect.dimensions import DEFAULT_SETS
from tahub.console import csrf, data
from tahub.console.app import safe_next, sets_of
from tahub.console.html import Markup, json_block, tag
from tahub.console.sessions import OPERATOR, PARTNER, SessionStore, SignInThrottle


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def test_a_session_is_random_kept_by_hash_and_ends_when_idle_or_old_or_logged_out() -> None:
    clock = Clock()
    store = SessionStore(idle=60, lifetime=300, clock=clock)
    sid, session = store.create(PARTNER, "org-a", "abc")
    other, _ = store.create(PARTNER, "org-a", "abc")
    assert sid != other
    assert len(sid) >= 40
    assert sid not in repr(store._sessions)  # only a hash of the id is kept
    assert store.get(sid) is session
    assert session.viewer.org_id == "org-a"
    assert session.csrf
    assert session.csrf != sid
    clock.t += 59
    assert store.get(sid) is session  # a request keeps it alive...
    clock.t += 59
    assert store.get(sid) is session
    clock.t += 61
    assert store.get(sid) is None  # ...idle too long: gone
    assert store.get(sid) is None
    sid, _ = store.create(OPERATOR, None)
    for _ in range(5):  # busy, but never beyond its lifetime
        clock.t += 50
        assert store.get(sid) is not None
    clock.t += 50
    assert store.get(sid) is None
    sid, _ = store.create(PARTNER, "org-b", "k")
    store.end(sid)
    assert store.get(sid) is None
    for bad in (None, "", "x" * 1000, "\udcff"):
        assert store.get(bad) is None
    with pytest.raises(ValueError, match="role"):
        store.create("admin", None)


def test_sessions_are_bounded() -> None:
    clock = Clock()
    store = SessionStore(max_sessions=3, clock=clock)
    ids = []
    for _ in range(5):
        clock.t += 1
        ids.append(store.create(PARTNER, "org-a")[0])
    assert len(store) == 3
    assert store.get(ids[0]) is None
    assert store.get(ids[-1]) is not None


def test_failed_sign_ins_are_throttled_per_client_and_overall() -> None:
    clock = Clock()
    throttle = SignInThrottle(per_client=3, overall=5, window=60, clock=clock)
    for _ in range(3):
        assert throttle.wait("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
    assert throttle.wait("10.0.0.1") == pytest.approx(60)
    assert throttle.wait("10.0.0.2") == 0  # another client is not held back...
    throttle.failed("10.0.0.2")
    throttle.failed("10.0.0.3")
    assert throttle.wait("10.0.0.4") > 0  # ...until failures overall reach the cap
    clock.t += 61
    assert throttle.wait("10.0.0.1") == 0
    assert throttle.wait("10.0.0.4") == 0


def test_csrf_tokens_and_the_sign_in_forms_signed_double_submit() -> None:
    assert csrf.same("abc", "abc")
    assert not csrf.same("abc", "abd")
    assert not csrf.same("abc", None)
    assert not csrf.same("abc", "")
    assert not csrf.same("", "")
    assert not csrf.same("abc", "\udcff")
    guard = csrf.LoginGuard()
    nonce, token = guard.issue()
    assert guard.check(nonce, token)
    _other_nonce, other_token = guard.issue()
    assert not guard.check(nonce, other_token)  # a token from another form
    assert not guard.check(None, token)  # no cookie (another site's form)
    assert not guard.check(nonce, None)
    assert not csrf.LoginGuard().check(nonce, token)  # another process's secret
    assert not guard.check("é", token)


@pytest.mark.parametrize(
    ("headers", "ok"),
    [
        ({}, True),  # not a browser: the token still decides
        ({"Origin": "http://127.0.0.1:8700", "Sec-Fetch-Site": "same-origin"}, True),
        ({"Origin": "https://console.example.org"}, True),
        ({"Origin": "https://evil.example"}, False),
        ({"Origin": "null"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, False),
        ({"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:8700"}, False),
    ],
)
def test_posts_must_come_from_the_consoles_own_origin(headers: dict[str, str], ok: bool) -> None:
    assert csrf.same_origin(headers, {"127.0.0.1:8700", "console.example.org"}) is ok


def test_the_html_builder_escapes_text_and_attributes_and_refuses_inline_code() -> None:
    evil = '<script>alert(1)</script>"&'
    out = tag("a", evil, href=f"/x?q={evil}", title=evil)
    assert "<script>" not in out
    assert out.count("&lt;script&gt;") == 3
    assert 'href="/x?q=&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"' in out
    assert tag("p", Markup("<b>ok</b>")) == "<p><b>ok</b></p>"
    assert tag("input", name="a", required=True, hidden=False) == '<input name="a" required>'
    for attr in ("style", "onclick", "onload"):
        with pytest.raises(ValueError, match="not allowed"):
            tag("div", **{attr: "x"})
    with pytest.raises(ValueError, match="element name"):
        tag("script src=x")
    block = json_block("d", {"t": "</script><script>alert(1)</script>"})
    assert block.count("</script>") == 1  # only its own end
    assert "\\u003c/script\\u003e" in block


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/detections/det-1", "/detections/det-1"),
        ("/trends?by=route&typology=forced_labour", "/trends?by=route&typology=forced_labour"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_sign_in_sends_the_browser_to_this_server_only(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected


def test_detection_keys_read_back_into_their_dimensions() -> None:
    sets = sets_of(DEFAULT_SETS)
    assert data.dimensions("typology_route", "forced_labour|NG>IT", sets) == {
        "typology": "forced_labour", "origin": "NG", "destination": "IT",
    }  # fmt: skip
    assert data.dimensions("route", "MM>TH", sets) == {"origin": "MM", "destination": "TH"}
    assert data.dimensions("typology_location", "debt_bondage|TH", sets) == {
        "typology": "debt_bondage", "location": "TH",
    }  # fmt: skip
    assert data.dimensions("cell", "8364a4fffffffff", sets) == {"cell": "8364a4fffffffff"}
    assert data.dimensions("route", "MMTH", sets) == {}
    assert data.dimensions("unknown_set", "x", sets) == {}


def test_csv_cells_never_start_a_formula() -> None:
    assert data._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert data._cell("-1") == "'-1"
    assert data._cell("NG") == "NG"
    assert data._cell(None) == ""
    assert data._cell(3) == "3"
