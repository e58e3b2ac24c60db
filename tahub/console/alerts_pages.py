"""The My alerts pages as HTML: an organisation's subscriptions, the form to make or change
one, and what each has sent. Every form carries the session's CSRF token; field names are
those ``tahub.console.subs_form`` decodes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from alerts.compose import is_test
from alerts.silences import FIELDS as SILENCE_FIELDS
from alerts.subscriptions import Problem
from alerts.testsend import ChannelResult
from schemas.taxonomy import ChannelKind, DeliveryMode, Severity, Typology
from tahub.console import csrf
from tahub.console.html import Markup, fragment, tag
from tahub.console.pages import STYLES, hidden, layout, select
from tahub.console.sessions import Session
from tahub.console.silence_form import MATCH_ROWS
from tahub.console.subs_form import BBOX, CIRCLE, Values, channel_rows

MAP_STYLES = (*STYLES, "/static/vendor/leaflet/leaflet.css")
MAP_SCRIPTS = (
    "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/topojson-client/topojson-client.min.js",
    "/static/area.js",
)
DONE = {  # what a finished change says on the list (a fixed set: nothing from the URL)
    "created": "Subscription created.",
    "saved": "Subscription saved.",
    "paused": "Subscription paused: it sends nothing until resumed.",
    "resumed": "Subscription resumed.",
    "deleted": "Subscription deleted.",
    "silenced": "Silence added.",
    "unsilenced": "Silence ended.",
}


def words(value: str) -> str:
    return value.replace("_", " ")


def where_text(sub: Mapping[str, Any]) -> str:
    area = sub.get("area") or {}
    parts = []
    if area.get("countries"):
        parts.append(", ".join(area["countries"]))
    if area.get("bbox"):
        parts.append("a box")
    if area.get("circle"):
        c = area["circle"]
        parts.append(f"{c['radius_km']:g} km around {c['lat']:g}, {c['lon']:g}")
    if area.get("geojson"):
        parts.append("a drawn area")
    if sub.get("origins") or sub.get("destinations"):
        origins = ", ".join(sub.get("origins") or []) or "anywhere"
        dests = ", ".join(sub.get("destinations") or []) or "anywhere"
        parts.append(f"routes {origins} → {dests}")
    return "; ".join(parts) or "the whole world"


def subscription_cells(s: Mapping[str, Any]) -> list[Markup]:
    """A subscription's row in a list: name, state, typologies, where, severity, channels
    and mode (My alerts adds its forms; the operator's read-only list adds nothing)."""
    return [
        tag("td", tag("a", s["name"], href=f"/alerts/{s['subscription_id']}")),
        tag("td", "active" if s["active"] else "paused"),
        tag("td", ", ".join(words(t) for t in s["typologies"]) or "all"),
        tag("td", where_text(s)),
        tag("td", s["min_severity"]),
        tag("td", [tag("div", channel_text(c)) for c in s["channels"]]),
        tag("td", words(s["mode"])),
    ]


def channel_text(ch: Mapping[str, Any]) -> str:
    secret = f" (secret {ch['secret_ref']})" if ch.get("secret_ref") else ""
    return f"{ch['kind']}: {ch['target']}{secret}"


def _state_form(session: Session, sub: Mapping[str, Any]) -> Markup:
    sid = sub["subscription_id"]
    action, label = ("pause", "Pause") if sub["active"] else ("resume", "Resume")
    return tag(
        "form",
        hidden(csrf.FIELD, session.csrf),
        tag("button", label, type="submit", aria_label=f"{label} {sub['name']}"),
        method="post", action=f"/alerts/{sid}/{action}", class_="inline",
    )  # fmt: skip


def _delete_form(session: Session, sub: Mapping[str, Any]) -> Markup:
    return tag(
        "details",
        tag("summary", "Delete…"),
        tag(
            "form",
            hidden(csrf.FIELD, session.csrf),
            tag("button", "Delete for good", type="submit", class_="danger",
                aria_label=f"Delete {sub['name']} for good"),
            method="post", action=f"/alerts/{sub['subscription_id']}/delete", class_="inline",
        ),
        class_="delete",
    )  # fmt: skip


def _silences(session: Session, silences: Sequence[Mapping[str, Any]], error: str | None) -> Markup:
    """The organisation's silences now and planned, and the form for a new one."""
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "mutes", "from", "until", "author", "reason", "")])  # fmt: skip
    rows = [
        tag(
            "tr",
            tag("td", ", ".join(f"{k}={v}" for k, v in s["matchers"].items())),
            tag("td", _moment(s["starts_at"])),
            tag("td", _moment(s["ends_at"])),
            tag("td", s["author"]),
            tag("td", s["reason"]),
            tag("td", tag("form", hidden(csrf.FIELD, session.csrf),
                          tag("button", "End now", type="submit"), method="post",
                          action=f"/alerts/silences/{s['silence_id']}/end", class_="inline")),
            data_silence=s["silence_id"],
        )
        for s in silences
    ]  # fmt: skip
    fields = [("", "—"), *((f, words(f)) for f in SILENCE_FIELDS)]
    form = tag(
        "form",
        hidden(csrf.FIELD, session.csrf),
        [tag("div", select(f"match_field_{i}", fields, "", f"Match {i + 1}"),
             tag("label", "is ", tag("input", name=f"match_value_{i}", maxlength="200",
                                     size="18", id=f"f-match_value_{i}")),
             class_="row") for i in range(MATCH_ROWS)],
        tag("div",
            tag("label", "hours ", tag("input", name="hours", value="24", size="5",
                                       inputmode="decimal", id="f-hours")),
            tag("label", "author ", tag("input", name="author", maxlength="120", id="f-author")),
            tag("label", "reason ", tag("input", name="reason", maxlength="500", size="40",
                                        id="f-reason")),
            class_="row"),
        tag("button", "Silence", type="submit", id="silence-button"),
        method="post", action="/alerts/silences", class_="sub-form silence-form",
    )  # fmt: skip
    return tag(
        "section",
        tag("h2", "Silences"),
        tag("p", "A silence mutes your subscriptions' alerts about detections that match every "
                 "field given, until it ends (at most 90 days).", class_="hint"),
        tag("p", error, class_="error problems", role="alert", id="silence-problem")
        if error else None,
        tag("table", tag("thead", head), tag("tbody", rows), class_="list", id="silences")
        if rows else tag("p", "No silence now or planned.", class_="empty"),
        tag("details", tag("summary", "New silence"), form, open=bool(error)),
        id="silences-section",
    )  # fmt: skip


def _moment(iso: str) -> str:
    return iso[:16].replace("T", " ") + " UTC"


def list_page(
    session: Session,
    subs: Sequence[Mapping[str, Any]],
    *,
    done: str | None,
    here: str,
    silences: Sequence[Mapping[str, Any]] = (),
    silence_error: str | None = None,
) -> str:
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "name", "state", "typologies", "where", "severity at least", "channels", "mode",
        "actions")])  # fmt: skip
    rows = [
        tag(
            "tr",
            *subscription_cells(s),
            tag("td", _state_form(session, s), _delete_form(session, s), class_="actions"),
            data_subscription=s["subscription_id"],
        )
        for s in subs
    ]
    table = (
        tag("table", tag("thead", head), tag("tbody", rows), class_="list", id="subscriptions")
        if subs
        else tag("p", "Your organisation has no subscription yet.", class_="empty")
    )
    main = fragment(
        tag("h1", "My alerts"),
        tag("p", DONE[done], role="status", class_="done") if done in DONE else None,
        tag("p", tag("a", "New subscription", href="/alerts/new", class_="button")),
        table,
        tag("p", "Subscriptions are your organisation's own: the same ones the alerts API "
                 "(/api/v1/subscriptions) and `tahub subs` manage, checked by the same rules.",
            class_="hint"),
        _silences(session, silences, silence_error),
    )  # fmt: skip
    return layout(session, active="alerts", title="My alerts", main=main, here=here)


# --- the form ---


def _value(values: Values, name: str, default: str = "") -> str:
    got = values.get(name)
    return got[0] if got else default


def _text(values: Values, name: str, label: str, **attrs: Any) -> Markup:
    return tag("label", f"{label} ", tag("input", name=name, value=_value(values, name),
                                          id=f"f-{name}", **attrs))  # fmt: skip


def _checks(values: Values, name: str, options: Sequence[tuple[str, str]]) -> Markup:
    chosen = set(values.get(name, []))
    return tag("div", [
        tag("label", tag("input", type="checkbox", name=name, value=v, checked=v in chosen),
            f" {text}", class_="check")
        for v, text in options
    ], class_="checks")  # fmt: skip


def _flag(values: Values, name: str, label: str) -> Markup:
    return tag("label", tag("input", type="checkbox", name=name, value="on",
                            checked=_value(values, name) == "on"), f" {label}",
               class_="check")  # fmt: skip


def _channel_row(values: Values, i: int, secret_names: Sequence[str]) -> Markup:
    kinds = [(k.value, k.value) for k in ChannelKind]
    current = _value(values, f"channel_secret_{i}")
    names = list(secret_names)
    if current and current not in names:  # keep what the subscription names, even if unset
        names.append(current)
    secrets = [("", "no secret (outbox)"), *((n, n) for n in names)]
    return tag(
        "div",
        select(f"channel_kind_{i}", kinds, _value(values, f"channel_kind_{i}", "outbox"),
               f"Channel {i + 1}"),
        _text(values, f"channel_target_{i}", "target", maxlength="500", size="36",
              placeholder="outbox name, C0123ABCD or #channel, https://…, a@example.org"),
        select(f"channel_secret_{i}", secrets, current, "secret"),
        class_="channel-row", data_row=str(i),
    )  # fmt: skip


def _problems(problems: Sequence[Problem]) -> Markup | None:
    if not problems:
        return None
    return tag(
        "div",
        tag("p", "The subscription was not saved:"),
        tag("ul", [tag("li", tag("code", p.path), f": {p.reason}") for p in problems]),
        class_="error problems", role="alert", id="problems",
    )  # fmt: skip


def form_page(
    session: Session,
    *,
    values: Values,
    problems: Sequence[Problem],
    action: str,
    title: str,
    secret_names: Sequence[str],
    dimension_sets: Sequence[str],
    here: str,
    intro: Any = None,
    extra: Any = None,
) -> str:
    typologies = [(t.value, words(t.value)) for t in Typology]
    severities = [(s.value, s.value) for s in Severity]
    modes = [(m.value, words(m.value)) for m in DeliveryMode]
    form = tag(
        "form",
        hidden(csrf.FIELD, session.csrf),
        tag("fieldset", tag("legend", "Name"),
            _text(values, "name", "Name", required=True, maxlength="120", size="40")),
        tag("fieldset", tag("legend", "What"),
            tag("p", "Typologies (none ticked: every typology)", class_="hint"),
            _checks(values, "typologies", typologies),
            select("min_severity", severities, _value(values, "min_severity", "medium"),
                   "Severity at least"),
            _flag(values, "new_routes_only", "only routes never seen before"),
            tag("p", "Detector dimension sets (none ticked: all)", class_="hint"),
            _checks(values, "dimension_sets", [(d, words(d)) for d in dimension_sets])),
        tag("fieldset", tag("legend", "Where"),
            tag("p", "Any of these, or none for the whole world. Draw on the map to fill the "
                     "area; the boxes below take it as GeoJSON.", class_="hint"),
            tag("div", id="area-map", class_="area-map", role="application",
                aria_label="map to draw the subscription's area"),
            tag("p", "", id="area-status", class_="hint", role="status"),
            _text(values, "area_countries", "Countries (ISO codes)", size="30",
                  placeholder="TH, MM, LA", maxlength="800"),
            tag("div", [_text(values, f"bbox_{n}", f"box {n.replace('_', ' ')}", size="8",
                              inputmode="decimal") for n in BBOX], class_="row"),
            tag("div", [_text(values, f"circle_{n}", f"circle {n.replace('_', ' ')}", size="8",
                              inputmode="decimal") for n in CIRCLE], class_="row"),
            tag("label", "Drawn area (GeoJSON Polygon or MultiPolygon) ",
                tag("textarea", _value(values, "area_geojson"), name="area_geojson",
                    id="f-area_geojson", rows="3", cols="60")),
            tag("div", _text(values, "origins", "Route origins", size="20",
                             placeholder="MM, LA", maxlength="800"),
                _text(values, "destinations", "Route destinations", size="20",
                      placeholder="TH", maxlength="800"), class_="row")),
        tag("fieldset", tag("legend", "Channels"),
            tag("p", "Where alerts go. A Slack or webhook channel names one of your "
                     "organisation's secrets (set with `tahub secrets set` or "
                     "PUT /api/v1/secrets/NAME; values are never shown).", class_="hint"),
            [_channel_row(values, i, secret_names) for i in range(channel_rows(values))]),
        tag("fieldset", tag("legend", "When"),
            select("mode", modes, _value(values, "mode", "immediate"), "Delivery"),
            _text(values, "digest_time", "Digest time", type="time"),
            _text(values, "timezone", "Time zone", size="20", maxlength="64",
                  placeholder="Asia/Bangkok"),
            _text(values, "quiet_start", "Quiet from", type="time"),
            _text(values, "quiet_end", "until", type="time"),
            _flag(values, "notify_resolved", "also tell when a spike ends")),
        tag("div",
            tag("button", "Save", type="submit", id="save"),
            tag("button", "Preview the last 30 days", type="submit", id="preview-button",
                formaction=f"{action.removesuffix('/new')}/preview", class_="secondary"),
            class_="row"),
        method="post", action=action, class_="sub-form", id="sub-form",
    )  # fmt: skip
    main = fragment(
        tag("p", tag("a", "← My alerts", href="/alerts")),
        tag("h1", title),
        intro,
        _problems(problems),
        form,
        extra,
    )
    return layout(session, active="alerts", title=title, main=main, here=here,
                  styles=MAP_STYLES, scripts=MAP_SCRIPTS)  # fmt: skip


def preview(rows: Sequence[Mapping[str, Any]]) -> Markup:
    """What the subscription as filled in would have been told of, not yet saved."""
    items = [
        tag("li", tag("span", r["severity"], class_=f"sev sev-{r['severity']}"), " ",
            tag("a", f"{r['what']}, {r['where']}", href=f"/detections/{r['detection_id']}"),
            f" — {r['state']}, {r['observed']:g} vs {r['expected']:.1f} expected, window from "
            f"{r['window_start'][:10]}")
        for r in rows
    ]  # fmt: skip
    return tag(
        "section",
        tag("h2", f"Preview: {len(rows)} detection(s) in the last 30 days"),
        tag("ul", items, class_="detections") if items else tag(
            "p", "Nothing you may see in the last 30 days matches it.", class_="empty"),
        tag("p", "Detections it is about, at its severity or above, among those you may see; "
                 "the notification policy (grouping, repeats, quiet hours, digests) would "
                 "send fewer messages. Not saved yet: Save keeps it.", class_="hint"),
        id="preview", class_="preview", aria_live="polite",
    )  # fmt: skip


# --- what a subscription sent ---


def history(deliveries: Sequence[Mapping[str, Any]], note: str | None) -> Markup:
    """The alerts a subscription sent, as each delivery attempt, failures with their error."""
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "when", "alert", "channel", "target", "attempt", "status", "error")])  # fmt: skip
    rows = [
        tag("tr", tag("td", d["attempted_at"].replace("T", " ").replace("Z", " UTC")),
            tag("td", tag("code", d["notification_id"]),
                " (test)" if is_test(d["notification_id"]) else None),
            tag("td", d["channel"]),
            tag("td", d["target"]), tag("td", d["attempt"]),
            tag("td", d["status"], class_=f"status status-{d['status']}"),
            tag("td", d["error"] or ""))
        for d in deliveries
    ]  # fmt: skip
    return fragment(
        tag("h2", "Recent alerts and their delivery"),
        tag("table", tag("thead", head), tag("tbody", rows), class_="list", id="deliveries")
        if rows else tag("p", "No alert sent yet.", class_="empty"),
        tag("p", note, class_="hint") if note else None,
    )  # fmt: skip


def facts(sub: Mapping[str, Any]) -> Markup:
    items = [
        ("State", "active" if sub["active"] else "paused"),
        ("Version", sub["version"]),
        ("Created", sub["created_at"]),
        ("Updated", sub["updated_at"]),
        ("Id", tag("code", sub["subscription_id"])),
    ]
    return tag("dl", [fragment(tag("dt", k), tag("dd", v)) for k, v in items], class_="facts")


# --- a test notification ---


@dataclass(frozen=True)
class Tested:
    """What a test notification came to: its id and each channel's outcome, or why it
    was refused (the reason, seconds to wait)."""

    notification_id: str | None
    results: Sequence[ChannelResult] = field(default_factory=list)
    limited: tuple[str, float] | None = None


def _outcome(r: ChannelResult) -> Markup:
    if r.status == "sent":
        said: Any = "delivered"
    elif r.status == "failed":
        said = fragment("failed: ", tag("span", r.error or "no reason given", class_="reason"))
    else:  # the alerts process has not tried it yet: it stays queued
        said = "not tried yet: queued; the alerts process sends it when it runs"
    return tag("li", tag("strong", f"{r.kind} {r.target}"), " — ", said,
               class_=f"status-{r.status}", data_channel=str(r.channel))  # fmt: skip


def test_form(session: Session, sid: str, tested: Tested | None) -> Markup:
    """The button that sends a test through the subscription's channels, and what the
    last one came to."""
    result: Any = None
    if tested is not None and tested.limited is not None:
        why, wait = tested.limited
        result = tag("p", f"Not sent: at most {why}; try again in {max(1, round(wait))} s.",
                     class_="error", role="alert", id="test-result")  # fmt: skip
    elif tested is not None:
        result = tag(
            "div",
            tag("p", "Test notification ", tag("code", tested.notification_id), ":"),
            tag("ul", [_outcome(r) for r in tested.results]),
            id="test-result", role="status",
        )  # fmt: skip
    return tag(
        "section",
        tag("form", hidden(csrf.FIELD, session.csrf),
            tag("button", "Send a test notification", type="submit", id="test-button",
                class_="secondary"),
            method="post", action=f"/alerts/{sid}/test", class_="inline"),
        tag("p", "Sends a message labelled TEST, with no detection in it, to each channel "
                 "of this subscription as it is saved, with your organisation's secrets.",
            class_="hint"),
        result,
        id="test-section", aria_live="polite",
    )  # fmt: skip
