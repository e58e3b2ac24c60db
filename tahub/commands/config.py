"""`tahub config`: the settings, secrets masked."""

from __future__ import annotations

import json

import click

from tahub.commands.context import settings_of


@click.group()
def config() -> None:
    """Settings."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print every setting, secrets masked."""
    shown = settings_of(ctx).describe()
    if as_json:
        click.echo(json.dumps(shown, indent=2))
        return
    for key, value in shown.items():
        click.echo(f"{key:<40} {value}")
