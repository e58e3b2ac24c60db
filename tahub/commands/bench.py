"""`tahub bench`: benchmarks that print numbers and write JSON."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from tahub.commands.context import settings_of


@click.group()
def bench() -> None:
    """Benchmarks: print numbers and write JSON (compare ratios from one run)."""


@bench.command("sink")
@click.option("--records", default=500_000, show_default=True)
@click.option("--batch-rows", default=50_000, show_default=True)
@click.option("--server", "server_url", default=None, help="Also a ClickHouse server URL.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/sink.json"))
@click.pass_context
def bench_sink(
    ctx: click.Context, /, records: int, batch_rows: int, server_url: str | None, out: Path
) -> None:
    """Kafka → warehouse rows/s through the real sink (uses the configured Kafka)."""
    from tahub.bench import report, sink_bench

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = sink_bench.run(
            s.kafka_client_config(),
            records=records,
            server_url=server_url,
            batch_rows=batch_rows,
            partitions=s.partitions,
        )
    sink_bench.report(result)
    report.write(out, "sink", result)


@bench.command("detect")
@click.option("--signals", default=200_000, show_default=True, help="Backlog for throughput.")
@click.option("--rate", default=10_000, show_default=True, help="Steady load, signals/s.")
@click.option("--seconds", default=20, show_default=True, help="Length of the steady load.")
@click.option("--workers", default=1, show_default=True, help="Stream workers in one group.")
@click.option(
    "--warmup",
    default=200_000,
    show_default=True,
    help="Signals through a worker of their own first, unmeasured (a new broker's JIT); 0: none.",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/detect.json"))
@click.pass_context
def bench_detect(
    ctx: click.Context,
    /,
    *,
    signals: int,
    rate: int,
    seconds: int,
    workers: int,
    warmup: int,
    out: Path,
) -> None:
    """Stream workers: sustained signals/s and produce→detection latency."""
    from tahub.bench import detect_bench, report

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = detect_bench.run(
            s.kafka_client_config(), signals=signals, rate=rate, seconds=seconds,
            partitions=s.partitions, workers=workers, warmup=warmup,
        )  # fmt: skip
    detect_bench.report(result)
    report.write(out, "detect", result)


@bench.command("count")
@click.option("--signals", default=100_000, show_default=True, help="Backlog to count.")
@click.option("--days", default=60, show_default=True, help="Days the backlog spans.")
@click.option("--partitions", default=6, show_default=True, help="Keys partitions (all held).")
@click.option(
    "--fanout-batch",
    type=int,
    default=None,
    help="Signals per repartition batch.  [default: the worker's consume batch, 50,000]",
)
@click.option("--repeat", default=3, show_default=True, help="Runs (the best is reported).")
@click.option("--check/--no-check", default=True, help="Compare with the offline replay.")
@click.option(
    "--profile", type=click.Path(path_type=Path), default=None, help="cProfile stats file."
)
@click.option(
    "--native",
    is_flag=True,
    help="Also compile the hot modules with mypyc and measure both (needs a C compiler).",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/count.json"))
def bench_count(  # noqa: PLR0917
    signals: int,
    days: int,
    partitions: int,
    fanout_batch: int | None,
    repeat: int,
    check: bool,
    profile: Path | None,
    native: bool,
    out: Path,
) -> None:
    """The count stage alone, in this process (no Kafka): signals per CPU second."""
    from tahub.bench import count_bench, report

    settings: dict[str, Any] = {
        "signals": signals, "days": days, "partitions": partitions,
        "fanout_batch": fanout_batch, "repeat": repeat, "check": check,
    }  # fmt: skip
    if native:
        result = count_bench.run_native(**settings)
    else:
        result = count_bench.run(**settings, profile=profile)
    for line in count_bench.report(result):
        click.echo(line)
    report.write(out, "count", result)


@bench.command("intake")
@click.option("--posts", default=20_000, show_default=True, help="Single-incident POSTs.")
@click.option("--clients", default=50, show_default=True, help="Concurrent HTTP clients.")
@click.option("--rows", default=100_000, show_default=True, help="Rows in the bulk CSV.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/intake.json"))
@click.pass_context
def bench_intake(ctx: click.Context, /, posts: int, clients: int, rows: int, out: Path) -> None:
    """Partner intake: single POSTs/s with p50/p99, bulk CSV rows/s (uses the configured Kafka)."""
    from tahub.bench import intake_bench, report

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = intake_bench.run(s, posts=posts, concurrency=clients, rows=rows)
    intake_bench.report(result)
    report.write(out, "intake", result)


@bench.command("import")
@click.option("--rows", default=500_000, show_default=True, help="Incidents in the file.")
@click.option("--years", default=10, show_default=True, help="Years the occurrences span.")
@click.option("--sample", default=20_000, show_default=True, help="Rows for the stages alone.")
@click.option("--text", default=1.0, show_default=True, help="Share of rows with a summary.")
@click.option(
    "--distinct", default=0, show_default=True, help="Distinct summaries (0: each row its own)."
)
@click.option("--server", "server_url", default=None, help="A ClickHouse server URL (else chDB).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/import.json"))
@click.pass_context
def bench_import(  # noqa: PLR0917
    ctx: click.Context,
    /,
    rows: int,
    years: int,
    sample: int,
    text: float,
    distinct: int,
    server_url: str | None,
    out: Path,
) -> None:
    """A history file through `tahub import` to Kafka and the sink to the warehouse: rows/s
    per stage, against the client libraries' ceilings (uses the configured Kafka)."""
    from tahub.bench import import_bench, report

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = import_bench.run(
            s, rows=rows, years=years, sample=min(sample, rows), warehouse=server_url,
            text=text, distinct=distinct,
        )  # fmt: skip
    import_bench.report(result)
    report.write(out, "import", result)


@bench.command("alerts")
@click.option("--subscriptions", "subs", default=10_000, show_default=True)
@click.option("--detections", default=20_000, show_default=True, help="For matching.")
@click.option("--rate", default=100, show_default=True, help="Steady load, detections/s.")
@click.option("--seconds", default=20, show_default=True, help="Length of the steady load.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/alerts.json"))
@click.pass_context
def bench_alerts(  # noqa: PLR0917
    ctx: click.Context, /, subs: int, detections: int, rate: int, seconds: int, out: Path
) -> None:
    """Matching detections/s against N subscriptions; produce→webhook latency under load."""
    from tahub.bench import alerts_bench, report

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = alerts_bench.run(s, subs=subs, detections=detections, rate=rate, seconds=seconds)
    alerts_bench.report(result)
    report.write(out, "alerts", result)


@bench.command("news")
@click.option("--articles", default=300, show_default=True, help="Entries in the served feed.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/news.json"))
@click.pass_context
def bench_news(ctx: click.Context, /, articles: int, out: Path) -> None:
    """News understanding articles/s; feed → articles and signals on Kafka."""
    from tahub.bench import news_bench, report

    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = news_bench.run(s, articles=articles)
    news_bench.report(result)
    report.write(out, "news", result)


@bench.command("queries")
@click.option("--signals", default=10_000_000, show_default=True)
@click.option("--repeats", default=3, show_default=True)
@click.option("--server", "server_url", default=None, help="Also a ClickHouse server URL.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/queries.json"))
@click.pass_context
def bench_queries(
    ctx: click.Context, /, signals: int, repeats: int, server_url: str | None, out: Path
) -> None:
    """Latency of every query over N signals, on a scratch chDB (and a server)."""
    import tempfile

    from tahub.bench import query_bench, report

    with tempfile.TemporaryDirectory(prefix="tahub-bench-") as tmp:
        urls = {"chdb": f"chdb://{tmp}/chdb"}
        if server_url:
            urls["server"] = server_url
        k = settings_of(ctx).k_anonymity
        result = query_bench.run(urls, signals=signals, k=k, repeats=repeats)
    query_bench.report(result)
    report.write(out, "queries", result)


@bench.command("console")
@click.option("--signals", default=10_000_000, show_default=True)
@click.option("--detections", default=5_000, show_default=True, help="Each with two versions.")
@click.option("--repeats", default=5, show_default=True)
@click.option(
    "--compare",
    default="",
    metavar="PLAN,PLAN",
    help="Member release-check plans (consumers.release.MEMBER_PLANS, e.g. whole,prefiltered)"
    " timed in turn over the same data, with ratios to the first and a check the answers"
    " are the same bytes.",
)
@click.option(
    "--settle",
    default=61.0,
    show_default=True,
    help="Seconds to wait after loading before the kept release classes are refreshed"
    " again and pages timed (consumers.class_sizes.MARGIN: rows landed within it are"
    " counted at query time); 0 times pages right after a load.",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/console.json"))
@click.pass_context
def bench_console(  # noqa: PLR0917 - the command's options
    ctx: click.Context,
    /,
    signals: int,
    detections: int,
    repeats: int,
    compare: str,
    settle: float,
    out: Path,
) -> None:
    """Server-side time of the console's pages and data over N signals, on a scratch chDB."""
    import tempfile

    from consumers.release import MEMBER_PLANS
    from tahub.bench import console_bench, report

    plans = [p for p in compare.split(",") if p]
    unknown = [p for p in plans if p not in MEMBER_PLANS]
    if unknown or len(plans) == 1:
        raise click.BadParameter(
            f"name two or more of {', '.join(MEMBER_PLANS)}", param_hint="--compare"
        )
    s = settings_of(ctx)
    with tempfile.TemporaryDirectory(prefix="tahub-bench-") as tmp:
        result = console_bench.run(
            f"chdb://{tmp}/chdb", signals=signals, detections_n=detections,
            k=s.k_anonymity, bin_=s.release_bin, repeats=repeats, plans=plans, settle=settle,
        )  # fmt: skip
    console_bench.report(result)
    report.write(out, "console", result)


@bench.command("pipeline")
@click.option(
    "--rates",
    default="50,100,200,400,600,800,1200",
    show_default=True,
    help="Offered POSTs/s, one step each, in turn; stops at the first not kept up.",
)
@click.option("--seconds", default=20.0, show_default=True, help="Length of each step.")
@click.option(
    "--warmup",
    default=50.0,
    show_default=True,
    help="Seconds at the first rate first (detectors need 45 s of windows).",
)
@click.option("--spike-every", default=5.0, show_default=True, help="Seconds between spikes.")
@click.option("--clients", default=64, show_default=True, help="The client's requests in flight.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/pipeline.json"))
@click.option(
    "--plot", "png", type=click.Path(path_type=Path), default=Path("bench-results/pipeline.png")
)
@click.pass_context
def bench_pipeline(  # noqa: PLR0917
    ctx: click.Context, /, rates: str, seconds: float, warmup: float, spike_every: float,
    clients: int, out: Path, png: Path,
) -> None:  # fmt: skip
    """The whole pipeline at increasing rates: intake API → Kafka → worker → detection →
    sink → warehouse → alerts → outbox; throughput, latencies, CPU and memory per process,
    the bottleneck, against the client libraries' limits (uses the configured Kafka)."""
    from tahub.bench import pipeline_bench, pipeline_plot, pipeline_summary, report

    try:
        steps = [int(r) for r in rates.split(",") if r.strip()]
    except ValueError:
        raise click.BadParameter(
            "whole numbers separated by commas", param_hint="--rates"
        ) from None
    if not steps or min(steps) < 1:
        raise click.BadParameter("at least one rate, each ≥ 1", param_hint="--rates")
    s = settings_of(ctx)
    with _broker_for_bench(ctx):
        result = pipeline_bench.run(
            s, rates=steps, seconds=seconds, warmup=warmup, spike_every=spike_every,
            concurrency=clients,
        )  # fmt: skip
    pipeline_summary.report(result)
    report.write(out, "pipeline", result)
    if pipeline_plot.plot(result, png):
        click.echo(f"wrote {png}")
    else:
        click.echo("no plot: matplotlib is not installed (pip install 'tahub[bench]')")


@contextlib.contextmanager
def _broker_for_bench(ctx: click.Context) -> Iterator[None]:
    """The local broker for the length of a benchmark, if it is not already running."""
    from tahub import wiring
    from tahub.runtime import broker as local

    s = settings_of(ctx)
    if not s.uses_local_broker:
        yield
        return
    cfg = wiring.broker_config(s, fetch=True)
    started = not local.status(cfg).running
    local.start(cfg)
    try:
        yield
    finally:
        if started:
            local.stop(cfg)
