"""`tahub secrets`: organisations' channel secrets (Slack tokens, webhook signing keys)."""

from __future__ import annotations

import sys

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError


@click.group()
def secrets() -> None:
    """Channel secrets of one organisation (Slack tokens, webhook signing keys)."""


@secrets.command("set")
@click.option("--org", "org_id", required=True, help="The organisation the secret belongs to.")
@click.argument("name")
@click.option(
    "--from-stdin", is_flag=True, help="Read the value from standard input (else a prompt)."
)
@click.pass_context
def secrets_set(ctx: click.Context, org_id: str, name: str, from_stdin: bool) -> None:
    """Store a secret sealed under the organisation's data key; only its subscriptions can
    name it. The value is never echoed or printed."""
    from alerts.secrets import SecretError, check_name
    from tahub import wiring

    s = settings_of(ctx)
    if not wiring.access(s).org_exists(org_id):
        raise TahubError(f"no organisation {org_id!r}; add it with `tahub orgs add`")
    try:
        check_name(name)
    except SecretError as err:
        raise TahubError(str(err)) from None
    value = sys.stdin.read().strip() if from_stdin else click.prompt("value", hide_input=True)
    if not value:
        raise TahubError("an empty secret stores nothing")
    vault = wiring.vault(s)
    try:
        vault.put_secret(org_id, name, value)
    finally:
        vault.close()
    click.echo(f"stored secret {name!r} for {org_id}")


@secrets.command("list")
@click.option("--org", "org_id", required=True)
@click.pass_context
def secrets_list(ctx: click.Context, org_id: str) -> None:
    """The names of an organisation's secrets (never their values)."""
    from tahub import wiring

    for name in wiring.secrets(settings_of(ctx)).names(org_id):
        click.echo(name)


@secrets.command("delete")
@click.option("--org", "org_id", required=True)
@click.argument("name")
@click.pass_context
def secrets_delete(ctx: click.Context, org_id: str, name: str) -> None:
    """Delete a secret stored in the vault."""
    from tahub import wiring

    vault = wiring.vault(settings_of(ctx))
    try:
        found = vault.delete_secret(org_id, name)
    finally:
        vault.close()
    if not found:
        raise TahubError(f"organisation {org_id} has no secret {name!r} in the vault")
    click.echo(f"deleted secret {name!r} of {org_id}")
