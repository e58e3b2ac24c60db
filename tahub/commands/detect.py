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
    from streams.detect import evaluation, synthetic
    from tahub.bench import report

    conf = _detector_config(config_path)
    ours = conf.configs.get("typology_route") or next(iter(conf.configs.values()))
    try:
        stream = synthetic.generate(
            seed=seed, series=series, days=days, outbreaks=outbreaks, warmup=warmup
        )
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    methods = {"tahub": ours, "ears_c2": evaluation.EARS_C2}
    with progress.bar("evaluating", total=len(methods) * len(stream.signals),
                      unit="signal") as update:  # fmt: skip
        results = evaluation.run(stream, methods, warmup, progress=update)
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
