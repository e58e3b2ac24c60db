"""My alerts over HTTP: the console's forms on the real web server, with the alerts API's
own managers (``wiring.alert_admins``) on real Kafka and a real warehouse (chDB).

A partner creates, edits, pauses, resumes and deletes its subscriptions through the
forms; the records land on the compacted subscriptions topic exactly as the API writes
them. As an attacker, another partner with its own session guesses ids, posts to them
with its own valid CSRF token, and names the first partner's channel secret: it sees
nothing, changes nothing, and every answer is the one an unknown id or name gets.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from alerts.admin import AlertAdmins
from alerts.book import read_all
from consumers import migrations, tables
from consumers.warehouse import Warehouse, open_warehouse
from schemas.topics import ALL
from tahub import wiring
from tahub.audit import Audit
from tahub.console.subs_form import Fields, form_values, spec_from_form
from tests import consolekit as ck
from tests.consolekit import KEY_R, KEY_X, OPERATOR_TOKEN
from tests.intakekit import settings_for
from tests.sinkkit import Space

pytestmark = [pytest.mark.kafka, pytest.mark.chdb]

X_SECRET = "x-signing-key-do-not-leak-0123"


@dataclass
class Setup:
    base: str
    space: Space
    admins: AlertAdmins
    wh: Warehouse
    conf: dict[str, str]
    audit: Audit


@pytest.fixture
def setup(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Setup]:
    space = Space.create(kafka_bootstrap, tmp_path)
    s = settings_for(space, tmp_path / "data", egress_allow="127.0.0.1")
    wiring.serde(s).register_all(ALL)
    vault = wiring.vault(s)
    vault.put_secret("org-x", "x_signing", X_SECRET)
    vault.put_secret("org-x", "ops_slack", "xoxb-x-do-not-leak")
    vault.put_secret("org-r", "r_hook", "r-signing-key-0123")
    vault.close()
    stop = threading.Event()
    book = wiring.subscription_book(s)
    threading.Thread(target=book.run, args=(stop,), daemon=True).start()
    assert book.ready.wait(30)
    admins = wiring.alert_admins(s, book)
    wh = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    migrations.migrate(wh)
    ck.seed(wh)  # detections for previews: org-x sees NG>IT; MM>TH and LA>TH are org-r's
    try:
        with ck.serve(wh, tmp_path, alerts=lambda: admins) as served:
            yield Setup(served.base, space, admins, wh, s.kafka_client_config(), served.audit)
    finally:
        stop.set()
        wh.close()


def _form(client: httpx.Client, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    return ck.csrf_of(page.text)


FORM = {
    "name": "Bangkok office",
    "typologies": ["forced_criminality", "forced_labour"],
    "min_severity": "high",
    "area_countries": "th, mm",
    "circle_lat": "13.75",
    "circle_lon": "100.5",
    "circle_radius_km": "50",
    "destinations": "TH",
    "channel_kind_0": "outbox",
    "channel_target_0": "bangkok",
    "channel_kind_1": "webhook",
    "channel_target_1": "https://alerts.example.org/tahub",
    "channel_secret_1": "x_signing",
    "channel_kind_2": "outbox",
    "channel_target_2": "",
    "mode": "immediate",
    "timezone": "Asia/Bangkok",
    "quiet_start": "22:00",
    "quiet_end": "07:00",
}


def _post(client: httpx.Client, path: str, token: str, form: dict[str, Any]) -> httpx.Response:
    return client.post(path, data={**form, "csrf": token})


def _only(stored: dict[str, Any], org: str) -> list[str]:
    return [sid for sid, sub in stored.items() if sub.org_id == org]


def test_a_partner_manages_its_subscriptions_in_the_console(setup: Setup) -> None:
    x = ck.sign_in(setup.base, KEY_X)
    token = _form(x, "/alerts/new")
    page = x.get("/alerts/new").text
    assert '<option value="x_signing">' in page  # its own secret names to choose from...
    assert "r_hook" not in page  # ...never another organisation's
    assert X_SECRET not in page

    r = _post(x, "/alerts/new", token, FORM)
    assert r.status_code == 303, r.text[:500]
    assert r.headers["location"] == "/alerts?done=created"
    stored = read_all(setup.conf, setup.space.serde())
    (sid,) = _only(stored, "org-x")
    sub = stored[sid]
    assert (sub.name, sub.min_severity.value, sub.timezone) == ("Bangkok office", "high",
                                                                 "Asia/Bangkok")  # fmt: skip
    assert sub.area.countries == ["TH", "MM"]
    assert sub.area.circle is not None
    assert sub.area.circle.radius_km == 50
    assert [c.secret_ref for c in sub.channels] == [None, "x_signing"]
    assert X_SECRET not in sub.model_dump_json()
    listed = x.get(r.headers["location"])
    assert "Subscription created." in listed.text
    assert f'data-subscription="{sid}"' in listed.text
    assert "Bangkok office" in listed.text

    # every form that posts carries the session's token
    edit = x.get(f"/alerts/{sid}").text
    for page_text in (listed.text, edit, x.get("/alerts/new").text):
        posts = re.findall(r'<form[^>]*method="post".*?</form>', page_text, flags=re.S)
        assert posts
        assert all('name="csrf"' in form for form in posts)

    # edit: the form comes back with what is stored, and a change is a new version
    assert 'value="Bangkok office"' in edit
    assert 'value="forced_criminality" checked' in edit
    assert "Nothing recorded for this subscription yet" in edit
    token = ck.csrf_of(edit)
    r = _post(x, f"/alerts/{sid}", token, {**FORM, "min_severity": "low", "name": "BKK"})
    assert r.status_code == 303, r.text[:500]
    assert setup.admins.subs.get("org-x", sid).version == 2
    assert setup.admins.subs.get("org-x", sid).name == "BKK"

    # problems come back in the form, by the alerts API's own rules; nothing is stored
    bad = {**FORM, "area_countries": "UK", "timezone": "Asia/Atlantis",
           "channel_kind_0": "slack", "channel_target_0": "https://hooks.slack.com/services/T/B/x",
           "bbox_min_lon": "west"}  # fmt: skip
    r = _post(x, "/alerts/new", token, bad)
    assert r.status_code == 422
    assert "area.bbox" in r.text
    bad.pop("bbox_min_lon")
    r = _post(x, "/alerts/new", token, bad)
    assert r.status_code == 422
    assert "did you mean &#x27;GB&#x27;" in r.text or "did you mean 'GB'" in r.text
    assert "IANA time zone" in r.text
    assert "hooks.slack.com" not in r.text  # a secret pasted as a target is not shown again
    assert len(_only(read_all(setup.conf, setup.space.serde()), "org-x")) == 1

    assert x.post(f"/alerts/{sid}/pause", data={"csrf": token}).status_code == 303
    assert setup.admins.subs.get("org-x", sid).active is False
    assert ">Resume<" in x.get("/alerts").text
    assert x.post(f"/alerts/{sid}/resume", data={"csrf": token}).status_code == 303
    assert setup.admins.subs.get("org-x", sid).active is True

    assert x.post(f"/alerts/{sid}/delete", data={"csrf": token}).status_code == 303
    assert "Your organisation has no subscription yet." in x.get("/alerts").text
    assert sid not in read_all(setup.conf, setup.space.serde())


def _history(wh: Warehouse, sid: str, org: str) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    sub = {
        "subscription_id": sid, "org_id": org, "name": "n", "version": 1, "active": True,
        "area": {"countries": [], "bbox": None, "circle": None, "geojson": None},
        "typologies": [], "origins": [], "destinations": [], "dimension_sets": [],
        "min_severity": "medium", "new_routes_only": False,
        "channels": [{"kind": "webhook", "target": "https://a.example/h", "secret_ref": "hook"}],
        "mode": "immediate", "digest_time": None, "timezone": "UTC", "quiet_hours": None,
        "notify_resolved": False, "created_at": now, "updated_at": now,
    }  # fmt: skip
    ck.load(wh, tables.SUBSCRIPTIONS, [sub])
    ck.load(wh, tables.DELIVERIES, [
        {"delivery_id": f"d{i}", "notification_id": "ntf-1", "subscription_id": sid,
         "channel": "webhook", "target": "https://a.example/h", "attempt": i,
         "status": status, "recoverable": status != "sent", "error": error,
         "latency_ms": 12, "attempted_at": now}
        for i, (status, error) in enumerate(
            (("retrying", "HTTP 503 from the receiver"), ("sent", None)), start=1)
    ])  # fmt: skip


def test_another_partner_cannot_see_change_or_delete_them_by_guessing(setup: Setup) -> None:
    x, r = ck.sign_in(setup.base, KEY_X), ck.sign_in(setup.base, KEY_R)
    token_x = _form(x, "/alerts/new")
    assert _post(x, "/alerts/new", token_x, FORM).status_code == 303
    (sid,) = _only(read_all(setup.conf, setup.space.serde()), "org-x")
    _history(setup.wh, sid, "org-x")
    assert "HTTP 503 from the receiver" in x.get(f"/alerts/{sid}").text  # the owner's history

    token_r = _form(r, "/alerts/new")
    listed = r.get("/alerts").text
    assert sid not in listed
    assert "Bangkok office" not in listed

    unknown = "sub-000000000000"
    for path in (f"/alerts/{sid}", f"/alerts/{unknown}"):
        assert r.get(path).status_code == 404
    # the same page, byte for byte, for another's id and an unknown one
    assert r.get(f"/alerts/{sid}").text == r.get(f"/alerts/{unknown}").text
    assert "HTTP 503 from the receiver" not in r.get(f"/alerts/{sid}").text
    for action, form in (("", {**FORM, "name": "mine now"}), ("/pause", {}),
                         ("/resume", {}), ("/delete", {})):  # fmt: skip
        theirs = _post(r, f"/alerts/{sid}{action}", token_r, form)
        nobody = _post(r, f"/alerts/{unknown}{action}", token_r, form)
        assert theirs.status_code == nobody.status_code == 404, (action, theirs.text[:300])
        assert theirs.text == nobody.text
        assert sid not in theirs.text
    kept = setup.admins.subs.get("org-x", sid)
    assert (kept.version, kept.active, kept.name) == (1, True, "Bangkok office")

    # org-x's token in org-r's session, and org-r's form without a token, are refused
    assert _post(r, f"/alerts/{sid}/delete", token_x, {}).status_code == 403
    assert r.post("/alerts/new", data=FORM).status_code == 403
    cross = r.post("/alerts/new", data={**FORM, "csrf": token_r},
                   headers={"Origin": "https://evil.example"})  # fmt: skip
    assert cross.status_code == 403
    anon = httpx.post(f"{setup.base}/alerts/{sid}/delete", data={"csrf": token_x}, timeout=30)
    assert anon.status_code == 401

    # naming org-x's secret gets the answer an unknown name gets, and no value
    def hook(ref: str) -> dict[str, Any]:
        target = "https://hooks.example.org/t"
        return {"name": "w", "channel_kind_0": "webhook", "channel_target_0": target,
                "channel_secret_0": ref}  # fmt: skip

    stolen, missing = (
        _post(r, "/alerts/new", token_r, hook(n)) for n in ("x_signing", "nothing_here")
    )
    assert stolen.status_code == missing.status_code == 422
    assert stolen.text.replace("x_signing", "N") == missing.text.replace("nothing_here", "N")
    for answer in (stolen, missing):
        assert X_SECRET not in answer.text
    assert _only(read_all(setup.conf, setup.space.serde()), "org-r") == []

    # the operator manages no organisation's subscriptions from the console
    op = ck.sign_in(setup.base, OPERATOR_TOKEN)
    assert op.get("/alerts").status_code == 403
    assert op.get(f"/alerts/{sid}").status_code == 403
    assert sid not in op.get(f"/alerts/{sid}").text


def test_the_form_carries_every_field_of_a_subscription_back_and_forth() -> None:
    """An edit must not drop what the form does not show: spec → form → spec is the same."""
    from alerts.subscriptions import SPEC_FIELDS, Rules, build, spec_of

    spec = {
        "name": "all of it", "typologies": ["forced_labour"], "origins": ["MM"],
        "destinations": ["TH"], "dimension_sets": ["route"], "min_severity": "critical",
        "new_routes_only": True, "notify_resolved": True, "mode": "digest_daily",
        "digest_time": "07:30", "timezone": "Asia/Bangkok",
        "quiet_hours": {"start": "22:00", "end": "06:00"},
        "area": {"countries": ["TH"], "bbox": [97.5, 5.5, 105.5, 20.5],
                 "circle": {"lat": 13.75, "lon": 100.5, "radius_km": 50},
                 "geojson": '{"type":"Polygon","coordinates":[[[100,13],[101,13],[101,14],'
                            '[100,13]]]}'},
        "channels": [{"kind": "outbox", "target": "a"},
                     {"kind": "webhook", "target": "https://h.example/x", "secret_ref": "hook"}],
    }  # fmt: skip
    rules = Rules(frozenset({"route", "typology"}))
    sub = build(spec, org_id="org-x", now=datetime.now(UTC), rules=rules)
    shown = spec_of(sub)
    assert set(shown) == set(SPEC_FIELDS)
    pairs = [(k, v) for k, values in form_values(shown).items() for v in values]
    again = build(spec_from_form(Fields(pairs)), org_id="org-x", now=sub.updated_at, rules=rules)
    assert spec_of(again) == shown


def test_a_preview_lists_what_it_would_have_been_told_of_and_stores_nothing(
    setup: Setup,
) -> None:
    x, r = ck.sign_in(setup.base, KEY_X), ck.sign_in(setup.base, KEY_R)
    token_x, token_r = _form(x, "/alerts/new"), _form(r, "/alerts/new")
    watch = {"name": "w", "channel_kind_0": "outbox", "channel_target_0": "o"}

    def shown(client: httpx.Client, token: str, path: str, **form: str) -> set[str]:
        page = _post(client, path, token, {**watch, **form})
        assert page.status_code == 200, page.text[:300]
        assert 'id="preview"' in page.text
        return set(re.findall(r'href="/detections/([^"]+)"', page.text))

    assert shown(x, token_x, "/alerts/preview", destinations="IT") == {ck.VISIBLE_ID}
    assert shown(x, token_x, "/alerts/preview", min_severity="critical") == {ck.VISIBLE_ID}
    assert shown(x, token_x, "/alerts/preview", destinations="TH") == set()  # org-r's
    assert shown(r, token_r, "/alerts/preview", destinations="TH") == {ck.RED_ID, ck.AMBER_ID}
    assert shown(r, token_r, "/alerts/preview", area_countries="IT") == {ck.VISIBLE_ID}
    # a route detection has no typology: a subscription to one typology is not about it
    typed = shown(x, token_x, "/alerts/preview", typologies="forced_labour", destinations="IT")
    assert typed == set()
    bad = _post(x, "/alerts/preview", token_x, {**watch, "timezone": "Mars/Olympus"})
    assert bad.status_code == 422
    assert read_all(setup.conf, setup.space.serde()) == {}  # nothing stored

    assert _post(x, "/alerts/new", token_x, FORM).status_code == 303
    (sid,) = _only(read_all(setup.conf, setup.space.serde()), "org-x")
    edited = _post(x, f"/alerts/{sid}/preview", token_x, {**watch, "destinations": "IT"})
    assert ck.VISIBLE_ID in edited.text
    assert "Edit Bangkok office" in edited.text  # still the edit page of that subscription
    theirs = _post(r, f"/alerts/{sid}/preview", token_r, watch)
    nobody = _post(r, "/alerts/sub-000000000000/preview", token_r, watch)
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.text == nobody.text


def test_silences_through_the_apis_admin_and_only_ones_own(setup: Setup) -> None:
    x, r = ck.sign_in(setup.base, KEY_X), ck.sign_in(setup.base, KEY_R)
    token_x, token_r = _form(x, "/alerts"), _form(r, "/alerts")
    quiet = {"match_field_0": "typology", "match_value_0": "forced_labour",
             "match_field_1": "location", "match_value_1": "TH", "hours": "2",
             "author": "ana", "reason": "known operation"}  # fmt: skip
    done = _post(x, "/alerts/silences", token_x, quiet)
    assert done.status_code == 303, done.text[:300]
    (silence,) = setup.admins.silences.list("org-x", datetime.now(UTC))
    assert silence.matchers == {"typology": "forced_labour", "location": "TH"}
    page = x.get(done.headers["location"]).text
    assert "Silence added." in page
    assert f'data-silence="{silence.silence_id}"' in page
    assert "location=TH, typology=forced_labour" in page  # as stored: sorted

    for bad, words in (({**quiet, "match_value_0": "", "match_value_1": ""}, "at least one"),
                       ({**quiet, "hours": "lots"}, "hours"),
                       ({**quiet, "hours": "1e308"}, "hours"),
                       ({**quiet, "match_field_0": "colour"}, "cannot match on")):  # fmt: skip
        refused = _post(x, "/alerts/silences", token_x, bad)
        assert refused.status_code == 422, bad
        assert words in refused.text
    assert len(setup.admins.silences.list("org-x", datetime.now(UTC))) == 1

    assert silence.silence_id not in r.get("/alerts").text
    theirs = _post(r, f"/alerts/silences/{silence.silence_id}/end", token_r, {})
    nobody = _post(r, "/alerts/silences/sil-000000000000/end", token_r, {})
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.text == nobody.text
    assert setup.admins.silences.list("org-x", datetime.now(UTC)) == [silence]
    ended = _post(x, f"/alerts/silences/{silence.silence_id}/end", token_x, {})
    assert ended.status_code == 303
    assert setup.admins.silences.list("org-x", datetime.now(UTC)) == []


def test_the_operator_reads_an_organisations_subscriptions_as_it_audited(setup: Setup) -> None:
    x, r = ck.sign_in(setup.base, KEY_X), ck.sign_in(setup.base, KEY_R)
    assert _post(x, "/alerts/new", _form(x, "/alerts/new"), FORM).status_code == 303
    (sid,) = _only(read_all(setup.conf, setup.space.serde()), "org-x")
    _history(setup.wh, sid, "org-x")
    assert _post(r, "/alerts/new", _form(r, "/alerts/new"), {**FORM, "name": "R desk",
        "channel_secret_1": "r_hook"}).status_code == 303  # fmt: skip
    (rid,) = _only(read_all(setup.conf, setup.space.serde()), "org-r")

    op = ck.sign_in(setup.base, OPERATOR_TOKEN)
    token = ck.csrf_of(op.get("/").text)
    assert op.get("/alerts").status_code == 403  # the public's view has no subscriptions
    assert op.post("/view-as", data={"csrf": token, "org": "org-x"}).status_code == 303

    listed = op.get("/alerts")
    assert listed.status_code == 200
    assert f'data-subscription="{sid}"' in listed.text
    assert f'data-subscription="{rid}"' not in listed.text  # org-x's only
    assert "R desk" not in listed.text
    page = op.get(f"/alerts/{sid}")
    assert page.status_code == 200
    assert "Bangkok office" in page.text
    assert "(secret x_signing)" in page.text  # the secret's name, never its value
    assert "HTTP 503 from the receiver" in page.text  # the delivery history, failures too
    for text in (listed.text, page.text):
        assert X_SECRET not in text
        assert "xoxb-x-do-not-leak" not in text
        assert 'id="read-only"' in text
        posts = re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', text)
        assert set(posts) <= {"/view-as", "/logout"}, posts  # nothing to change here

    # as org-x, org-r's id is what an unknown id is; reads change nothing
    unknown = "sub-000000000000"
    theirs, nobody = op.get(f"/alerts/{rid}"), op.get(f"/alerts/{unknown}")
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.text.replace(rid, "ID") == nobody.text.replace(unknown, "ID")
    assert "R desk" not in theirs.text
    for action in ("", "/pause", "/delete"):
        assert _post(op, f"/alerts/{sid}{action}", token, FORM).status_code == 403
    kept = setup.admins.subs.get("org-x", sid)
    assert (kept.version, kept.active) == (1, True)

    reads = [(a["as_org"], a["page"], a.get("id")) for a in setup.audit.lines()
             if a["actor"] == "operator" and a["action"] == "console"]  # fmt: skip
    read = [("org-x", "subscription", i) for i in (sid, rid, unknown)]
    assert reads == [("org-x", "alerts", None), *read]

    # a partner's session still reaches only its own, the operator's pages or not
    assert r.get(f"/alerts/{sid}").status_code == 404
    assert r.get(f"/alerts/{sid}").text == r.get(f"/alerts/{unknown}").text
    assert "HTTP 503 from the receiver" not in r.get(f"/alerts/{sid}").text
    assert 'id="read-only"' not in r.get("/alerts").text
