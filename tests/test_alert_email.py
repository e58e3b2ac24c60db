"""Email as an alert channel, against a real SMTP server (aiosmtpd on 127.0.0.1 with
STARTTLS and AUTH required): the router's batch step queues, the deliverer sends through
the organisation's relay, and the test reads what the server accepted."""

from __future__ import annotations

import asyncio
import json
import logging
import smtplib
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from alerts import compose
from alerts.channels import mail
from alerts.channels.mail import EmailSender
from alerts.channels.mail_relay import MAX_RECIPIENTS, RelayError, recipients, relay
from alerts.compose import payload
from alerts.delivery import Deliverer, DeliveryConfig
from alerts.policy import Item, Notification
from alerts.secrets import Secrets, env_name
from alerts.service import AlertConfig, Router
from alerts.store import AlertStore
from alerts.subscriptions import Rules, SubscriptionError, build
from schemas.egress import EgressPolicy
from schemas.models import Detection
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import ALL, DELIVERIES, DETECTIONS
from tests.alertkit import RULES, T0, detection, subscription
from tests.smtpkit import PASSWORD, USER, Relay, start_relay
from tests.test_alert_router import Msg

LOOPBACK = EgressPolicy.parse(["127.0.0.1"])  # the test relay, named by the operator


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Relay]:
    r = start_relay(tmp_path)
    try:
        yield r
    finally:
        r.stop()


def _email(to: str, secret: str = "relay") -> dict[str, Any]:
    return {"kind": "email", "target": to, "secret_ref": secret}


class World:
    """A router and a deliverer on one store, organisations' relay secrets in env."""

    def __init__(self, tmp: Path, secrets: dict[tuple[str, str], str], cfg: DeliveryConfig) -> None:
        self.serde = Serde(open_registry(f"file://{tmp / 'registry'}"), "t.")
        self.serde.register_all(ALL)
        self.store = AlertStore(tmp / "alerts.db")
        env = {env_name(org, name): value for (org, name), value in secrets.items()}
        self.deliverer = Deliverer(self.store, Secrets(env=env), cfg)
        acfg = AlertConfig(group_id="g", base_url="http://hub.example")
        self.router = Router({}, self.serde, self.store, acfg, self.deliverer, producer=None)
        self.offset = 0

    def subscribe(self, org: str, **spec: Any) -> None:
        sub = subscription(org, **spec)
        self.router.on_subscription(sub.subscription_id, sub)

    def detect(self, det: dict[str, Any], at: float) -> None:
        value = self.serde.encode(DETECTIONS, Detection.model_validate(det).to_avro())
        self.router.step([Msg(value, self.offset)], at)
        self.offset += 1

    def deliver(self) -> list[dict[str, Any]]:
        """Run the deliverer until nothing is pending; the Delivery records."""
        stop = threading.Event()
        runner = threading.Thread(target=self.deliverer.run, args=(stop,), daemon=True)
        runner.start()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                counts = self.store.queue_counts()
                if counts and not counts.get("pending") and not counts.get("sending"):
                    break
                time.sleep(0.05)
        finally:
            stop.set()
            runner.join(15)
        return [json.loads(r[3]) for r in self.store.outgoing() if r[1] == DELIVERIES.logical]


def _world(tmp: Path, smtp: Relay, secrets: dict[tuple[str, str], str], **over: Any) -> World:
    options: dict[str, Any] = {
        "outbox_dir": tmp / "out",
        "egress": LOOPBACK,
        "smtp_ca_file": smtp.ca_file,
        "retry_base": 0.05,
        "timeout": 5.0,
    }
    options.update(over)
    return World(tmp, secrets, DeliveryConfig(**options))


def test_an_alert_arrives_over_starttls_with_one_message_in_two_parts(
    tmp_path: Path, smtp: Relay, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    w = _world(tmp_path, smtp, {("org-b", "relay"): smtp.url()})
    w.subscribe("org-b", name="Bangkok office",
                channels=[_email("duty@shelter.example,lead@ngo.example")])  # fmt: skip
    w.detect(detection(det_id="det-9"), T0.timestamp())
    assert len(w.router.step([], T0.timestamp() + 5)) == 1
    records = w.deliver()
    assert [(r["channel"], r["status"], r["attempt"]) for r in records] == [("email", "sent", 1)]
    assert records[0]["target"] == "ngo.example,shelter.example"  # domains, not people
    (got,) = smtp.mailbox.received
    assert got.login == USER
    assert got.mail_from == USER
    assert got.rcpt_tos == ["duty@shelter.example", "lead@ngo.example"]
    msg = got.message
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["From"] == USER
    assert msg["To"] == "duty@shelter.example, lead@ngo.example"
    assert msg["Subject"] == ("[TLP:GREEN] Spike: forced criminality, in Thailand (TH) (high)")
    assert msg["Auto-Submitted"] == "auto-generated"
    nid = records[0]["notification_id"]
    assert msg["Message-ID"] == f"<{nid}@tahub.example>"
    plain, html = got.part("plain"), got.part("html")
    link = "http://hub.example/detections/det-9"
    for part in (plain, html):
        assert "14 reports vs 2.5 expected" in part
        assert "5 distinct sources" in part
        assert link in part
        assert "Bangkok office" in part
        assert "org-src" not in part  # who reported stays inside
    assert "<table>" in html
    assert "<table>" not in plain
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("tahub"))
    assert PASSWORD not in logged
    assert PASSWORD not in json.dumps(records)


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


def spike_turns_red(w: World) -> tuple[list[dict[str, Any]], float]:
    """A GREEN spike that org-r's TLP:RED reports join at its second version, each
    routed: (the RED version's evidence, the time of the first)."""
    green = _ev(("org-a", "GREEN", 1), ("org-b", "GREEN", 1), ("org-c", "GREEN", 2))
    red = [*green, *_ev(("org-r", "RED", 3))]
    now = T0.timestamp()
    w.detect(detection(det_id="d", tlp="GREEN", evidence=green, observed=4.0), now)
    w.router.step([], now + 1)
    w.detect(detection(det_id="d", version=2, state="updated", tlp="RED", evidence=red,
                       observed=7.0, severity="critical"), now + 10)  # fmt: skip
    w.router.step([], now + 11)
    return red, now


def test_a_subscriber_never_gets_by_email_what_it_may_not_see(tmp_path: Path, smtp: Relay) -> None:
    """Attack: org-x watches a route where org-r then adds TLP:RED reports. org-x's mail
    holds the GREEN opening and the end in the words it was told; org-r's holds the RED
    version. Each organisation's relay is its own secret."""
    secrets = {("org-x", "relay"): smtp.url(), ("org-r", "relay"): smtp.url()}
    w = _world(tmp_path, smtp, secrets)
    w.subscribe("org-x", notify_resolved=True, channels=[_email("x@x.example")])
    w.subscribe("org-r", notify_resolved=True, channels=[_email("r@r.example")])
    red, now = spike_turns_red(w)
    w.detect(detection(det_id="d", version=3, state="resolved", tlp="RED", evidence=red,
                       observed=7.0, severity="critical"), now + 20)  # fmt: skip
    w.router.step([], now + 21)
    records = w.deliver()
    assert {r["status"] for r in records} == {"sent"}
    by_rcpt: dict[str, list[str]] = {}
    for got in smtp.mailbox.received:
        (rcpt,) = got.rcpt_tos
        by_rcpt.setdefault(rcpt, []).append(got.raw.decode())
    assert len(by_rcpt["x@x.example"]) == 2  # the opening and the end
    assert len(by_rcpt["r@r.example"]) == 3
    for raw in by_rcpt["x@x.example"]:
        assert "TLP:RED" not in raw
        assert "7 reports" not in raw
        assert "critical" not in raw
    assert any("TLP:RED" in raw and "7 reports" in raw for raw in by_rcpt["r@r.example"])


def test_a_daily_digest_is_one_email_listing_every_detection(tmp_path: Path, smtp: Relay) -> None:
    w = _world(tmp_path, smtp, {("org-b", "relay"): smtp.url()})
    w.subscribe("org-b", name="daily", mode="digest_daily", digest_time="08:00",
                channels=[_email("duty@shelter.example")])  # fmt: skip
    now = T0.timestamp()  # Monday 09:00 UTC: the digest goes on Tuesday at 08:00
    for i, place in enumerate(("TH", "MY", "KH")):
        w.detect(detection(det_id=f"d{i}", location=place), now + i)
    assert w.router.step([], now + 3600) == []
    (digest,) = w.router.step([], (T0 + timedelta(hours=23, minutes=1)).timestamp())
    assert digest.kind == "digest"
    w.deliver()
    (got,) = smtp.mailbox.received
    assert got.message["Subject"] == "[TLP:GREEN] Digest for daily: 3 detection(s), highest high"
    for part in (got.part("plain"), got.part("html")):
        for place in ("Thailand (TH)", "Malaysia (MY)", "Cambodia (KH)"):
            assert place in part


def _note(name: str, **dims: Any) -> dict[str, Any]:
    sub = subscription("org-b", channels=[_email("duty@shelter.example")])
    sub = sub.model_copy(update={"name": name})  # as if stored before names were checked
    det = detection(**dims)
    n = Notification("ntf-inject", sub, "new", (Item("new", det, None),), T0.timestamp())
    return payload(n, "http://hub.example")


def _send(sender: EmailSender, body: dict[str, Any]) -> Any:
    return asyncio.run(sender.send(body))


def test_header_injection_through_names_and_detection_fields_stays_text(
    tmp_path: Path, smtp: Relay
) -> None:
    """Attack: CR/LF in a subscription name (one stored before names were checked) and
    in detection fields try to add a Bcc header, a second recipient and an HTML script."""
    evil = "watch\r\nBcc: thief@evil.example\r\n\r\n<script>x()</script>"
    body = _note(evil, cell="8364a4fffffffff\r\nBcc: thief@evil.example<script>y()</script>")
    sender = EmailSender(smtp.url(), "duty@shelter.example", LOOPBACK, 5.0, smtp.ca_file)
    assert _send(sender, body).ok
    (got,) = smtp.mailbox.received
    assert got.rcpt_tos == ["duty@shelter.example"]
    msg = got.message
    assert msg["Bcc"] is None
    assert "thief" not in str(msg["To"])
    assert "\n" not in str(msg["Subject"])
    assert "\r" not in str(msg["Subject"])
    headers = got.raw.split(b"\r\n\r\n", 1)[0].decode()
    assert "Bcc" not in headers
    html = got.part("html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    # and a new name cannot hold a line break at all
    with pytest.raises(SubscriptionError) as err:
        subscription("org-b", name=evil)
    assert [p.path for p in err.value.problems] == ["name"]


def test_recipients_are_plain_addresses_and_few(tmp_path: Path) -> None:
    """Attack: a target that smuggles a header, a display name, a group or a list of
    hundreds of addresses."""
    for bad in (
        "a@x.example\r\nBcc: b@y.example", "Boss <a@x.example>", "team: a@x.example;",
        "a@x.example (note)", "a@localhost", "a@[10.0.0.1]", "a@x.example,,b@y.example",
        "a@x.example,A@x.example", "", "a@x.example; b@y.example",
    ):  # fmt: skip
        with pytest.raises(RelayError):
            recipients(bad)
    many = ",".join(f"p{i}@x.example" for i in range(MAX_RECIPIENTS + 1))
    with pytest.raises(RelayError, match="at most"):
        recipients(many)
    assert recipients(" a@x.example , b.c+d@y.example ") == ["a@x.example", "b.c+d@y.example"]
    # a subscription's channels together hold at most 20 addresses
    chans = [_email(",".join(f"p{c}{i}@x.example" for i in range(8))) for c in range(3)]
    with pytest.raises(SubscriptionError) as err:
        subscription("org-b", channels=chans)
    assert [p.path for p in err.value.problems] == ["channels"]


def _problems(data: dict[str, Any], org: str, secrets: Secrets, egress: EgressPolicy) -> list[str]:
    rules = Rules(RULES.dimension_sets, egress=egress, secrets=secrets)
    try:
        build(data, org_id=org, now=T0, rules=rules)
    except SubscriptionError as err:
        return [str(p) for p in err.problems]
    return []


def test_another_organisations_relay_secret_is_as_unknown_as_a_missing_one(
    tmp_path: Path, smtp: Relay
) -> None:
    """Attack: org-b names org-a's relay secret, at subscribing and at delivery."""
    env = {env_name("org-a", "relay"): smtp.url()}
    secrets = Secrets(env=env)
    spec = {"name": "w", "channels": [_email("b@b.example", "relay")]}
    unknown = {"name": "w", "channels": [_email("b@b.example", "nosuch")]}
    theirs = _problems(spec, "org-b", secrets, LOOPBACK)
    missing = _problems(unknown, "org-b", secrets, LOOPBACK)
    assert theirs == [m.replace("nosuch", "relay") for m in missing]
    assert theirs
    assert _problems(spec, "org-a", secrets, LOOPBACK) == []
    # at delivery a queued row of org-b cannot borrow it either
    w = _world(tmp_path, smtp, {("org-a", "relay"): smtp.url()})
    sub = subscription("org-b", channels=[_email("b@b.example", "relay")])
    w.router.on_subscription(sub.subscription_id, sub)
    w.detect(detection(), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert (rec["status"], rec["recoverable"]) == ("failed", False)
    assert "organisation org-b has no secret 'relay'" in rec["error"]
    assert smtp.mailbox.received == []
    assert smtp.mailbox.logins == []


def test_the_relay_host_obeys_the_egress_rules(
    tmp_path: Path, smtp: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loopback and private relays are refused unless the operator named them: when
    subscribing (a literal address or localhost), and when sending, by what the name
    resolves to (a name that rebinds to a private address)."""
    secrets = Secrets(env={env_name("org-b", "relay"): smtp.url("localhost")})
    spec = {"name": "w", "channels": [_email("b@b.example")]}
    assert _problems(spec, "org-b", secrets, EgressPolicy()) == [
        "channels.0.secret_ref: the relay is a private or loopback host"
    ]
    assert _problems(spec, "org-b", secrets, EgressPolicy.parse(["localhost"])) == []
    body = _note("w")
    refused = _send(EmailSender(smtp.url("localhost"), "b@b.example", EgressPolicy(), 5.0,
                                smtp.ca_file), body)  # fmt: skip
    assert (refused.ok, refused.recoverable) == (False, False)
    assert refused.error == "email: the relay is a loopback host"

    real = socket.getaddrinfo
    answers = ["10.0.0.7", "127.0.0.1"]

    def resolve(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != "relay.partner.example":
            return list(real(host, port, *args, **kwargs))
        return [(2, 1, 6, "", (a, port)) for a in answers]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    sender = EmailSender(smtp.url("relay.partner.example"), "b@b.example", EgressPolicy(), 5.0,
                         smtp.ca_file)  # fmt: skip
    out = _send(sender, body)
    assert (out.ok, out.recoverable) == (False, False)
    assert out.error == "email: the relay resolves only to addresses tahub must not reach"
    assert smtp.mailbox.logins == []  # nothing was dialled
    # the operator's allowance of that name (on-premise) lets it through to 127.0.0.1,
    # where the certificate is not for that name: refused by TLS, not sent in clear
    answers[:] = ["127.0.0.1"]
    on_premise = EgressPolicy.parse(["relay.partner.example"])
    named = EmailSender(smtp.url("relay.partner.example"), "b@b.example", on_premise, 5.0,
                        smtp.ca_file)  # fmt: skip
    out = _send(named, body)
    assert (out.ok, out.recoverable) == (False, False)
    assert out.error is not None
    assert "certificate is not trusted" in out.error
    assert smtp.mailbox.received == []


def test_a_wrong_password_fails_at_once_and_is_never_shown(
    tmp_path: Path, smtp: Relay, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "wr0ng-relay-password-77"
    w = _world(tmp_path, smtp, {("org-b", "relay"): smtp.url(password=wrong)})
    w.subscribe("org-b", channels=[_email("duty@shelter.example")])
    w.detect(detection(), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert (rec["status"], rec["attempt"], rec["recoverable"]) == ("failed", 1, False)
    assert rec["error"] == "email: login refused (535)"
    assert smtp.mailbox.logins == [(USER, False)]
    assert smtp.mailbox.received == []
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # not aiosmtpd's
    seen = "\n".join(r.getMessage() + str(r.exc_info or "") for r in ours)
    assert "login refused" in seen  # the failure is logged, without the secret
    for leak in (wrong, "wr0ng-relay-password-77".replace("-", "%2D")):
        assert leak not in seen
        assert leak not in json.dumps(rec)
    (state,) = w.store.endpoints()
    assert state.failing


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_no_starttls_or_an_untrusted_certificate_sends_nothing(tmp_path: Path) -> None:
    (tmp_path / "clear").mkdir()
    clear = start_relay(tmp_path / "clear", starttls=False)
    try:
        out = _send(EmailSender(clear.url(), "a@b.example", LOOPBACK, 5.0, clear.ca_file),
                    _note("w"))  # fmt: skip
        assert (out.ok, out.recoverable) == (False, False)
        assert out.error == "email: the relay offers no STARTTLS; nothing is sent in clear"
        assert clear.mailbox.logins == []
        assert clear.mailbox.received == []
    finally:
        clear.stop()
    (tmp_path / "tls").mkdir()
    tls = start_relay(tmp_path / "tls")
    try:  # no CA file: the self-signed certificate is not trusted
        out = _send(EmailSender(tls.url(), "a@b.example", LOOPBACK, 5.0, None), _note("w"))
        assert (out.ok, out.recoverable) == (False, False)
        assert out.error is not None
        assert "certificate is not trusted" in out.error
        assert tls.mailbox.logins == []
    finally:
        tls.stop()


def test_refused_recipients_and_temporary_answers_are_told_apart(
    tmp_path: Path, smtp: Relay
) -> None:
    smtp.mailbox.refuse = {"gone@shelter.example"}
    both = EmailSender(smtp.url(), "duty@shelter.example,gone@shelter.example", LOOPBACK, 5.0,
                       smtp.ca_file)  # fmt: skip
    out = _send(both, _note("w"))
    assert out.ok
    assert out.error == "email: 1 of 2 recipient(s) refused (550)"
    assert [g.rcpt_tos for g in smtp.mailbox.received] == [["duty@shelter.example"]]
    only = EmailSender(smtp.url(), "gone@shelter.example", LOOPBACK, 5.0, smtp.ca_file)
    out = _send(only, _note("w"))
    assert (out.ok, out.recoverable, out.error) == (
        False, False, "email: every recipient refused (550)"
    )  # fmt: skip
    busy = mail.classify(smtplib.SMTPDataError(451, b"4.3.0 try again later"))
    assert (busy.recoverable, busy.error) == (True, "email: 451 4.3.0 try again later")
    assert mail.classify(smtplib.SMTPServerDisconnected("gone")).recoverable
    assert not mail.classify(smtplib.SMTPDataError(554, b"5.7.1 rejected")).recoverable


def test_a_test_notification_goes_by_email_labelled_as_a_test(tmp_path: Path, smtp: Relay) -> None:
    sub = subscription("org-b", name="Bangkok office", channels=[_email("duty@shelter.example")])
    body = compose.test_payload(sub, "test-0123", "http://hub.example", T0)
    sender = EmailSender(smtp.url(), "duty@shelter.example", LOOPBACK, 5.0, smtp.ca_file)
    assert _send(sender, body).ok
    (got,) = smtp.mailbox.received
    assert got.message["Subject"].strip().startswith("[TLP:CLEAR] TEST notification from")
    assert "needs no action" in got.part("plain")
    assert "needs no action" in got.part("html")


def test_the_relay_secret_is_read_strictly() -> None:
    r = relay("smtps://a%40b.example:p%40ss@mail.b.example?from=alerts@b.example")
    assert (r.host, r.port, r.implicit_tls, r.username, r.password, r.sender) == (
        "mail.b.example", 465, True, "a@b.example", "p@ss", "alerts@b.example"
    )  # fmt: skip
    assert "p@ss" not in repr(r)
    for bad in ("https://u:p@h.example", "smtp://h.example", "smtp://user:pw@h.example",
                "smtp://u:p@h.example?from=Boss <b@c.example>", "not a url"):  # fmt: skip
        with pytest.raises(RelayError) as err:
            relay(bad)
        assert "pw" not in str(err.value)


def test_the_cli_declares_email_channels_as_targets_and_a_secret_name() -> None:
    from tahub.commands.subs import _spec_from_options, subs_add

    args = ["--org", "org-b", "--name", "w", "--email", "a@x.example,b@y.example=mail_relay"]
    ctx = subs_add.make_context("add", args)
    opts = {k: v for k, v in ctx.params.items() if k not in {"org_id", "as_json"}}
    spec = _spec_from_options(opts)
    assert spec["channels"] == [
        {"kind": "email", "target": "a@x.example,b@y.example", "secret_ref": "mail_relay"}
    ]
    assert build(spec, org_id="org-b", now=T0, rules=RULES).channels[0].kind == "email"


def test_a_relay_echoing_the_password_or_user_has_them_cut_from_the_error() -> None:
    from alerts.channels.base import failed, without_secret

    url = "smtp://ops%40b.example:pw%2F1@mail.b.example:587?from=ops@b.example"
    said = failed("email: 535 no user ops@b.example with pw/1 or pw%2F1", recoverable=False)
    cut = without_secret(said, url).error
    assert cut == "email: 535 no user [secret] with [secret] or [secret]"
