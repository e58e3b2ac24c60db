"""`tahub worker`: one Faust stream worker in the foreground."""

from __future__ import annotations

import click

from tahub.commands.context import settings_of


@click.command()
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run one Faust stream worker in the foreground (the main job runs one for you)."""
    from tahub.worker import run_worker

    run_worker(settings_of(ctx))
