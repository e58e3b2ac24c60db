"""`tahub detect`: the detectors offline — replay, generate and evaluate signal streams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tahub import progress


@click.group()
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
    from streams.detect.config import DetectorConfigError, load

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
    from streams.detect import replay as rp

    conf = _detector_config(config_path)
    try:
        records = rp.read_signals(signals)
    except rp.ReplayInputError as err:
        raise click.ClickException(str(err)) from None
    engine = rp.Offline(conf.sets, conf.configs, backdated_after=conf.backdated_after)
    with progress.bar("replaying", total=len(records), unit="signal") as update:
        detections = list(rp.replay(engine, records, progress=update))
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

    from streams.detect import replay as rp
    from streams.detect import synthetic

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


def _seeds(text: str) -> list[int]:
    """'101-105,7' -> [101, 102, 103, 104, 105, 7]."""
    out: list[int] = []
    try:
        for part in text.split(","):
            lo, _, hi = part.strip().partition("-")
            out += list(range(int(lo), int(hi or lo) + 1))
    except ValueError:
        raise click.BadParameter(f"{text!r}: seeds as 1-20 or 3,5,7") from None
    return out


def _methods(names: str, ours: Any) -> dict[str, Any]:
    from streams.detect import evaluation

    known = {
        "tahub": ours,
        "auto_v1": evaluation.AUTO_V1,
        "glm_v1": evaluation.GLM_V1,
        "ears_c2": evaluation.EARS_C2,
    }
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in known]
    if unknown or not wanted:
        raise click.BadParameter(f"{unknown}: methods are {sorted(known)}")
    return {n: known[n] for n in wanted}


@detect.command("evaluate")
@click.option("--seed", default=7, show_default=True)
@click.option("--seeds", default=None, help="Several seeds pooled, e.g. 101-105 (over --seed).")
@click.option(
    "--benchmark",
    type=click.Choice(["issue19"]),
    default=None,
    help="A stored benchmark shape (issue19: 240 series x 365 days, 48 outbreaks of 3-14 "
    "days, flat or ramping, half from new organisations, trends up and down).",
)
@click.option("--series", type=int, default=None, help="Default 200 (or the benchmark's).")
@click.option("--days", type=int, default=None, help="Default 240.")
@click.option("--outbreaks", type=int, default=None, help="Default 40.")
@click.option("--warmup", type=int, default=None, help="Days before scoring starts; default 45.")
@click.option("--methods", default="tahub,auto_v1,ears_c2", show_default=True,
              help="Of tahub (the configured typology_route), auto_v1 (the default before "
              "issue 19), glm_v1 (issue 19's), ears_c2 (plain).")  # fmt: skip
@_CONFIG_OPTION
@click.option("--blind", is_flag=True,
              help="Issue 19's benchmark on the seeds never tuned on (101-105), with their "
                   "first blind score beside today's.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/evaluate.json"))
def detect_evaluate(  # noqa: PLR0917
    seed: int, seeds: str | None, benchmark: str | None, series: int | None,
    days: int | None, outbreaks: int | None, warmup: int | None, methods: str,
    config_path: Path | None, blind: bool, out: Path,
) -> None:  # fmt: skip
    """Sensitivity, false alarms per 1,000 series-days and delay on synthetic streams with
    known outbreaks, over each method's thresholds (a curve), pooled over the seeds:
    tahub's detector against plain EARS C2. The configured threshold's row is starred."""
    import time

    from streams.detect import blind as held_out
    from streams.detect import evaluation, synthetic
    from tahub.bench import report

    if blind:
        if seeds or benchmark or any(v is not None for v in (series, days, outbreaks, warmup)):
            raise click.UsageError("--blind sets the benchmark and its held-out seeds itself")
        seeds, benchmark = held_out.HELD_OUT, held_out.BENCHMARK
    conf = _detector_config(config_path)
    ours = conf.configs.get("typology_route") or next(iter(conf.configs.values()))
    shape: dict[str, Any] = dict(synthetic.BENCHMARKS[benchmark]) if benchmark else {}
    given = {"series": series, "days": days, "outbreaks": outbreaks, "warmup": warmup}
    shape.update({k: v for k, v in given.items() if v is not None})
    shape.setdefault("warmup", 45)
    chosen = _seeds(seeds) if seeds else [seed]
    try:
        streams = [synthetic.generate(seed=s, **shape) for s in chosen]
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    configs = _methods(methods, ours)
    total = len(configs) * sum(len(s.signals) for s in streams)
    with progress.bar("evaluating", total=total, unit="signal") as update:
        results = evaluation.curves(
            streams, configs, shape["warmup"], progress=update, clock=time.perf_counter
        )
    first = streams[0]
    click.echo(
        f"{sum(len(s.signals) for s in streams):,} signals, {len(first.series)} series × "
        f"{first.days} days, {sum(len(s.outbreaks) for s in streams)} outbreaks "
        f"(seeds {seeds or seed})"
    )
    for curve in results:
        click.echo(f"\n{curve.method} ({curve.config['method']}, threshold "
                   f"{curve.config['threshold']}; replays {curve.seconds} s)")  # fmt: skip
        click.echo(f"  {'threshold':>9}{'sensitivity':>12}{'FA/1000 sd':>12}{'median delay':>14}")
        for t, r in curve.points:
            delay = "-" if r.median_delay_days is None else f"{r.median_delay_days:.0f} d"
            mark = "*" if t == curve.config["threshold"] else " "
            click.echo(
                f" {mark}{t:>9.1f}{r.sensitivity:>12.3f}"
                f"{r.false_alarms_per_1000_series_days:>12.2f}{delay:>14}"
            )
    settings = {"seeds": chosen, "benchmark": benchmark, **shape}
    doc = {"settings": settings, "results": [c.as_json() for c in results]}
    if blind:
        doc["blind"] = _blind_lines(doc)
    report.write(out, "detect", doc)


def _blind_lines(doc: dict[str, Any]) -> dict[str, Any]:
    """Today's shipped point on the held-out seeds beside their first blind score."""
    from streams.detect import blind as held_out

    when, then = held_out.first()
    ours = next((r for r in doc["results"] if r["method"] == "tahub"), None)
    click.echo(f"\nheld-out seeds {held_out.HELD_OUT} (never tuned on), tahub as configured:")
    click.echo(f"  first, scored blind on {when}: {then.line()}")
    out: dict[str, Any] = {"first_scored": when, "first": then.__dict__}
    if ours is not None:
        now = held_out.point(ours)
        verdict = "met" if now.meets_aim() else "not met"
        click.echo(f"  now: {now.line()}")
        click.echo(f"  aim (sensitivity >= {held_out.AIM_SENSITIVITY:.2f} at <= "
                   f"{held_out.AIM_FALSE_ALARMS:g} false alarms, median delay <= "
                   f"{held_out.AIM_MEDIAN_DELAY:g} d): {verdict}")  # fmt: skip
        out |= {"now": now.__dict__, "aim_met": now.meets_aim()}
    return out
