"""`tahub schemas`: register the Avro contracts; check their evolution."""

from __future__ import annotations

import sys

import click

from tahub.commands.context import settings_of
from tahub.exitcodes import Exit


@click.group()
def schemas() -> None:
    """Avro contracts and the schema registry."""


@schemas.command("register")
@click.pass_context
def schemas_register(ctx: click.Context) -> None:
    """Register every topic's value schema (refuses incompatible changes)."""
    from schemas.topics import ALL
    from tahub import wiring

    s = settings_of(ctx)
    for topic, sid in wiring.serde(s).register_all(ALL).items():
        click.echo(f"{topic:<32} schema id {sid}")


@schemas.command("check")
def schemas_check() -> None:
    """Check each contract is BACKWARD compatible with the last released version."""
    from schemas.evolution import check_released

    problems = check_released()
    for line in problems:
        click.echo(line)
    if problems:
        sys.exit(Exit.ERROR)
    click.echo("all contracts are BACKWARD compatible with the released versions")
