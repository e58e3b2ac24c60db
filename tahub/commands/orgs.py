"""`tahub orgs`: partner organisations (operator), and erasing one's data keys."""

from __future__ import annotations

import json

import click

from tahub.commands.context import settings_of
from tahub.errors import TahubError


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

    store = wiring.access(settings_of(ctx))
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

    found = wiring.access(settings_of(ctx)).orgs()
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
    text it submitted becomes unreadable wherever copies are — topics, warehouse, backups —
    and its submissions' fingerprints in intake.db are erased. Counts and detections stay;
    its keys and subscriptions are untouched."""
    from producers.intake import idempotency
    from tahub import wiring

    if not yes:
        click.confirm(
            f"erase every data key of {org_id}? Its texts cannot be read again", abort=True
        )
    s = settings_of(ctx)
    vault = wiring.vault(s)
    try:
        n = vault.forget(org_id)
    finally:
        vault.close()
    # its submissions' fingerprints are keyed under the erased keys; erased as well
    records = idempotency.forget(s.intake_db_path, org_id)
    click.echo(f"erased {n} data key(s) of {org_id}: its sealed texts cannot be opened again")
    click.echo(f"erased {records} idempotency record(s) of {org_id}")
