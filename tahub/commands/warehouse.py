"""`tahub warehouse`: migrations, news-text retention and re-classing of the warehouse."""

from __future__ import annotations

from typing import Any

import click

from tahub.commands.context import settings_of


@click.group()
def warehouse() -> None:
    """The ClickHouse warehouse (chDB locally, a server in production)."""


def _open_warehouse(ctx: click.Context) -> Any:
    from consumers.warehouse import open_warehouse

    return open_warehouse(settings_of(ctx).warehouse)


@warehouse.command("migrate")
@click.pass_context
def warehouse_migrate(ctx: click.Context) -> None:
    """Apply pending migrations (the main job does this at start)."""
    from consumers import migrations

    ran = migrations.migrate(_open_warehouse(ctx))
    click.echo("\n".join(f"applied {m.version:04d} {m.name}" for m in ran) or "nothing to apply")


@warehouse.command("status")
@click.pass_context
def warehouse_status(ctx: click.Context) -> None:
    """Which migrations ran."""
    from consumers import migrations

    for mig, done in migrations.status(_open_warehouse(ctx)):
        click.echo(f"{mig.version:04d} {mig.name:<24} {'applied' if done else 'pending'}")


@warehouse.command("retain")
@click.pass_context
def warehouse_retain(ctx: click.Context) -> None:
    """Drop raw news text older than TAHUB_NEWS_TEXT_RETENTION_DAYS (whole months)."""
    from consumers.retention import drop_expired_news_text

    days = settings_of(ctx).news_text_retention_days
    dropped = drop_expired_news_text(_open_warehouse(ctx), days)
    click.echo(f"dropped news text for {', '.join(dropped)}" if dropped else "nothing expired")


@warehouse.command("reclass")
@click.option(
    "--settle-minutes",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Only reports whose last signal landed at least this long ago.",
)
@click.option(
    "--break-lock",
    is_flag=True,
    help="Take the lock of a run that is gone (killed on another host); never while it runs.",
)
@click.pass_context
def warehouse_reclass(ctx: click.Context, settle_minutes: int, break_lock: bool) -> None:
    """Land again, in their report's release class, signals that landed without it (from
    a producer of the contract before migration 0013); until then only their owner sees
    them. Rewrites the signals table when there are any (the main job does this hourly);
    one run at a time per warehouse."""
    import time

    from consumers.reclass import reclass
    from consumers.reclass_lock import Busy, guarded

    wh = _open_warehouse(ctx)
    try:
        with guarded(wh, settings_of(ctx).data_dir, force=break_lock):
            rows = reclass(wh, now=time.time(), settle_s=settle_minutes * 60)
    except Busy as err:
        raise click.ClickException(f"{err}; nothing was done") from None
    click.echo(
        f"landed {rows} signal(s) again in their report's class"
        if rows
        else "nothing to land again"
    )
