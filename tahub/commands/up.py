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
@click.option(
    "--demo",
    is_flag=True,
    help="Run on a fresh demo world in <data dir>/demo (topics <prefix>demo.*): partners, "
    "history, news and a live trickle in which a spike appears within two minutes.",
)
@click.pass_context
def up(ctx: click.Context, exit_when_ready: bool, keep_broker: bool, demo: bool) -> None:
    """Run the main job: broker (local mode), topics, schemas, warehouse, workers."""
    from streams.gc_tuning import tune_gc
    from tahub.mainjob.supervisor import MainJob

    # the sink's batches (up to 50,000 decoded records) are walked by the default collector
    # every 700 allocations: ~25 µs of CPU a row (measured), a third of the sink's work
    tune_gc()
    s = settings_of(ctx)
    if demo and not exit_when_ready:
        from tahub.demo.run import DemoJob, demo_settings

        sys.exit(DemoJob(demo_settings(s), keep_broker=keep_broker).run())
    if demo:
        from tahub.demo.run import demo_settings

        s = demo_settings(s)
    sys.exit(MainJob(s, keep_broker=keep_broker).run(exit_when_ready=exit_when_ready))
