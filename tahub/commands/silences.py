"""`tahub silences`: mute matching detections for a while, with an author and a reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError


def _now() -> datetime:
    return datetime.now(UTC)


@click.group()
def silences() -> None:
    """Silences: mute matching detections for a while, with an author and a reason."""


@silences.command("add")
@click.option("--org", "org_id", help="Mute this organisation's subscriptions (default: all).")
@click.option("--match", "matchers", multiple=True, required=True, help="field=value, repeatable.")
@click.option("--hours", type=float, default=24.0, show_default=True)
@click.option("--starts", help="ISO 8601 start (default: now), e.g. 2026-12-01T08:00+00:00.")
@click.option("--author", required=True)
@click.option("--reason", required=True)
@click.pass_context
def silences_add(  # noqa: PLR0917
    ctx: click.Context,
    org_id: str | None,
    matchers: tuple[str, ...],
    hours: float,
    starts: str | None,
    author: str,
    reason: str,
) -> None:
    """Add a silence, e.g. --match typology=forced_labour --match location=TH."""
    from alerts.admin import SilenceAdmin
    from tahub import wiring

    pairs = {}
    for m in matchers:
        name, sep, value = m.partition("=")
        if not sep:
            raise TahubError(f"--match takes field=value, got {m!r}")
        pairs[name.strip()] = value.strip()
    try:
        start = datetime.fromisoformat(starts) if starts else None
        if start is not None and start.tzinfo is None:
            raise TahubError("--starts needs a time zone, e.g. 2026-12-01T08:00+00:00")
        s = SilenceAdmin(wiring.alert_store(settings_of(ctx))).add(
            org_id, pairs, hours=hours, author=author, reason=reason, now=_now(), starts_at=start
        )
    except ValueError as err:  # SilenceError, or a malformed --starts
        raise TahubError(str(err)) from None
    click.echo(f"{s.silence_id} until {s.ends_at.isoformat()}")


@silences.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def silences_list(ctx: click.Context, as_json: bool) -> None:
    """Silences in force or still to come."""
    from alerts.admin import SilenceAdmin
    from tahub import wiring

    found = SilenceAdmin(wiring.alert_store(settings_of(ctx))).list(None, _now())
    if as_json:
        click.echo(json.dumps([s.to_json() for s in found], indent=2))
        return
    for s in found:
        match = " ".join(f"{k}={v}" for k, v in sorted(s.matchers.items()))
        click.echo(f"{s.silence_id} {s.org_id or '(all)'} until {s.ends_at:%Y-%m-%d %H:%M} {match}")
        click.echo(f"    by {s.author}: {s.reason}")
    if not found:
        click.echo("no silences")


@silences.command("expire")
@click.argument("silence_id")
@click.pass_context
def silences_expire(ctx: click.Context, silence_id: str) -> None:
    """End a silence now."""
    from alerts.admin import NotFound, SilenceAdmin
    from tahub import wiring

    try:
        SilenceAdmin(wiring.alert_store(settings_of(ctx))).expire(None, silence_id, _now())
    except NotFound as err:
        raise TahubError(str(err)) from None
    click.echo(f"expired {silence_id}")
