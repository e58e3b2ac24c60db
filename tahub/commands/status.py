"""`tahub status`: every part of the deployment green, yellow or red, on one screen, with
an exit code cron can act on."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

import click

from tahub.commands.context import expected_errors, settings_of
from tahub.exitcodes import StatusExit

if TYPE_CHECKING:
    from tahub.health.rules import Report

LEVELS = ("green", "yellow", "red")
MARKS = {"green": ("ok    ", "green"), "yellow": ("WARN  ", "yellow"), "red": ("FAIL  ", "red")}


class CannotTell(click.ClickException):
    """Settings or a dependency too broken to look at: as bad as red for cron."""

    exit_code = StatusExit.RED


@click.command(
    epilog="Exit status: 0 all green, 1 something yellow (look soon), 2 something red "
    "(act now; also when the checks themselves cannot run)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--interval", type=click.FloatRange(0, 300), default=None,
              help="Seconds between the two looks at the stages' offsets "
              "(default TAHUB_STATUS_INTERVAL, 5).")  # fmt: skip
@click.pass_context
def status(ctx: click.Context, as_json: bool, interval: float | None) -> None:
    """Check every part: Kafka, topics, registry, the main job and its processes, each
    stage's lag and progress between two looks, dead letters, news feeds, alert
    channels, the warehouse and disk space. Thresholds are TAHUB_STATUS_* settings."""
    try:
        report, seconds = _look(ctx, interval)
    except Exception as err:
        if isinstance(err, expected_errors()):
            raise CannotTell(str(err)) from None
        raise
    if as_json:
        click.echo(json.dumps({
            "level": LEVELS[report.level], "ok": report.level == 0, "seconds": round(seconds, 1),
            "checks": [{"component": f.component, "level": LEVELS[f.level], "detail": f.detail}
                       for f in report.findings],
        }))  # fmt: skip
    else:
        click.echo(_render(report))
    sys.exit(StatusExit(report.level))


def _look(ctx: click.Context, interval: float | None) -> tuple[Report, float]:
    from tahub.health import collect, rules

    s = settings_of(ctx)
    wait = s.status_interval if interval is None else interval
    t0 = time.monotonic()
    kafka = collect.kafka(s)
    first = collect.offsets(s) if kafka[0].ok else None
    snap = collect.snapshot(s, kafka)  # takes a while itself: part of the wait between looks
    second = None
    if first is not None:
        time.sleep(max(0.0, first.at + wait - time.time()))
        second = collect.offsets(s)
    report = rules.evaluate(first, second, snap, collect.thresholds(s), s.app_id)
    return report, time.monotonic() - t0


def _render(report: Report) -> str:
    counts = [sum(1 for f in report.findings if f.level == n) for n in range(3)]
    head = LEVELS[report.level].upper()
    lines = [click.style(f"tahub: {head}", fg=LEVELS[report.level], bold=True)
             + f"  ({counts[2]} red, {counts[1]} yellow, {counts[0]} green)"]  # fmt: skip
    width = max((len(f.component) for f in report.findings), default=0)
    for f in report.findings:
        mark, colour = MARKS[LEVELS[f.level]]
        lines.append(f"{click.style(mark, fg=colour)}{f.component:<{width}}  {f.detail}")
    return "\n".join(lines)
