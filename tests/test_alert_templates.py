"""Subscriptions' own email templates (Jinja2 in a sandbox): checked when a subscription
is made, rendered over the message's payload only, the default message when they fail.
Sent to a real SMTP server (aiosmtpd with STARTTLS and AUTH), as the email tests do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alerts.subscriptions import SubscriptionError
from alerts.templating import MAX_OUTPUT, TemplateProblem, render
from tests.alertkit import T0, detection, subscription
from tests.smtpkit import Relay, start_relay
from tests.test_alert_email import _email, _world, spike_turns_red


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Relay]:
    r = start_relay(tmp_path)
    try:
        yield r
    finally:
        r.stop()


def _problems(templates: dict[str, str]) -> dict[str, str]:
    try:
        subscription("org-b", templates=templates)
    except SubscriptionError as err:
        return {p.path: p.reason for p in err.problems}
    return {}


def test_template_problems_are_named_by_part_and_line_when_subscribing() -> None:
    got = _problems({"html": "<p>{{ title }}</p>\n{% if %}", "subject": "{{ title }}"})
    assert list(got) == ["templates.html"]
    assert got["templates.html"].startswith("line 2: ")
    nested = "{% for a in detections %}\n{% for b in detections %}\n{% for c in detections %}"
    nested += "{% endfor %}{% endfor %}{% endfor %}"
    assert _problems({"text": nested}) == {"templates.text": "line 3: loops nest at most 2 deep"}
    assert _problems({"text": "{% macro f() %}{{ f() }}{% endmacro %}"}) == {
        "templates.text": "line 1: macros are not allowed"
    }
    assert _problems({"text": '{% include "x" %}'})["templates.text"].startswith("line 1: ")
    assert _problems({"footer": "x"}) == {
        "templates.footer": "one of subject, text, html, slack, webhook"
    }
    assert _problems({"text": "{{ title|center(99999999) }}"}) == {
        "templates.text": "line 1: No filter named 'center'."
    }
    sub = subscription("org-b", templates={"subject": "{{ title }}", "text": "  "})
    assert sub.templates == {"subject": "{{ title }}"}  # a blank part is the default


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ detections.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum(10000000) }}",
        "{{ range(100000) }}",
        "{{ self._TemplateReference__context }}",
        "{{ title.ljust(100000000) }}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 9 ** 9 }}",
        "{{ '%099999999d' % 1 }}",
        "{% for a in detections %}{% for b in detections %}{{ summary }}{% endfor %}{% endfor %}",
        "{{ config }}{{ settings }}{{ request }}",
    ],
)
def test_escapes_and_runaways_fail_instead_of_rendering(source: str) -> None:
    """Attack: a subscriber's template tries to leave the sandbox, reach what is not in
    its payload, or exhaust memory or CPU."""
    many = [{**detection(det_id=f"d{i}"), "what": "w" * 50} for i in range(300)]
    body = {"title": "t", "summary": "s" * 2000, "detections": many, "subscription": {}}
    with pytest.raises(TemplateProblem):
        render("text", source, body)


def test_templated_mail_carries_the_templates_and_escapes_html(tmp_path: Path, smtp: Relay) -> None:
    w = _world(tmp_path, smtp, {("org-b", "relay"): smtp.url()})
    templates = {
        "subject": "{{ severity|upper }}: {{ detections|length }} for {{ subscription.name }}",
        "text": "{% for d in detections %}{{ loop.index }}. {{ d.where }} ({{ d.observed }})\n"
        "{% endfor %}",
        "html": "<h1>{{ subscription.name }}</h1><a href='{{ detections[0].evidence_url }}'>go</a>",
    }
    w.subscribe("org-b", name="<b>Bangkok</b> & co", templates=templates,
                channels=[_email("duty@shelter.example")])  # fmt: skip
    w.detect(detection(det_id="det-9"), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert (rec["status"], rec["error"]) == ("sent", None)
    (got,) = smtp.mailbox.received
    assert str(got.message["Subject"]).strip() == "HIGH: 1 for <b>Bangkok</b> & co"
    assert got.part("plain").replace("\r\n", "\n") == "1. in Thailand (TH) (14.0)\n"
    assert got.part("html").replace("\r\n", "\n") == (
        "<h1>&lt;b&gt;Bangkok&lt;/b&gt; &amp; co</h1>"
        "<a href='http://hub.example/detections/det-9'>go</a>\n"
    )


def test_a_template_failing_when_sending_gives_the_default_message_and_says_so(
    tmp_path: Path, smtp: Relay
) -> None:
    w = _world(tmp_path, smtp, {("org-b", "relay"): smtp.url()})
    templates = {"subject": "{{ ''.__class__.__mro__ }}", "text": "{{ nosuch.field }}",
                 "html": "{% for a in detections %}{% for b in detections %}{{ summary }}"
                         "{% endfor %}{% endfor %}"}  # fmt: skip
    w.subscribe("org-b", mode="digest_daily", templates=templates,
                channels=[_email("duty@shelter.example")])  # fmt: skip
    for i in range(60):  # a digest big enough for the nested loop to pass the output cap
        w.detect(detection(det_id=f"d{i}"), T0.timestamp() + i)
    assert w.router.step([], T0.timestamp() + 23 * 3600 + 60)
    (rec,) = w.deliver()
    assert rec["status"] == "sent"
    error = rec["error"]
    assert error.startswith("email: template failed, default sent (subject: SecurityError")
    assert "text: UndefinedError" in error
    assert f"html: SecurityError: the message is longer than {MAX_OUTPUT}" in error
    (got,) = smtp.mailbox.received
    subject = str(got.message["Subject"]).strip()
    assert subject.startswith("[TLP:GREEN] Digest for watch: 60 detection(s)")
    assert "__class__" not in got.raw.decode()
    assert "mro" not in got.raw.decode()
    assert "Thailand (TH)" in got.part("plain")  # the default text


def test_a_template_reaches_nothing_beyond_what_its_subscriber_may_see(
    tmp_path: Path, smtp: Relay
) -> None:
    """Attack: org-x's template prints everything it can name while org-r's TLP:RED
    reports join the spike: its mail holds only what org-x was told."""
    w = _world(tmp_path, smtp, {("org-x", "relay"): smtp.url(), ("org-r", "relay"): smtp.url()})
    dump = {"text": "{{ detections }} {{ subscription }} {{ summary }} {{ org_id }}"}
    w.subscribe("org-x", templates=dump, channels=[_email("x@x.example")])
    w.subscribe("org-r", channels=[_email("r@r.example")])
    spike_turns_red(w)
    w.deliver()
    mine = [g for g in smtp.mailbox.received if g.rcpt_tos == ["x@x.example"]]
    (only,) = mine
    text = only.part("plain")
    assert "'observed': 4.0" in text
    assert "org-x" in text
    for secret in ("RED", "7.0", "org-r", "org-a", "'evidence': [", "reports': "):
        assert secret not in text
    assert any("TLP:RED" in g.raw.decode() for g in smtp.mailbox.received if g not in mine)
