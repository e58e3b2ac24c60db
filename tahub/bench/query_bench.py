"""`tahub bench queries`: latency of every read query over millions of signals, on chDB
and a ClickHouse server, for the public and for a member organisation."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from consumers import migrations, queries, tables
from consumers.queries import Result, Viewer
from consumers.warehouse import Warehouse
from schemas.sharing import CLOCKS
from tahub import progress
from tahub.bench import synth
from tahub.bench.sink_bench import open_fresh

START = datetime(2026, 1, 1, tzinfo=UTC)
END = START + timedelta(days=365)
CHUNK = 1_000_000


def load(
    wh: Warehouse, n: int, shape: Callable[[dict[str, list[Any]]], None] | None = None
) -> float:
    """Insert ``n`` synthetic signals, each chunk's columns first changed by ``shape``;
    returns rows/s of the inserts alone."""
    spent = 0.0
    with progress.bar("loading", total=n, unit="signal") as update:
        for offset in range(0, n, CHUNK):
            size = min(CHUNK, n - offset)
            cols = synth.signal_columns(size, seed=offset + 1, start=START)
            cols["signal_id"] = [f"{offset}-{s}" for s in cols["signal_id"]]
            if shape is not None:
                shape(cols)
            t = time.perf_counter()
            wh.insert(tables.SIGNALS.name, cols, tables.SIGNALS.types)
            spent += time.perf_counter() - t
            update(size)  # a chunk at a time, outside the timed insert
    return n / spent


def cases(k: int, clock: str) -> dict[str, Callable[[Warehouse, Viewer], Result]]:
    """Every query under day release bins: the finest classes, so the dearest release check."""
    month = END - timedelta(days=30)
    week = END - timedelta(days=7)
    return {
        "counts_by_typology_daily_30d": lambda wh, v: queries.counts(
            wh, v, start=month, end=END, by=["typology"], bucket="day", k=k, bin_="day",
            clock=clock,
        ),
        "counts_by_route_weekly_year": lambda wh, v: queries.counts(
            wh, v, start=START, end=END, by=["origin", "destination"], bucket="week", k=k,
            bin_="day", clock=clock,
        ),
        "hotspots_countries_7d": lambda wh, v: queries.hotspots(
            wh, v, start=week, end=END, level="country", k=k, bin_="day", clock=clock
        ),
        "hotspots_cells_90d": lambda wh, v: queries.hotspots(
            wh, v, start=END - timedelta(days=90), end=END, level="cell", k=k, bin_="day",
            clock=clock,
        ),
        "routes_30d": lambda wh, v: queries.routes(
            wh, v, start=month, end=END, k=k, bin_="day", clock=clock
        ),
        "routes_year": lambda wh, v: queries.routes(
            wh, v, start=START, end=END, k=k, bin_="day", clock=clock
        ),
    }  # fmt: skip


def time_queries(wh: Warehouse, k: int, repeats: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    named = {
        f"{name}/{clock}": fn for clock in CLOCKS for name, fn in cases(k, clock).items()
    }  # by occurrence (the default) and by report time
    viewers = (("public", Viewer()), ("member", Viewer(synth.ORGS[0])))
    with progress.bar("timing queries", total=len(named) * len(viewers), unit="query") as update:
        for name, fn in named.items():
            for label, viewer in viewers:
                fn(wh, viewer)  # warm caches once
                runs = []
                for _ in range(repeats):
                    t = time.perf_counter()
                    fn(wh, viewer)
                    runs.append(time.perf_counter() - t)
                out[f"{name}/{label}"] = {
                    "median_s": round(statistics.median(runs), 3),
                    "max_s": round(max(runs), 3),
                }
                update(1)  # between queries, never inside a timed run
    return out


def run(urls: dict[str, str], *, signals: int, k: int, repeats: int) -> dict[str, Any]:
    result: dict[str, Any] = {"settings": {"signals": signals, "k": k, "repeats": repeats}}
    for name, url in urls.items():
        wh, cleanup = open_fresh(url)
        try:
            migrations.migrate(wh)
            click.echo(f"{name}: loading {signals:,} signals …")
            rate = load(wh, signals)
            click.echo(f"{name}: timing queries …")
            result[name] = {"load_rows_per_s": round(rate), "queries": time_queries(wh, k, repeats)}
        finally:
            cleanup()
    return result


def report(result: dict[str, Any]) -> None:
    targets = [t for t in result if t != "settings"]
    names = list(result[targets[0]]["queries"]) if targets else []
    click.echo(f"query median seconds over {result['settings']['signals']:,} signals")
    click.echo(f"{'query':<56}" + "".join(f"{t:>10}" for t in targets))
    for q in names:
        click.echo(
            f"{q:<56}" + "".join(f"{result[t]['queries'][q]['median_s']:>10.3f}" for t in targets)
        )
    for t in targets:
        click.echo(f"{t}: load {result[t]['load_rows_per_s']:,} rows/s")
