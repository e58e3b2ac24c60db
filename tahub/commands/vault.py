"""`tahub vault`: the vault's master key (operator)."""

from __future__ import annotations

import click

from tahub.commands.context import settings_of


@click.group()
def vault() -> None:
    """The vault's master key (operator)."""


@vault.command("rotate")
@click.pass_context
def vault_rotate(ctx: click.Context) -> None:
    """A new master key in <data dir>/master.key; every data key is rewrapped under it."""
    from tahub.masterkey import rotate_master

    new_id, n = rotate_master(settings_of(ctx))
    click.echo(f"master key {new_id} is current; {n} data key(s) rewrapped")


@vault.command("rewrap")
@click.pass_context
def vault_rewrap(ctx: click.Context) -> None:
    """Rewrap every data key under the current master key (after adding one to
    TAHUB_MASTER_KEY)."""
    from tahub import wiring

    v = wiring.vault(settings_of(ctx))
    try:
        n = v.rewrap()
    finally:
        v.close()
    click.echo(f"{n} data key(s) rewrapped under master key {v.masters.current}")
