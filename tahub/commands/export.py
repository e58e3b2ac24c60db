"""`tahub export`: detections as a MISP feed or a STIX 2.1 bundle, aggregates as CSV in
CTDC's column layout, under the query API's sharing rules."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tahub.commands.context import settings_of

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def export() -> None:
    """Detections as a MISP feed or STIX 2.1, aggregates as CTDC-layout CSV.

    What the viewer may see, exactly as `tahub query` answers it: without --as-org the
    public's view; --as-org (the operator) is written to the audit log. Partners pull the
    same over HTTP with their API key: /api/v1/export/misp, /stix, /ctdc.csv.
    """


def _as_org(fn: F) -> F:
    return click.option(
        "--as-org", default=None, help="Export what this organisation may see (operator; audited)."
    )(fn)


def _detection_options(fn: F) -> F:
    fn = click.option("--min-severity", default=None, help="low, medium, high or critical.")(fn)
    fn = click.option("--dimension-set", default=None, help="Only this set (typology_route, …).")(
        fn
    )
    fn = click.option("--state", default=None, help="open, opened, updated or resolved.")(fn)
    return click.option("--since", default="90d", show_default=True,
                        help="Detections updated since: span ago or ISO time.")(fn)  # fmt: skip


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _run(ctx: click.Context, kind: str, params: dict[str, Any], as_org: str | None
         ) -> dict[str, str]:  # fmt: skip
    from tahub.exports.client import run_export

    clean = {k: str(v) for k, v in params.items() if v is not None}
    return run_export(settings_of(ctx), kind, clean, as_org)


@export.command("misp")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_detection_options
@_as_org
@click.pass_context
def export_misp(ctx: click.Context, /, directory: Path, as_org: str | None, **params: Any) -> None:
    """A MISP feed in DIRECTORY: manifest.json, one <uuid>.json per detection, hashes.csv."""
    files = _run(ctx, "misp", params, as_org)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        _write(directory / name, text)
    click.echo(f"{len(files) - 2} event(s) written to {directory}")


@export.command("stix")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the bundle here (default: standard output).")  # fmt: skip
@_detection_options
@_as_org
@click.pass_context
def export_stix(ctx: click.Context, /, out: Path | None, as_org: str | None, **params: Any) -> None:
    """A STIX 2.1 bundle: one report per detection, marked with its TLP 2.0 level."""
    body = _run(ctx, "stix", params, as_org)["bundle.json"]
    if out is None:
        click.echo(body)
    else:
        _write(out, body)


@export.command("ctdc")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the CSV here (default: standard output).")  # fmt: skip
@click.option("--since", default="52w", show_default=True,
              help="Span ago, ISO time, or 'all'.")  # fmt: skip
@click.option("--until", default=None, help="Span ago or ISO time; default now.")
@click.option("--clock", type=click.Choice(["occurred", "reported"]), default=None,
              help="By occurrence (the default) or report time.")  # fmt: skip
@click.option("--bucket", default=None,
              help="day, week, month, year or all (the default), as the bin allows.")  # fmt: skip
@click.option("--typology", default=None)
@click.option("--origin", default=None, help="ISO country code.")
@click.option("--destination", default=None, help="ISO country code.")
@click.option("--location", default=None, help="ISO country code.")
@_as_org
@click.pass_context
def export_ctdc(ctx: click.Context, /, out: Path | None, as_org: str | None, **params: Any) -> None:
    """Counts by typology and route as CSV in the CTDC Global Synthetic Dataset's columns."""
    body = _run(ctx, "ctdc", params, as_org)["ctdc.csv"]
    if out is None:
        click.echo(body, nl=False)
    else:
        _write(out, body)
