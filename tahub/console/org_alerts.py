"""The operator's read-only view of one organisation's subscriptions and what they sent,
while viewing as that organisation (every read audited).

It reads through the same ``SubscriptionAdmin`` scope as My alerts (another organisation's
id is "not found", as an unknown one) and the query API's ``deliveries`` with the viewed
organisation as the viewer, so it can show nothing the organisation itself could not.
There are no forms: the operator changes subscriptions with `tahub subs`, where the change
is its own act. Channels show their secret's name only; values never leave the vault.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alerts.admin import AlertAdmins
from alerts.subscriptions import public_view
from tahub.console import data
from tahub.console.alerts_pages import (
    channel_text,
    facts,
    history,
    subscription_cells,
    where_text,
    words,
)
from tahub.console.html import Markup, fragment, tag
from tahub.console.pages import layout
from tahub.console.sessions import Session

READ_ONLY = (
    "Read-only: the operator's view of this organisation's subscriptions, written to the "
    "audit log. Changes are the organisation's own here, or the operator's with `tahub subs`."
)


def _row(sub: Mapping[str, Any]) -> Markup:
    return tag("tr", *subscription_cells(sub), data_subscription=sub["subscription_id"])


def list_page(
    session: Session, org: str, subs: Sequence[Mapping[str, Any]], orgs: Sequence[str], here: str
) -> str:
    names = ("name", "state", "typologies", "where", "severity at least", "channels", "mode")
    head = tag("tr", [tag("th", h, scope="col") for h in names])
    table = (
        tag(
            "table",
            tag("thead", head),
            tag("tbody", [_row(s) for s in subs]),
            class_="list",
            id="subscriptions",
        )
        if subs
        else tag("p", f"{org} has no subscription.", class_="empty")
    )
    main = fragment(
        tag("h1", f"Alerts of {org}"),
        tag("p", READ_ONLY, class_="hint", id="read-only"),
        table,
    )
    return layout(
        session, active="alerts", title=f"Alerts of {org}", main=main, here=here, orgs=orgs
    )


def _quiet(sub: Mapping[str, Any]) -> str:
    quiet = sub.get("quiet_hours")
    return f"{quiet['start']} to {quiet['end']}" if quiet else "none"


def subscription_page(
    session: Session,
    *,
    sub: Mapping[str, Any],
    deliveries: Sequence[Mapping[str, Any]],
    note: str | None,
    orgs: Sequence[str],
    here: str,
) -> str:
    what = [
        ("Typologies", ", ".join(words(t) for t in sub["typologies"]) or "all"),
        ("Where", where_text(sub)),
        ("Severity at least", sub["min_severity"]),
        ("Channels", [tag("div", channel_text(c)) for c in sub["channels"]]),
        ("Delivery", words(sub["mode"])),
        ("Time zone", sub["timezone"]),
        ("Quiet hours", _quiet(sub)),
    ]
    main = fragment(
        tag("p", tag("a", f"← Alerts of {sub['org_id']}", href="/alerts")),
        tag("h1", sub["name"]),
        tag("p", READ_ONLY, class_="hint", id="read-only"),
        facts(sub),
        tag("dl", [fragment(tag("dt", k), tag("dd", v)) for k, v in what], class_="facts"),
        history(deliveries, note),
    )
    return layout(session, active="alerts", title=sub["name"], main=main, here=here, orgs=orgs)


def subscriptions(admins: AlertAdmins, org: str) -> list[dict[str, Any]]:
    """The organisation's subscriptions as the API shows them (blocking)."""
    return [public_view(s) for s in admins.subs.list(org)]


def subscription(
    admins: AlertAdmins, reader: data.Reader, session: Session, org: str, sid: str
) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """One subscription of ``org`` (alerts.admin.NotFound for another's or an unknown id)
    and its delivery history as the organisation itself would read it (blocking)."""
    sub = public_view(admins.subs.get(org, sid))
    tried, note = data.subscription_history(reader, session.viewer, sid)
    return sub, tried, note
