"""`tahub submit`: a partner's CSV or JSON Lines file, through the HTTP API's checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tahub import progress
from tahub.commands.context import settings_of
from tahub.errors import TahubError
from tahub.exitcodes import Exit

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def print_report(body: dict[str, Any], *, limit: int = 50) -> None:
    dup = f" ({body['duplicates']} already stored before)" if body["duplicates"] else ""
    click.echo(
        f"{body['submitted']} submitted: {body['accepted']} accepted{dup}, "
        f"{body['rejected']} rejected"
    )
    for rejection in body["rejections"][:limit]:
        for e in rejection["errors"]:
            click.echo(f"  row {rejection['row']}: {e['path']} ({e['kind']}): {e['reason']}")
    if body["rejected"] > limit:
        click.echo(f"  … {body['rejected'] - limit} more rejected rows (--json shows all)")


def file_format(s: Any, file: Path, org_id: str, fmt: str | None) -> str:
    """The file's format (given, or by suffix), once its organisation is known to exist."""
    from tahub import wiring

    fmt = fmt or FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise TahubError(f"cannot tell the format of {file.name}; pass --format csv|jsonl")
    if not wiring.access(s).org_exists(org_id):
        raise TahubError(f"no organisation {org_id}; add it with `tahub orgs add`")
    return fmt


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_id", required=True, help="The submitting organisation.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Default: by suffix.")
@click.option("--idempotency-key", help="Makes a re-run of the same file store nothing new.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.pass_context
def submit(  # noqa: PLR0917
    ctx: click.Context,
    file: Path,
    org_id: str,
    fmt: str | None,
    idempotency_key: str | None,
    as_json: bool,
) -> None:
    """Submit a CSV or JSON Lines file for ORG, through the same checks as the HTTP API.

    Exit status: 0 all rows accepted, 3 some rows rejected, 1 nothing stored.
    """
    from tahub import wiring

    s = settings_of(ctx)
    fmt = file_format(s, file, org_id, fmt)
    body = file.read_bytes()
    service = wiring.intake_service(s, role="submit")
    try:
        with progress.bar("checking rows", unit="row") as update:
            outcome = service.submit_file(
                org_id, body, fmt=fmt, idempotency_key=idempotency_key, progress=update
            )
    finally:
        service.close()
    if outcome.status != 200:
        raise TahubError(f"{file.name}: {outcome.body['error']}")
    if as_json:
        click.echo(json.dumps(outcome.body, indent=2))
    else:
        print_report(outcome.body)
    sys.exit(Exit.PARTIAL if outcome.body["rejected"] else Exit.OK)
