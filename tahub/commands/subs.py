"""`tahub subs`: organisations' alert subscriptions, from flags or a JSON spec."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError


def _now() -> datetime:
    return datetime.now(UTC)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _channel(kind: str, value: str) -> dict[str, str]:
    if kind == "outbox":
        return {"kind": "outbox", "target": value}
    target, sep, secret = value.rpartition("=")
    if not sep:
        example = "duty@example.org=mail_relay" if kind == "email" else "C0123ABC=ops_slack"
        raise TahubError(f"--{kind} takes TARGET=SECRET_NAME, e.g. {example}")
    return {"kind": kind, "target": target, "secret_ref": secret}


def _templates(items: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in items:
        part, sep, path = item.partition("=")
        if not sep:
            raise TahubError("--template takes PART=FILE, e.g. html=alert.html.j2")
        try:
            out[part] = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise TahubError(f"--template {part}: {path} cannot be read ({err.strerror})") from None
    return out


def _spec_from_options(opts: dict[str, Any]) -> dict[str, Any]:  # noqa: PLR0912
    spec: dict[str, Any] = {}
    if opts["file"] is not None:
        try:
            spec = json.loads(Path(opts["file"]).read_text())
        except (OSError, json.JSONDecodeError) as err:
            raise TahubError(f"{opts['file']}: not a readable JSON object ({err})") from None
        if not isinstance(spec, dict):
            raise TahubError(f"{opts['file']}: not a JSON object")
    area: dict[str, Any] = dict(spec.get("area") or {})
    if opts["countries"]:
        area["countries"] = _split(opts["countries"])
    if opts["bbox"]:
        try:
            area["bbox"] = [float(v) for v in _split(opts["bbox"])]
        except ValueError:
            raise TahubError("--bbox takes four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if opts["circle"]:
        try:
            lat, lon, km = (float(v) for v in _split(opts["circle"]))
        except ValueError:
            raise TahubError("--circle takes lat,lon,radius_km") from None
        area["circle"] = {"lat": lat, "lon": lon, "radius_km": km}
    if opts["geojson"]:
        area["geojson"] = Path(opts["geojson"]).read_text()
    if area or "area" in spec:
        spec["area"] = area
    for name in ("typologies", "origins", "destinations", "dimension_sets"):
        if opts[name]:
            spec[name] = _split(opts[name])
    for name in ("name", "min_severity", "mode", "digest_time", "timezone"):
        if opts[name] is not None:
            spec[name] = opts[name]
    if opts["new_routes_only"]:
        spec["new_routes_only"] = True
    if opts["notify_resolved"]:
        spec["notify_resolved"] = True
    if opts["quiet_hours"]:
        start, _, end = opts["quiet_hours"].partition("-")
        spec["quiet_hours"] = {"start": start, "end": end}
    if opts["template"]:
        spec["templates"] = {**spec.get("templates", {}), **_templates(opts["template"])}
    channels = list(spec.get("channels") or [])
    channels += [_channel("slack", v) for v in opts["slack"]]
    channels += [_channel("webhook", v) for v in opts["webhook"]]
    channels += [_channel("outbox", v) for v in opts["outbox"]]
    channels += [_channel("email", v) for v in opts["email"]]
    if channels:
        spec["channels"] = channels
    return spec


def _spec_options(fn: Any) -> Any:
    options = [
        click.option("--file", type=click.Path(exists=True, dir_okay=False), help="JSON spec."),
        click.option("--name"),
        click.option("--countries", help="Area: ISO codes, comma-separated."),
        click.option("--bbox", help="Area: min_lon,min_lat,max_lon,max_lat."),
        click.option("--circle", help="Area: lat,lon,radius_km."),
        click.option("--geojson", type=click.Path(exists=True, dir_okay=False)),
        click.option("--typologies"),
        click.option("--origins", help="Route origins (ISO codes)."),
        click.option("--destinations", help="Route destinations (ISO codes)."),
        click.option("--dimension-sets"),
        click.option("--min-severity", type=click.Choice(["low", "medium", "high", "critical"])),
        click.option("--new-routes-only", is_flag=True),
        click.option(
            "--slack", multiple=True, help="CHANNEL=SECRET_NAME (or incoming-webhook=NAME)."
        ),
        click.option("--webhook", multiple=True, help="https://URL=SIGNING_SECRET_NAME."),
        click.option("--outbox", multiple=True, help="Outbox file name."),
        click.option("--email", multiple=True, help="ADDRESS[,ADDRESS…]=SMTP_RELAY_SECRET_NAME."),
        click.option(
            "--template",
            multiple=True,
            help="PART=FILE: a Jinja2 template: an email's subject, text or html, "
            "a Slack message (slack) or a webhook's text field (webhook).",
        ),
        click.option("--mode", type=click.Choice(["immediate", "digest_daily", "digest_weekly"])),
        click.option("--digest-time", help="HH:MM local time."),
        click.option("--timezone", help="IANA zone, e.g. Asia/Bangkok."),
        click.option("--quiet-hours", help="HH:MM-HH:MM local time."),
        click.option("--notify-resolved", is_flag=True),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _admin(ctx: click.Context) -> Any:
    from alerts.admin import SubscriptionAdmin
    from alerts.book import read_all
    from tahub import wiring

    s = settings_of(ctx)
    codec = wiring.serde(s)
    cache: dict[str, Any] = {}

    def current() -> dict[str, Any]:
        if not cache:
            try:
                cache.update(read_all(s.kafka_client_config(), codec))
            except TimeoutError:
                raise TahubError(
                    f"could not read the subscriptions topic within 30 s: is Kafka at "
                    f"{s.kafka_client_config()['bootstrap.servers']} up, and are these the "
                    f"job's settings (topic "
                    f"prefix {s.topic_prefix!r})? `tahub status` checks both"
                ) from None
        return cache

    return SubscriptionAdmin(
        wiring.contract_producer(s), s.topic_prefix, wiring.subscription_rules(s), current
    )


def _run(fn: Any) -> Any:
    from alerts.admin import NotFound
    from alerts.subscriptions import SubscriptionError

    try:
        return fn()
    except SubscriptionError as err:
        for p in err.problems:
            click.echo(f"  {p}", err=True)
        raise TahubError(
            f"the subscription is not valid ({len(err.problems)} problem(s))"
        ) from None
    except NotFound as err:
        raise TahubError(str(err)) from None


def _show(sub: Any, as_json: bool) -> None:
    from alerts.subscriptions import public_view

    view = public_view(sub)
    if as_json:
        click.echo(json.dumps(view, indent=2))
        return
    state = "active" if sub.active else "paused"
    click.echo(f"{sub.subscription_id} v{sub.version} {state}: {sub.name} ({sub.org_id})")


@click.group()
def subs() -> None:
    """Alert subscriptions of organisations."""


@subs.command("add")
@click.option("--org", "org_id", required=True)
@_spec_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def subs_add(ctx: click.Context, /, org_id: str, as_json: bool, **opts: Any) -> None:
    """Add a subscription from flags and/or a JSON spec (--file)."""
    from tahub import wiring

    if not wiring.access(settings_of(ctx)).org_exists(org_id):
        raise TahubError(f"no organisation {org_id}; add it with `tahub orgs add`")
    spec = _spec_from_options(opts)
    sub = _run(lambda: _admin(ctx).add(org_id, spec, _now()))
    _show(sub, as_json)


@subs.command("update")
@click.argument("subscription_id")
@_spec_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def subs_update(ctx: click.Context, /, subscription_id: str, as_json: bool, **opts: Any) -> None:
    """Change a subscription: given flags replace those fields, the rest stay."""
    from alerts.subscriptions import spec_of

    admin = _admin(ctx)
    old = _run(lambda: admin.get(None, subscription_id))
    spec = {**spec_of(old), **_spec_from_options(opts)}
    sub = _run(lambda: admin.replace(None, subscription_id, spec, _now()))
    _show(sub, as_json)


@subs.command("list")
@click.option("--org", "org_id", help="Only this organisation's subscriptions.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def subs_list(ctx: click.Context, org_id: str | None, as_json: bool) -> None:
    """Every subscription (or one organisation's)."""
    from alerts.subscriptions import public_view

    found = _admin(ctx).list(org_id)
    if as_json:
        click.echo(json.dumps([public_view(s) for s in found], indent=2))
        return
    for sub in found:
        _show(sub, False)
    if not found:
        click.echo("no subscriptions; add one with `tahub subs add --org ORG ...`")


@subs.command("show")
@click.argument("subscription_id")
@click.pass_context
def subs_show(ctx: click.Context, subscription_id: str) -> None:
    """One subscription in full, as JSON."""
    _show(_run(lambda: _admin(ctx).get(None, subscription_id)), True)


@subs.command("pause")
@click.argument("subscription_id")
@click.pass_context
def subs_pause(ctx: click.Context, subscription_id: str) -> None:
    """Stop notifying (what waits is dropped) until resumed."""
    _show(_run(lambda: _admin(ctx).set_active(None, subscription_id, False, _now())), False)


@subs.command("resume")
@click.argument("subscription_id")
@click.pass_context
def subs_resume(ctx: click.Context, subscription_id: str) -> None:
    """Notify again."""
    _show(_run(lambda: _admin(ctx).set_active(None, subscription_id, True, _now())), False)


@subs.command("delete")
@click.argument("subscription_id")
@click.pass_context
def subs_delete(ctx: click.Context, subscription_id: str) -> None:
    """Delete a subscription."""
    sub = _run(lambda: _admin(ctx).delete(None, subscription_id))
    click.echo(f"deleted {sub.subscription_id} ({sub.name})")


@subs.command("test")
@click.argument("subscription_id")
@click.option("--wait", type=click.FloatRange(0, 120), default=15.0, show_default=True,
              help="Seconds to wait for every channel's outcome.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def subs_test(ctx: click.Context, subscription_id: str, wait: float, as_json: bool) -> None:
    """Send a test notification through each of the subscription's real channels (the
    running alerts process sends it) and show each outcome."""
    import asyncio

    from alerts import testsend
    from alerts.testsend import RateLimited, TestNotifier
    from tahub import wiring
    from tahub.audit import Audit

    s = settings_of(ctx)
    admin = _admin(ctx)
    sub = _run(lambda: admin.get(None, subscription_id))
    tests = TestNotifier(admin, wiring.alert_store(s), s.base_url)
    audit = Audit(s.data_dir / "audit.log")
    try:
        nid = tests.send(sub.org_id, subscription_id, _now())
    except RateLimited as err:
        audit.record("operator", sub.org_id, "CLI test notification",
                     subscription=subscription_id, outcome=f"refused: {err}")  # fmt: skip
        raise TahubError(f"too many tests ({err}); try again in {err.retry_after:.0f} s") from None
    results = asyncio.run(
        testsend.settled(tests, sub.org_id, nid, wait=wait, blocking=asyncio.to_thread)
    )
    said = ", ".join(f"{r.kind} {r.status}" for r in results)
    audit.record("operator", sub.org_id, "CLI test notification",
                 subscription=subscription_id, outcome=said, notification=nid)  # fmt: skip
    if as_json:
        click.echo(json.dumps(testsend.view(nid, results), indent=2))
    else:
        for r in results:
            error = f": {r.error}" if r.error else ""
            click.echo(f"channel {r.channel} {r.kind} {r.target}: {r.status}{error}")
    if any(r.status == "failed" for r in results):
        raise TahubError(f"the test {nid} failed on a channel")
    if not all(r.done for r in results):
        raise TahubError(
            f"the test {nid} is queued but not sent after {wait:g} s: is the alerts process "
            "running (tahub up, or tahub alerts run)?"
        )
