"""`tahub query`: counts, hotspots, routes, report delays, detections and deliveries from
the warehouse."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from tahub.commands.context import settings_of


@click.group()
def query() -> None:
    """Counts, hotspots, routes, report delays, detections and deliveries from the warehouse.

    Sharing rules and k-suppression apply: without --as-org you see what the public may
    see. With chDB, while `tahub up` runs, the query goes to the main job over HTTP.
    """


F = TypeVar("F", bound=Callable[..., Any])


def _as_org(fn: F) -> F:
    fn = click.option("--json", "as_json", is_flag=True, help="Print JSON, as the HTTP API.")(fn)
    return click.option(
        "--as-org", default=None, help="See what this organisation may see (operator)."
    )(fn)


def _period_options(since: str, clock: str = "occurred") -> Callable[[F], F]:
    def wrap(fn: F) -> F:
        fn = click.option(
            "--clock",
            type=click.Choice(["occurred", "reported"]),
            default=clock,
            show_default=True,
            help="Place reports by when they occurred (at their date's precision) or when "
            "they were reported.",
        )(fn)
        fn = click.option("--until", default=None, help="End: span ago or ISO time; default now.")(
            fn
        )
        return click.option(
            "--since",
            default=since,
            show_default=True,
            help="Start: span ago (7d) or ISO time; 'all' (without --until) for all time.",
        )(fn)

    return wrap


def _filters(fn: F) -> F:
    """What counts and delays are narrowed by: a typology and the route's countries."""
    for name in ("--location", "--destination", "--origin"):  # listed in reverse
        fn = click.option(name, default=None, help="ISO country code.")(fn)
    return click.option("--typology", default=None)(fn)


def _run_query(ctx: click.Context, name: str, params: dict[str, Any], as_org: str | None,
               as_json: bool) -> None:  # fmt: skip
    from tahub.query_client import print_result, run_query

    clean = {k: str(v) for k, v in params.items() if v is not None}
    body = run_query(settings_of(ctx), name, clean, as_org)
    if as_json:
        click.echo(json.dumps(body, indent=2))
    else:
        print_result(body)


@query.command("counts")
@_period_options("30d")
@click.option("--by", default="typology", show_default=True,
              help="Comma list of: typology, origin, destination, location, cell, cell_fine, "
              "source_kind.")  # fmt: skip
@click.option("--bucket", default=None,
              help="day, week, month, year or all, as the release bin allows; default: the "
              "bin.")  # fmt: skip
@_filters
@_as_org
@click.pass_context
def query_counts(ctx: click.Context, /, as_org: str | None, as_json: bool, **params: Any) -> None:
    """Signals, distinct reports and organisations over time."""
    _run_query(ctx, "counts", params, as_org, as_json)


@query.command("hotspots")
@_period_options("7d")
@click.option("--level", default="country", show_default=True, help="country, cell, cell_fine.")
@click.option("--typology", default=None)
@click.option("--limit", default=20, show_default=True)
@_as_org
@click.pass_context
def query_hotspots(ctx: click.Context, /, as_org: str | None, as_json: bool, **params: Any) -> None:
    """Places with the most reports, against the period before."""
    _run_query(ctx, "hotspots", params, as_org, as_json)


@query.command("routes")
@_period_options("30d")
@click.option("--typology", default=None)
@click.option("--limit", default=20, show_default=True)
@_as_org
@click.pass_context
def query_routes(ctx: click.Context, /, as_org: str | None, as_json: bool, **params: Any) -> None:
    """Top origin → destination flows."""
    _run_query(ctx, "routes", params, as_org, as_json)


@query.command("delays")
@_period_options("52w", clock="reported")
@click.option("--by", default=None,
              help="Comma list of: typology, origin, destination, location, cell, cell_fine, "
              "source_kind.")  # fmt: skip
@click.option(
    "--bucket",
    default=None,
    help="day, week, month, year or all, as the release bin allows; default: all.",
)
@_filters
@_as_org
@click.pass_context
def query_delays(ctx: click.Context, /, as_org: str | None, as_json: bool, **params: Any) -> None:
    """How long after they occurred reports came in: your organisation's own delays in
    full, other organisations' pooled under the sharing rules (quantiles and a histogram)."""
    _run_query(ctx, "delays", params, as_org, as_json)


@query.command("detections")
@click.option("--since", default="7d", show_default=True)
@click.option("--state", default=None, help="open, opened, updated, resolved.")
@click.option("--dimension-set", "dimension_set", default=None)
@click.option("--min-severity", "min_severity", default=None, help="low, medium, high, critical.")
@click.option("--limit", default=50, show_default=True)
@_as_org
@click.pass_context
def query_detections(
    ctx: click.Context, /, as_org: str | None, as_json: bool, **params: Any
) -> None:
    """Detections and their current state."""
    _run_query(ctx, "detections", params, as_org, as_json)


@query.command("detection")
@click.argument("detection_id")
@_as_org
@click.pass_context
def query_detection(
    ctx: click.Context, detection_id: str, as_org: str | None, as_json: bool
) -> None:
    """One detection's lifecycle and evidence."""
    _run_query(ctx, "detection", {"id": detection_id}, as_org, as_json)


@query.command("incident")
@click.argument("incident_id")
@_as_org
@click.pass_context
def query_incident(ctx: click.Context, incident_id: str, as_org: str | None, as_json: bool) -> None:
    """One of an organisation's own incidents with its text opened (--as-org: the operator
    reads as that organisation; every such read is written to <data dir>/audit.log)."""
    _run_query(ctx, "incident", {"id": incident_id}, as_org, as_json)


@query.command("deliveries")
@click.argument("subscription_id")
@click.option("--limit", default=100, show_default=True)
@_as_org
@click.pass_context
def query_deliveries(
    ctx: click.Context, subscription_id: str, limit: int, as_org: str | None, as_json: bool
) -> None:
    """Delivery history of one subscription (its owner only)."""
    params = {"subscription": subscription_id, "limit": limit}
    _run_query(ctx, "deliveries", params, as_org, as_json)
