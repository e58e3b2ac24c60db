"""`tahub keys`: API keys of partner organisations (operator)."""

from __future__ import annotations

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError


@click.group()
def keys() -> None:
    """API keys of partner organisations (operator)."""


@keys.command("issue")
@click.argument("org_id")
@click.option("--label", default="", help="What the key is for, e.g. 'case system'.")
@click.pass_context
def keys_issue(ctx: click.Context, org_id: str, label: str) -> None:
    """Issue a key; it is printed once and only its salted hash is kept."""
    from producers.intake.access import AccessError
    from tahub import wiring

    try:
        info, token = wiring.access(settings_of(ctx)).issue_key(org_id, label)
    except AccessError as err:
        raise TahubError(str(err)) from None
    click.echo(
        f"key {info.key_id} for {info.org_id}; store it now, it cannot be shown again:", err=True
    )
    click.echo(token)


@keys.command("revoke")
@click.argument("key_id")
@click.pass_context
def keys_revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key by its id (the part after thk_); takes effect within seconds."""
    from producers.intake.access import AccessError
    from tahub import wiring

    try:
        info = wiring.access(settings_of(ctx)).revoke(key_id)
    except AccessError as err:
        raise TahubError(str(err)) from None
    click.echo(f"revoked key {info.key_id} of {info.org_id}")


@keys.command("list")
@click.option("--org", "org_id", help="Only this organisation's keys.")
@click.pass_context
def keys_list(ctx: click.Context, org_id: str | None) -> None:
    """Key ids, owners and states (never the keys)."""
    from tahub import wiring

    for k in wiring.access(settings_of(ctx)).keys(org_id):
        state = f"revoked {k.revoked_at}" if k.revoked_at else "active"
        click.echo(f"{k.key_id}  {k.org_id:<24} {state:<30} {k.label}")
