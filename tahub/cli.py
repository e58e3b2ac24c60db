"""The `tahub` command. Each subcommand loads settings once and maps known failures to one line."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from consumers.errors import WarehouseError
from schemas.catalog import SchemaLoadError
from schemas.registry import RegistryError
from tahub import redact
from tahub.datadir import private_umask
from tahub.errors import TahubError
from tahub.settings import Settings, SettingsError, load_settings

_EXPECTED = (TahubError, SettingsError, WarehouseError, RegistryError, SchemaLoadError)


class _Group(click.Group):
    """Turns expected failures into `tahub: error: …` and exit 1, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _EXPECTED as err:
            raise click.ClickException(str(err)) from None


def _settings(ctx: click.Context) -> Settings:
    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "settings" not in obj:
        obj["settings"] = load_settings()
        logging.basicConfig(
            level=obj["settings"].log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        for noisy in ("aiokafka", "faust", "mode"):
            logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
        redact.install()  # credentials masked in every line; URL- and body-printing loggers quiet
        # clickhouse-driver logs each failed connect with a traceback; our error says it once
        logging.getLogger("clickhouse_driver").setLevel(logging.CRITICAL)
        # librdkafka retries transient broker states loudly; health checks report outages
        logging.getLogger("tahub.kafka").setLevel(logging.ERROR)
    settings: Settings = obj["settings"]
    return settings


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tahub")
def cli() -> None:
    """tahub: counter-trafficking intelligence, streamed.

    Settings come from TAHUB_* environment variables and the optional TOML file named by
    TAHUB_CONFIG_FILE; `tahub config show` lists them.
    """


# --- the main job -----------------------------------------------------------------------


@cli.command()
@click.option("--exit-when-ready", is_flag=True, help="Bring everything up, check it, then stop.")
@click.option(
    "--keep-broker", is_flag=True, help="Leave a broker this job started running on exit."
)
@click.pass_context
def up(ctx: click.Context, exit_when_ready: bool, keep_broker: bool) -> None:
    """Run the main job: broker (local mode), topics, schemas, warehouse, workers."""
    from tahub.mainjob import MainJob

    sys.exit(MainJob(_settings(ctx), keep_broker=keep_broker).run(exit_when_ready=exit_when_ready))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Check every component; exit 0 only if all are green."""
    from tahub import checks

    s = _settings(ctx)
    results = [*checks.kafka(s), checks.registry(s), *checks.main_job(s), checks.data_dir(s)]
    if as_json:
        click.echo(checks.to_json(results).decode())
    else:
        for c in results:
            mark = click.style("ok  ", fg="green") if c.ok else click.style("FAIL", fg="red")
            click.echo(f"{mark} {c.component:<16} {c.detail}")
    sys.exit(0 if all(c.ok for c in results) else 1)


@cli.command()
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run one Faust stream worker in the foreground (the main job runs one for you)."""
    from tahub.worker import run_worker

    run_worker(_settings(ctx))


# --- broker -----------------------------------------------------------------------------


@cli.group()
def broker() -> None:
    """The local Apache Kafka broker (local mode only)."""


def _local_broker(ctx: click.Context, fetch: bool = False) -> Any:
    from tahub import wiring

    s = _settings(ctx)
    if not s.uses_local_broker:
        raise TahubError(
            f"TAHUB_KAFKA_BOOTSTRAP is set ({s.bootstrap}); tahub does not manage that broker"
        )
    return wiring.broker_config(s, fetch=fetch)


@broker.command("fetch")
@click.pass_context
def broker_fetch(ctx: click.Context) -> None:
    """Download the Kafka jars from Maven Central into the cache (done by start too)."""
    cfg = _local_broker(ctx, fetch=True)
    click.echo(f"Kafka jars ready in {cfg.libs}")


@broker.command("start")
@click.pass_context
def broker_start(ctx: click.Context) -> None:
    """Start the local broker and wait until it answers."""
    from tahub.runtime import broker as rt

    t0 = time.monotonic()
    cfg = _local_broker(ctx, fetch=True)
    st = rt.start(cfg)
    click.echo(
        f"Kafka running at {cfg.bootstrap} (pid {st.pid}), ready in {time.monotonic() - t0:.1f} s"
    )


@broker.command("stop")
@click.pass_context
def broker_stop(ctx: click.Context) -> None:
    """Stop the local broker cleanly."""
    from tahub.runtime import broker as rt

    click.echo("Kafka stopped" if rt.stop(_local_broker(ctx)) else "Kafka was not running")


@broker.command("status")
@click.pass_context
def broker_status(ctx: click.Context) -> None:
    """Is the local broker running and answering?"""
    from tahub.runtime import broker as rt

    cfg = _local_broker(ctx)
    st = rt.status(cfg)
    if st.running and st.answering:
        click.echo(f"Kafka running at {cfg.bootstrap} (pid {st.pid})")
        return
    click.echo(
        f"Kafka {'running but not answering' if st.running else 'not running'} at {cfg.bootstrap}"
    )
    sys.exit(1)


# --- topics, schemas, warehouse, config ------------------------------------------------------


@cli.group()
def topics() -> None:
    """Kafka topics of tahub."""


@topics.command("create")
@click.pass_context
def topics_create(ctx: click.Context) -> None:
    """Create every logical topic (idempotent)."""
    from tahub.topics_admin import ensure_topics

    s = _settings(ctx)
    for t in ensure_topics(
        s.kafka_client_config(), s.topic_prefix, s.partitions, s.replication_factor
    ):
        policy = "compact" if t.compacted else "delete"
        click.echo(f"{t.name:<32} {t.partitions:>3} partitions  {policy:<8} {t.outcome}")


@topics.command("list")
@click.pass_context
def topics_list(ctx: click.Context) -> None:
    """List the topics under the configured prefix."""
    from tahub.topics_admin import list_topics

    s = _settings(ctx)
    for name, parts in list_topics(s.kafka_client_config(), s.topic_prefix):
        click.echo(f"{name:<48} {parts:>3} partitions")


@cli.group()
def schemas() -> None:
    """Avro contracts and the schema registry."""


@schemas.command("register")
@click.pass_context
def schemas_register(ctx: click.Context) -> None:
    """Register every topic's value schema (refuses incompatible changes)."""
    from schemas.topics import ALL
    from tahub import wiring

    s = _settings(ctx)
    for topic, sid in wiring.serde(s).register_all(ALL).items():
        click.echo(f"{topic:<32} schema id {sid}")


@schemas.command("check")
def schemas_check() -> None:
    """Check each contract is BACKWARD compatible with the last released version."""
    from schemas.evolution import check_released

    problems = check_released()
    for line in problems:
        click.echo(line)
    if problems:
        sys.exit(1)
    click.echo("all contracts are BACKWARD compatible with the released versions")


@cli.group()
def warehouse() -> None:
    """The ClickHouse warehouse (chDB locally, a server in production)."""


def _open_warehouse(ctx: click.Context) -> Any:
    from consumers.warehouse import open_warehouse

    return open_warehouse(_settings(ctx).warehouse)


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

    days = _settings(ctx).news_text_retention_days
    dropped = drop_expired_news_text(_open_warehouse(ctx), days)
    click.echo(f"dropped news text for {', '.join(dropped)}" if dropped else "nothing expired")


# --- the warehouse sink -----------------------------------------------------------------


@cli.group()
def sink() -> None:
    """The Kafka → warehouse sink (the main job runs one; run more for throughput)."""


@sink.command("run")
@click.pass_context
def sink_run(ctx: click.Context) -> None:
    """Run one sink instance in the foreground until SIGINT/SIGTERM."""
    import signal
    import threading

    from consumers import migrations
    from tahub import wiring

    s = _settings(ctx)
    wh = _open_warehouse(ctx)
    migrations.migrate(wh)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    runner = wiring.sink(s, wh)
    logging.getLogger("tahub.sink").info(
        "sink: %s → %s (group %s)", s.bootstrap, wh.name, runner.cfg.group_id
    )
    try:
        runner.run(stop)
    finally:
        wh.close()


# --- queries ----------------------------------------------------------------------------


@cli.group()
def query() -> None:
    """Counts, hotspots, routes, detections and deliveries from the warehouse.

    Sharing rules and k-suppression apply: without --as-org you see what the public may
    see. With chDB, while `tahub up` runs, the query goes to the main job over HTTP.
    """


F = TypeVar("F", bound=Callable[..., Any])


def _as_org(fn: F) -> F:
    fn = click.option("--json", "as_json", is_flag=True, help="Print JSON, as the HTTP API.")(fn)
    return click.option(
        "--as-org", default=None, help="See what this organisation may see (operator)."
    )(fn)


def _period_options(since: str) -> Callable[[F], F]:
    def wrap(fn: F) -> F:
        fn = click.option("--until", default=None, help="End: span ago or ISO time; default now.")(
            fn
        )
        return click.option(
            "--since", default=since, show_default=True, help="Start: span ago (7d) or ISO time."
        )(fn)

    return wrap


def _run_query(ctx: click.Context, name: str, params: dict[str, Any], as_org: str | None,
               as_json: bool) -> None:  # fmt: skip
    from tahub.query_client import print_result, run_query

    clean = {k: str(v) for k, v in params.items() if v is not None}
    body = run_query(_settings(ctx), name, clean, as_org)
    if as_json:
        click.echo(json.dumps(body, indent=2))
    else:
        print_result(body)


@query.command("counts")
@_period_options("30d")
@click.option("--by", default="typology", show_default=True,
              help="Comma list of: typology, origin, destination, location, cell, cell_fine, "
              "source_kind.")  # fmt: skip
@click.option("--bucket", default="day", show_default=True,
              help="hour, day, week, month, all, or seconds.")  # fmt: skip
@click.option("--typology", default=None)
@click.option("--origin", default=None, help="ISO country code.")
@click.option("--destination", default=None, help="ISO country code.")
@click.option("--location", default=None, help="ISO country code.")
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


# --- detection, offline ------------------------------------------------------------------


@cli.group()
def detect() -> None:
    """Detectors offline: replay signals, generate and evaluate synthetic streams."""


_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Detector TOML (dimension sets and settings); default: built-in sets.",
)


def _detector_config(path: Path | None) -> Any:
    from streams.config import DetectorConfigError, load

    try:
        return load(path)
    except DetectorConfigError as err:
        raise click.ClickException(str(err)) from None


@detect.command("replay")
@click.argument("signals", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Default: stdout.")
@click.option("--final", is_flag=True, help="Only the last version of each detection.")
@_CONFIG_OPTION
def detect_replay(signals: Path, out: Path | None, final: bool, config_path: Path | None) -> None:
    """Run the stream detectors over a JSON Lines or Avro file of signals, without Kafka;
    write detections as JSON Lines."""
    from streams import replay as rp
    from streams.engine import Engine

    conf = _detector_config(config_path)
    try:
        records = rp.read_signals(signals)
    except rp.ReplayInputError as err:
        raise click.ClickException(str(err)) from None
    engine = Engine(conf.sets, conf.configs)
    detections = list(rp.replay(engine, records))
    if final:
        detections = list(rp.final_states(detections).values())
    lines = "".join(rp.to_json(d) + "\n" for d in detections)
    if out is None:
        click.echo(lines, nl=False)
    else:
        out.write_text(lines)
    opened = len({d["detection_id"] for d in detections})
    click.echo(
        f"{len(records):,} signals, {engine.late:,} too late; {opened:,} detections, "
        f"{len(detections):,} versions",
        err=True,
    )


@detect.command("generate")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--seed", default=7, show_default=True)
@click.option("--series", default=200, show_default=True)
@click.option("--days", default=240, show_default=True)
@click.option("--outbreaks", default=40, show_default=True)
def detect_generate(out: Path, seed: int, series: int, days: int, outbreaks: int) -> None:
    """Write a synthetic signal stream (JSON Lines) and its outbreaks (OUT.truth.json)."""
    from dataclasses import asdict

    from streams import replay as rp
    from streams import synthetic

    try:
        stream = synthetic.generate(seed=seed, series=series, days=days, outbreaks=outbreaks)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    out.write_text("".join(rp.to_json(s) + "\n" for s in stream.signals))
    truth = out.with_name(out.name + ".truth.json")
    truth.write_text(json.dumps([asdict(o) for o in stream.outbreaks], indent=1))
    click.echo(
        f"wrote {len(stream.signals):,} signals to {out}, "
        f"{len(stream.outbreaks)} outbreaks to {truth}"
    )


@detect.command("evaluate")
@click.option("--seed", default=7, show_default=True)
@click.option("--series", default=200, show_default=True)
@click.option("--days", default=240, show_default=True)
@click.option("--outbreaks", default=40, show_default=True)
@click.option("--warmup", default=45, show_default=True, help="Days before scoring starts.")
@_CONFIG_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/evaluate.json"))
def detect_evaluate(  # noqa: PLR0917
    seed: int, series: int, days: int, outbreaks: int, warmup: int,
    config_path: Path | None, out: Path,
) -> None:  # fmt: skip
    """Sensitivity, false alarms per 1,000 series-days and delay on a synthetic stream
    with known outbreaks: tahub's detector against plain EARS C2."""
    from streams import evaluation, synthetic
    from tahub.bench import report

    conf = _detector_config(config_path)
    ours = conf.configs.get("typology_route") or next(iter(conf.configs.values()))
    try:
        stream = synthetic.generate(
            seed=seed, series=series, days=days, outbreaks=outbreaks, warmup=warmup
        )
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    results = evaluation.run(stream, {"tahub": ours, "ears_c2": evaluation.EARS_C2}, warmup)
    click.echo(
        f"{len(stream.signals):,} signals, {series} series × {days} days, "
        f"{len(stream.outbreaks)} outbreaks (seed {seed})"
    )
    click.echo(f"{'method':<10}{'sensitivity':>12}{'FA/1000 sd':>12}{'median delay':>14}")
    for r in results:
        delay = "-" if r["median_delay_days"] is None else f"{r['median_delay_days']:.0f} d"
        click.echo(
            f"{r['method']:<10}{r['sensitivity']:>12.2f}"
            f"{r['false_alarms_per_1000_series_days']:>12.2f}{delay:>14}"
        )
    settings = {"seed": seed, "series": series, "days": days, "outbreaks": outbreaks}
    report.write(out, "detect", {"settings": settings, "results": results})


# --- benchmarks ---------------------------------------------------------------------------


@cli.group()
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

    s = _settings(ctx)
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
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/detect.json"))
@click.pass_context
def bench_detect(ctx: click.Context, /, signals: int, rate: int, seconds: int, out: Path) -> None:
    """One stream worker: sustained signals/s and produce→detection latency."""
    from tahub.bench import detect_bench, report

    s = _settings(ctx)
    with _broker_for_bench(ctx):
        result = detect_bench.run(
            s.kafka_client_config(), signals=signals, rate=rate, seconds=seconds,
            partitions=s.partitions,
        )  # fmt: skip
    detect_bench.report(result)
    report.write(out, "detect", result)


@bench.command("intake")
@click.option("--posts", default=20_000, show_default=True, help="Single-incident POSTs.")
@click.option("--clients", default=50, show_default=True, help="Concurrent HTTP clients.")
@click.option("--rows", default=100_000, show_default=True, help="Rows in the bulk CSV.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/intake.json"))
@click.pass_context
def bench_intake(ctx: click.Context, /, posts: int, clients: int, rows: int, out: Path) -> None:
    """Partner intake: single POSTs/s with p50/p99, bulk CSV rows/s (uses the configured Kafka)."""
    from tahub.bench import intake_bench, report

    s = _settings(ctx)
    with _broker_for_bench(ctx):
        result = intake_bench.run(s, posts=posts, concurrency=clients, rows=rows)
    intake_bench.report(result)
    report.write(out, "intake", result)


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

    s = _settings(ctx)
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

    s = _settings(ctx)
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
        k = _settings(ctx).k_anonymity
        result = query_bench.run(urls, signals=signals, k=k, repeats=repeats)
    query_bench.report(result)
    report.write(out, "queries", result)


@contextlib.contextmanager
def _broker_for_bench(ctx: click.Context) -> Iterator[None]:
    """The local broker for the length of a benchmark, if it is not already running."""
    from tahub import wiring
    from tahub.runtime import broker as local

    s = _settings(ctx)
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


@cli.group()
def config() -> None:
    """Settings."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print every setting, secrets masked."""
    shown = _settings(ctx).describe()
    if as_json:
        click.echo(json.dumps(shown, indent=2))
        return
    for key, value in shown.items():
        click.echo(f"{key:<40} {value}")


def _register_more() -> None:
    from tahub import cli_alerts, cli_intake, cli_news, cli_privacy, cli_vault

    cli_intake.register(cli)
    cli_alerts.register(cli)
    cli_news.register(cli)
    cli_privacy.register(cli)
    cli_vault.register(cli)


_register_more()


def main() -> None:
    private_umask()  # what tahub writes (data dir, logs, keys) is its own user's alone
    cli(prog_name="tahub")
