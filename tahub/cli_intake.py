"""`tahub orgs`, `tahub keys` and `tahub submit`: partner organisations, their keys, bulk files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tahub.cli import _settings
from tahub.errors import TahubError

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@click.group()
def orgs() -> None:
    """Partner organisations (operator)."""


@orgs.command("add")
@click.argument("org_id")
@click.option("--name", required=True, help="Display name.")
@click.option(
    "--kind",
    type=click.Choice(
        [
            "ngo",
            "law_enforcement",
            "financial",
            "business",
            "intergovernmental",
            "research",
            "other",
        ]
    ),
    default="other",
    show_default=True,
)
@click.pass_context
def orgs_add(ctx: click.Context, org_id: str, name: str, kind: str) -> None:
    """Register an organisation; then issue it a key with `tahub keys issue ORG_ID`."""
    from producers.intake.access import AccessError, OrgKind
    from tahub import wiring

    store = wiring.access(_settings(ctx))
    try:
        org = store.add_org(org_id, name, OrgKind(kind))
    except AccessError as err:
        raise TahubError(str(err)) from None
    click.echo(f"added {org.org_id} ({org.kind}): {org.name}")


@orgs.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def orgs_list(ctx: click.Context, as_json: bool) -> None:
    """Every registered organisation."""
    from dataclasses import asdict

    from tahub import wiring

    found = wiring.access(_settings(ctx)).orgs()
    if as_json:
        click.echo(json.dumps([asdict(o) for o in found], indent=2))
        return
    for o in found:
        click.echo(f"{o.org_id:<24} {o.kind:<18} {o.created_at}  {o.name}")
    if not found:
        click.echo("no organisations yet; add one with `tahub orgs add ORG_ID --name NAME`")


@orgs.command("forget")
@click.argument("org_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def orgs_forget(ctx: click.Context, org_id: str, yes: bool) -> None:
    """Erase the organisation's data keys and channel secrets (an erasure request): every
    text it submitted becomes unreadable wherever copies are — topics, warehouse, backups.
    Counts and detections stay; its keys and subscriptions are untouched."""
    from tahub import wiring

    if not yes:
        click.confirm(
            f"erase every data key of {org_id}? Its texts cannot be read again", abort=True
        )
    vault = wiring.vault(_settings(ctx))
    try:
        n = vault.forget(org_id)
    finally:
        vault.close()
    click.echo(f"erased {n} data key(s) of {org_id}: its sealed texts cannot be opened again")


@click.group()
def keys() -> None:
    """API keys of partner organisations (operator)."""


@keys.command("issue")
@click.argument("org_id")
@click.option("--label", default="", help="What the key is for, e.g. 'case system'.")
@click.pass_context
def keys_issue(ctx: click.Context, org_id: str, label: str) -> None:
    """Issue a key; it is printed once and only its salted hash is kept."""
    from producers.intake.access import AccessError
    from tahub import wiring

    try:
        info, token = wiring.access(_settings(ctx)).issue_key(org_id, label)
    except AccessError as err:
        raise TahubError(str(err)) from None
    click.echo(
        f"key {info.key_id} for {info.org_id}; store it now, it cannot be shown again:", err=True
    )
    click.echo(token)


@keys.command("revoke")
@click.argument("key_id")
@click.pass_context
def keys_revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key by its id (the part after thk_); takes effect within seconds."""
    from producers.intake.access import AccessError
    from tahub import wiring

    try:
        info = wiring.access(_settings(ctx)).revoke(key_id)
    except AccessError as err:
        raise TahubError(str(err)) from None
    click.echo(f"revoked key {info.key_id} of {info.org_id}")


@keys.command("list")
@click.option("--org", "org_id", help="Only this organisation's keys.")
@click.pass_context
def keys_list(ctx: click.Context, org_id: str | None) -> None:
    """Key ids, owners and states (never the keys)."""
    from tahub import wiring

    for k in wiring.access(_settings(ctx)).keys(org_id):
        state = f"revoked {k.revoked_at}" if k.revoked_at else "active"
        click.echo(f"{k.key_id}  {k.org_id:<24} {state:<30} {k.label}")


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

    Exit status: 0 all rows accepted, 2 some rows rejected, 1 nothing stored.
    """
    from tahub import wiring

    s = _settings(ctx)
    fmt = fmt or FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise TahubError(f"cannot tell the format of {file.name}; pass --format csv|jsonl")
    if not wiring.access(s).org_exists(org_id):
        raise TahubError(f"no organisation {org_id}; add it with `tahub orgs add`")
    body = file.read_bytes()
    service = wiring.intake_service(s, role="submit")
    try:
        outcome = service.submit_file(org_id, body, fmt=fmt, idempotency_key=idempotency_key)
    finally:
        service.close()
    if outcome.status != 200:
        raise TahubError(f"{file.name}: {outcome.body['error']}")
    if as_json:
        click.echo(json.dumps(outcome.body, indent=2))
    else:
        print_report(outcome.body)
    sys.exit(2 if outcome.body["rejected"] else 0)


def register(cli: click.Group) -> None:
    cli.add_command(orgs)
    cli.add_command(keys)
    cli.add_command(submit)
