"""`tahub bench console`: how long the console's pages and their data take to answer,
server-side, over millions of signals in a scratch chDB.

The real console (tahub.console.app on tahub.web's server, as the main job serves it)
answers HTTP requests on loopback from a signed-in member organisation and from the
operator (the public's view); the time is from request to the last byte of the answer,
so it holds the queries, the reshaping and the HTML or JSON, not the browser's drawing.
Each query the pages ask (``Reader.ask``) is timed too, to show where a page's time goes.
Signals are synthetic (tahub.bench.synth) with real H3 cells, so the map's hexagons are
built as they would be; detections are synthetic too, on the same routes.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import click
import h3
import httpx

from consumers import class_sizes, migrations, release, tables
from consumers.queries import Result, Viewer
from consumers.warehouse import Warehouse
from schemas.borders import outline
from schemas.taxonomy import Severity, Tlp
from tahub import progress
from tahub.bench import query_bench, synth
from tahub.bench.sink_bench import open_fresh
from tahub.console import data
from tahub.console.app import Access, Console, sets_of
from tahub.runtime.ports import free_port
from tahub.web import WebServer

KEY = "thk_benchbenchbe_" + "b" * 30
OPERATOR = "operator-bench-" + "o" * 30
MEMBER = synth.ORGS[0]
NOW = query_bench.END  # the synthetic year ends here: "the last 90 days" hold data


def pages(detection_id: str) -> dict[str, str]:
    """The console's main pages and the data their scripts fetch, as a user opens them."""
    return {
        "map page": "/",
        "map data 90d": "/data/map?since=90d",
        "map data 52w": "/data/map?since=52w",
        "map data 90d by report time": "/data/map?since=90d&clock=reported",
        "trends page, compare": "/trends?by=route&since=30d&compare=previous",
        "trend data by typology 90d": "/data/trend?by=typology&since=90d",
        "trend data by route 52w": "/data/trend?by=route&since=52w",
        "trend CSV by route 52w": "/trends.csv?by=route&since=52w",
        "detections, all 90d": "/detections?state=all",
        "detection page": f"/detections/{detection_id}",
        "campaign brief 30d": "/campaign?since=30d&audience=mine",
    }


# --- data ---


def _cells_of(code: str) -> tuple[list[str], list[list[str]]]:
    """Eight real coarse H3 cells around a point inside the country, and 32 fine cells
    in each, for synth's 'ng0'..'ng7' and their 'ng0'+'0'..'31'."""
    shape = outline(code)
    if shape is None:
        raise ValueError(f"no outline for {code}")
    inner = shape.representative_point()
    centre = h3.latlng_to_cell(inner.y, inner.x, 3)
    coarse = sorted(h3.grid_disk(centre, 2))[:8]
    fine = [sorted(h3.cell_to_children(c, 6))[:32] for c in coarse]
    return coarse, fine


def real_cells(cols: dict[str, list[Any]]) -> None:
    """Synth's made-up cell names into real H3 cells, in place."""
    coarse_of: dict[str, str] = {}
    fine_of: dict[str, str] = {}
    for code in synth.COUNTRIES:
        coarse, fine = _cells_of(code)
        for i, cell in enumerate(coarse):
            coarse_of[f"{code.lower()}{i}"] = cell
            for j, child in enumerate(fine[i]):
                fine_of[f"{code.lower()}{i}{j}"] = child
    cols["cell_coarse"] = [coarse_of[c] for c in cols["cell_coarse"]]
    cols["cell_fine"] = [fine_of[c] for c in cols["cell_fine"]]


def detections(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` detections on synth's routes and places over the last 90 days, two versions
    each, evidence from three to six organisations at synth's TLP mix."""
    import random

    rng = random.Random(seed)  # noqa: S311 - synthetic data
    out: list[dict[str, Any]] = []
    severities = [s.value for s in Severity]
    for i in range(n):
        origin, dest = rng.sample(synth.COUNTRIES, 2)
        kind = rng.choice(("route", "location", "typology_route"))
        typ = rng.choice(("forced_labour", "sexual_exploitation", "forced_criminality"))
        dims, key = {
            "route": ({"origin": origin, "destination": dest}, f"{origin}>{dest}"),
            "location": ({"location": dest}, dest),
            "typology_route": (
                {"typology": typ, "origin": origin, "destination": dest},
                f"{typ}|{origin}>{dest}",
            ),
        }[kind]
        opened = NOW - timedelta(hours=rng.randrange(24 * 90))
        evidence = [
            {"org_id": org, "tlp": rng.choices(synth.TLPS, synth.TLP_WEIGHTS)[0],
             "reports": rng.randrange(1, 6)}
            for org in rng.sample(synth.ORGS, rng.randrange(3, 7))
        ]  # fmt: skip
        if i == 0:  # the detection page is timed on one everyone may see
            evidence = [{**e, "tlp": "CLEAR", "reports": 3} for e in evidence]
        tlp = max((Tlp(str(e["tlp"])) for e in evidence), key=lambda t: t.rank).value
        for version in (1, 2):
            out.append({
                "detection_id": f"det-bench-{i}", "version": version,
                "state": "opened" if version == 1 else rng.choice(("updated", "resolved")),
                "dimension_set": kind, "dimension_key": key, "dimensions": dims,
                "window_start": opened - timedelta(days=2), "window_end": opened,
                "observed": float(rng.randrange(8, 40)), "expected": 2.5, "score": 5.0,
                "p_value": 0.001, "method": "poisson", "severity": rng.choice(severities),
                "distinct_sources": len(evidence), "evidence": evidence, "tlp": tlp,
                "opened_at": opened, "updated_at": opened + timedelta(hours=version),
            })  # fmt: skip
    return out


def load_detections(wh: Warehouse, records: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    wh.insert(tables.DETECTIONS.name, tables.to_columns(tables.DETECTIONS, landed),
              tables.DETECTIONS.types)  # fmt: skip


# --- timing ---


@dataclass(frozen=True)
class TimedReader(data.Reader):
    """The console's reader, noting how long each query took (name -> seconds)."""

    spent: dict[str, list[float]] = field(default_factory=dict)

    def ask(self, name: str, params: Mapping[str, str], viewer: Viewer) -> Result:
        t = time.perf_counter()
        label = f"{name} {params['level']}" if params.get("level") else name
        try:
            return super().ask(name, params, viewer)
        finally:
            self.spent.setdefault(label, []).append(time.perf_counter() - t)


def _sign_in(base: str, key: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=300)
    form = client.get("/login")
    match = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert match is not None, "no sign-in form"
    r = client.post("/login", data={"key": key, "csrf": match.group(1), "next": "/"})
    if r.status_code != 303 or r.headers.get("location") != "/":
        raise click.ClickException(f"the bench could not sign in ({r.status_code})")
    return client


def _time(client: httpx.Client, path: str, repeats: int) -> dict[str, Any]:
    first = client.get(path)  # the first answer also warms chDB's caches
    if first.status_code != 200:
        raise click.ClickException(f"{path} answered {first.status_code}: {first.text[:200]}")
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        r = client.get(path)
        runs.append(time.perf_counter() - t)
        r.raise_for_status()
    return {"median_s": round(statistics.median(runs), 3), "max_s": round(max(runs), 3),
            "first_s": round(first.elapsed.total_seconds(), 3),
            "bytes": len(first.content)}  # fmt: skip


def _get(client: httpx.Client, path: str) -> tuple[float, bytes]:
    t = time.perf_counter()
    r = client.get(path)
    spent = time.perf_counter() - t
    if r.status_code != 200:
        raise click.ClickException(f"{path} answered {r.status_code}: {r.text[:200]}")
    return spent, r.content


def _time_plans(client: httpx.Client, path: str, repeats: int, plans: list[str]) -> dict[str, Any]:
    """The page under each member plan in turn (consumers.release.MEMBER_PLANS), over the
    same data in one run: one warming answer each, then ``repeats`` rounds, each plan
    once a round, the order reversed every other round so a drift of the machine falls on
    all alike. Ratios are of medians, to the first plan; equal answers are equal bytes."""
    answers: dict[str, bytes] = {}
    runs: dict[str, list[float]] = {p: [] for p in plans}
    for plan in plans:
        with release.member_plan(plan):
            answers[plan] = _get(client, path)[1]
    for round_ in range(repeats):
        for plan in plans if round_ % 2 == 0 else plans[::-1]:
            with release.member_plan(plan):
                runs[plan].append(_get(client, path)[0])
    medians = {p: statistics.median(v) for p, v in runs.items()}
    return {
        "median_s": round(medians[plans[-1]], 3),
        "bytes": len(answers[plans[-1]]),
        "plans": {
            p: {"median_s": round(medians[p], 3), "max_s": round(max(runs[p]), 3)} for p in plans
        },
        "ratio": {p: round(medians[p] / medians[plans[0]], 2) for p in plans[1:]},
        "same_answer": len(set(answers.values())) == 1,
    }


def time_pages(  # noqa: PLR0917 - the bench's settings
    wh: Warehouse,
    k: int,
    bin_: str,
    repeats: int,
    paths: dict[str, str],
    plans: list[str] | None = None,
) -> dict[str, Any]:
    """Each page for each viewer; with two or more ``plans``, each under every plan in
    turn (``_time_plans``), else under the queries' own as they are."""
    from streams.detect.dimensions import DEFAULT_SETS

    reader = TimedReader(lambda: wh, k, bin_, now=lambda: NOW)
    access = Access(
        partner={KEY: MEMBER}.get, key_active=lambda _: True, orgs=lambda: list(synth.ORGS),
        operator_token=OPERATOR,
    )  # fmt: skip
    console = Console(reader, access, sets=sets_of(DEFAULT_SETS))
    port = free_port()
    server = WebServer(
        "127.0.0.1", port, checks=lambda: [], warehouse=lambda: wh, k=k, operator_token=OPERATOR,
        release_bin=bin_, partner={KEY: MEMBER}.get, routes=console.routes,
    )  # fmt: skip
    server.start()
    out: dict[str, Any] = {}
    viewers = (("member", KEY), ("public", OPERATOR))
    try:
        base = f"http://127.0.0.1:{port}"
        with progress.bar("timing pages", total=len(viewers) * len(paths), unit="page") as update:
            for label, key in viewers:
                client = _sign_in(base, key)
                for name, path in paths.items():
                    reader.spent.clear()
                    if plans and len(plans) > 1:
                        timed = _time_plans(client, path, repeats, plans)
                        requests = len(plans) * (repeats + 1)
                    else:
                        timed = _time(client, path, repeats)
                        requests = repeats + 1
                    timed["queries_s"] = {  # per page request, median over the requests
                        q: round(statistics.median(v), 3) for q, v in reader.spent.items()
                    }
                    asked = sum(sum(v) for v in reader.spent.values())  # the rest is Python
                    timed["all_queries_s"] = round(asked / requests, 3)  # a request's
                    out[f"{name}/{label}"] = timed
                    progress.say(f"  {name + '/' + label:<44}{_line(timed)}")
                    update(1)  # between pages, never inside a timed request
                client.close()
    finally:
        server.stop()
    return out


def _line(timed: dict[str, Any]) -> str:
    if "plans" not in timed:
        return f"{timed['median_s']:>8.3f} s"
    medians = "".join(f"{p['median_s']:>8.3f}" for p in timed["plans"].values())
    ratios = "".join(f"{r:>7.2f}" for r in timed["ratio"].values())
    return f"{medians} s{ratios}{'' if timed['same_answer'] else '  ANSWERS DIFFER'}"


def run(
    url: str,
    *,
    signals: int,
    detections_n: int,
    k: int,
    bin_: str,
    repeats: int,
    plans: list[str] | None = None,
    settle: float = 0.0,
) -> dict[str, Any]:
    result: dict[str, Any] = {"settings": {
        "signals": signals, "detections": detections_n, "k": k, "release_bin": bin_,
        "repeats": repeats, "now": NOW.isoformat(), "member_plans": plans or [],
        "settle_s": settle,
    }}  # fmt: skip
    wh, cleanup = open_fresh(url)
    try:
        migrations.migrate(wh)
        click.echo(f"loading {signals:,} signals …")
        t = time.perf_counter()
        rate = query_bench.load(wh, signals, shape=real_cells)
        result["load"] = {"insert_rows_per_s": round(rate),
                          "total_s": round(time.perf_counter() - t, 1)}  # fmt: skip
        records = detections(detections_n)
        load_detections(wh, records)
        result["load"]["kept_classes"] = _keep_classes(wh, settle)
        click.echo(f"loaded in {result['load']['total_s']} s; timing pages …")
        result["pages"] = time_pages(wh, k, bin_, repeats, pages(records[0]["detection_id"]), plans)
    finally:
        cleanup()
    return result


def _keep_classes(wh: Warehouse, settle: float) -> dict[str, float]:
    """What the sink's refresher does after landing (consumers.class_sizes): every class
    once, then, ``settle`` seconds later (past its margin, as in steady state), the rows
    landed since (seconds each)."""
    t = time.perf_counter()
    class_sizes.refresh(wh, whole=True)
    whole = time.perf_counter() - t
    time.sleep(settle)
    t = time.perf_counter()
    class_sizes.refresh(wh)
    return {"whole_refresh_s": round(whole, 2), "refresh_s": round(time.perf_counter() - t, 2)}


def report(result: dict[str, Any]) -> None:
    s = result["settings"]
    plans = s.get("member_plans") or []
    if len(plans) > 1:
        _report_plans(result, plans)
    else:
        click.echo(
            f"console answers over {s['signals']:,} signals, {s['detections']:,} detections"
            " (seconds: the median answer, its queries in all, the slowest query)"
        )
        for name, r in result["pages"].items():
            slowest = max(r["queries_s"].items(), key=lambda kv: kv[1], default=("-", 0.0))
            click.echo(f"{name:<48}{r['median_s']:>8.3f}{r['all_queries_s']:>8.3f}   "
                       f"{slowest[0]} {slowest[1]:.3f}")  # fmt: skip
    click.echo(
        f"load: {result['load']['insert_rows_per_s']:,} rows/s inserted, "
        f"{result['load']['total_s']} s in all"
    )


def _report_plans(result: dict[str, Any], plans: list[str]) -> None:
    s = result["settings"]
    click.echo(f"console answers over {s['signals']:,} signals, {s['detections']:,} detections, "
               f"member plans interleaved, median of {s['repeats']} each (seconds; ratio to "
               f"{plans[0]}; the public's SQL is the same under every plan: its ratios are "
               "the machine's noise)")  # fmt: skip
    click.echo(f"{'page':<48}" + "".join(f"{p[:7]:>8}" for p in plans) + "  "
               + "".join(f"{p[:6]:>7}" for p in plans[1:]))  # fmt: skip
    for name, r in result["pages"].items():
        click.echo(f"{name:<48}{_line(r)}")
