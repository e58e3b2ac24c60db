"""`tahub status`: every component checked; exit 0 only if all are green."""

from __future__ import annotations

import sys

import click

from tahub.commands.context import settings_of


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Check every component; exit 0 only if all are green."""
    from tahub import checks

    s = settings_of(ctx)
    results = [*checks.kafka(s), checks.registry(s), *checks.main_job(s), checks.data_dir(s)]
    if as_json:
        click.echo(checks.to_json(results).decode())
    else:
        for c in results:
            mark = click.style("ok  ", fg="green") if c.ok else click.style("FAIL", fg="red")
            click.echo(f"{mark} {c.component:<16} {c.detail}")
    sys.exit(0 if all(c.ok for c in results) else 1)
