"""`tahub up`: the main job — broker (local mode), topics, schemas, warehouse, workers."""

from __future__ import annotations

import sys

import click

from tahub.commands.context import settings_of


@click.command()
@click.option("--exit-when-ready", is_flag=True, help="Bring everything up, check it, then stop.")
@click.option(
    "--keep-broker", is_flag=True, help="Leave a broker this job started running on exit."
)
@click.pass_context
def up(ctx: click.Context, exit_when_ready: bool, keep_broker: bool) -> None:
    """Run the main job: broker (local mode), topics, schemas, warehouse, workers."""
    from tahub.mainjob.supervisor import MainJob

    sys.exit(
        MainJob(settings_of(ctx), keep_broker=keep_broker).run(exit_when_ready=exit_when_ready)
    )
