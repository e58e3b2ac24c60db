"""What `tahub bench pipeline` measured, step by step: the JSON's numbers, the bottleneck,
each stage against the client libraries' limits, and the printed report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import click

from tahub.bench import pipeline_sampler as sampling
from tahub.bench.pipeline_sampler import Sampler

BEHIND = 5.0  # a stage whose oldest unread record is older than this fell behind


@dataclass
class Step:
    rate: int
    seconds: float
    warmup: bool
    start: float = 0.0  # wall clock of its first planned request
    end: float = 0.0  # when its last request was answered
    spikes: list[tuple[str, str, float]] = field(default_factory=list)  # origin, dest, sent
    results: list[list[Any]] = field(default_factory=list)  # pipeline_load's rows
    behind: dict[str, float] = field(default_factory=dict)  # stage -> oldest unread age
    client_cpu_s: float = 0.0  # the load generator's CPU seconds


def pcts(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "p50": None, "p90": None, "p99": None, "max": None}
    xs = sorted(values)

    def at(q: float) -> float:
        return round(xs[min(len(xs) - 1, int(len(xs) * q))], 3)

    return {"n": len(xs), "p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": round(xs[-1], 3)}


def kept_up(step: Step) -> bool:
    planned = len(step.results)
    ok = sum(1 for r in step.results if r[3] == 202)
    late = pcts([r[1] - r[0] for r in step.results])["p99"] or 0.0
    behind = max(step.behind.values(), default=0.0)
    return ok >= 0.99 * planned and late <= 1.0 and behind <= BEHIND


def summary(
    steps: list[Step], sampler: Sampler, out: dict[str, Any], ceilings: tuple[float, float]
) -> dict[str, Any]:
    consume, produce = ceilings
    rows = []
    for i, step in enumerate(steps):
        ok = sum(1 for r in step.results if r[3] == 202)
        span = max(step.end - step.start, 1e-9)
        rows.append({
            "rate": step.rate, "warmup": step.warmup, "seconds": round(span, 1),
            "planned": len(step.results), "accepted": ok,
            "accepted_per_s": round(ok / span, 1),
            "signals_per_s": round(out["signals"][i] / span, 1),
            "client_late_s": pcts([r[1] - r[0] for r in step.results]),
            "post_s": pcts([r[2] - r[1] for r in step.results]),
            "kept_up": kept_up(step) if not step.warmup else None,
            "stage_behind_s": step.behind,
            "stage_records_per_s": sampling.rates(sampler, step.start, step.end),
            "latency_s": {
                "submission_to_warehouse": pcts(out["warehouse"][i]),
                "submission_to_detection": pcts(out["detect"][i]),
                "detection_to_delivery": pcts(out["deliver"][i]),
            },
            "spikes": len(step.spikes), "spikes_detected": len(out["detect"][i]),
            "processes": sampling.cpu(sampler, step.start, step.end),
            "client_cpu_of_core": round(step.client_cpu_s / span, 3),
            "machine_cpu_busy": sampling.busy(sampler, step.start, step.end),
        })  # fmt: skip
    measured = [r for r in rows if not r["warmup"]]
    held = [r for r in measured if r["kept_up"]]
    best = max(held, key=lambda r: r["rate"]) if held else None
    failed = next((r for r in measured if not r["kept_up"]), None)
    peaks = sampling.peaks(sampler)
    return {
        "steps": rows,
        "sustained": None if best is None else {
            "rate": best["rate"], "accepted_per_s": best["accepted_per_s"],
            "signals_per_s": best["signals_per_s"],
        },
        "bottleneck": _bottleneck(failed, best),
        "stage_peak_records_per_s": peaks,
        "ceilings": {
            "consume_decode_per_s": round(consume),  # bare confluent-kafka + fastavro
            "produce_per_s": round(produce),  # bare confluent-kafka producer
        },
        "of_ceiling": _fractions(best, peaks, consume, produce),
        "all_signals_landed": out["missing"] == 0,
        "signals_not_landed": out["missing"],
        "detections": out["detections"], "alerts": out["alerts"],
        "all_latency_s": {
            k: pcts([x for i, r in enumerate(rows) if not r["warmup"] for x in out[k][i]])
            for k in ("warehouse", "detect", "deliver")
        },
    }  # fmt: skip


def _bottleneck(failed: dict[str, Any] | None, best: dict[str, Any] | None) -> dict[str, Any]:
    """The stage that fell behind first: at the first step not sustained, the stage with
    the oldest unread record, or the intake API if the client could not send what was
    planned; when every step held, the busiest process at the highest."""
    if failed is not None:
        stage, age = max(failed["stage_behind_s"].items(), key=lambda kv: kv[1],
                         default=("", 0.0))  # fmt: skip
        if age > BEHIND:
            why = f"its oldest unread record was {age:.1f} s old at the step's end"
            return {"stage": stage, "at_rate": failed["rate"], "behind_s": age, "why": why}
        return _short_of_rate(failed)
    if best is None or not best["processes"]:
        return {"stage": None, "why": "no step measured"}
    name, use = max(best["processes"].items(), key=lambda kv: kv[1]["cpu_of_core"])
    return {"stage": None, "at_rate": best["rate"], "busiest_process": name,
            "why": f"every step kept up; busiest process {name} at "
                   f"{use['cpu_of_core']:.0%} of a core"}  # fmt: skip


def _short_of_rate(failed: dict[str, Any]) -> dict[str, Any]:
    """The client could not send at the planned rate: whose CPU set the pace."""
    sent = (f"{failed['accepted']} of {failed['planned']} accepted at "
            f"{failed['accepted_per_s']:.0f}/s, sent p99 {failed['client_late_s']['p99']} s "
            "late")  # fmt: skip
    client, busy = failed["client_cpu_of_core"], failed["machine_cpu_busy"] or 0.0
    cores = os.cpu_count() or 1
    top = sorted(failed["processes"].items(), key=lambda kv: -kv[1]["cpu_of_core"])[:3]
    uses = ", ".join(f"{name} {use['cpu_of_core']:.0%}" for name, use in top)
    if client >= 0.9:
        return {"stage": "load generator", "at_rate": failed["rate"],
                "why": f"{sent}; the client used {client:.0%} of a core"}  # fmt: skip
    if busy >= 0.9:
        return {"stage": "machine CPU", "at_rate": failed["rate"],
                "why": f"{sent}; the {cores} cores were {busy:.0%} busy ({uses}, the client "
                       f"{client:.0%} of a core)"}  # fmt: skip
    return {"stage": "intake API", "at_rate": failed["rate"],
            "why": f"{sent}; answers p99 {failed['post_s']['p99']} s ({uses})"}  # fmt: skip


def _fractions(
    best: dict[str, Any] | None, peaks: dict[str, float], consume: float, produce: float
) -> dict[str, Any]:
    """Each stage's records/s (at the highest sustained step, and its peak over the run)
    as a fraction of the bare reader's; the intake's accepted POSTs/s of the bare producer's."""
    out: dict[str, Any] = {}
    rates = best["stage_records_per_s"] if best else {}
    for stage in sorted(set(rates) | set(peaks)):
        out[stage] = {
            "sustained": round(rates.get(stage, 0.0) / consume, 5) if consume else None,
            "peak": round(peaks.get(stage, 0.0) / consume, 5) if consume else None,
        }
    out["intake_api"] = {
        "sustained": round(best["accepted_per_s"] / produce, 5) if best and produce else None
    }
    return out


def report(result: dict[str, Any]) -> None:
    for r in result["steps"]:
        lat = r["latency_s"]
        name = "warm-up" if r["warmup"] else ("kept up" if r["kept_up"] else "fell behind")
        click.echo(
            f"{r['rate']:>5}/s: {r['accepted_per_s']:,.0f} POSTs/s, {r['signals_per_s']:,.0f} "
            f"signals/s, {name}; to warehouse p50 {lat['submission_to_warehouse']['p50']} s "
            f"p99 {lat['submission_to_warehouse']['p99']} s; to detection p50 "
            f"{lat['submission_to_detection']['p50']} s ({r['spikes_detected']}/{r['spikes']}); "
            f"detection → delivery p50 {lat['detection_to_delivery']['p50']} s"
        )
        top = sorted(r["processes"].items(), key=lambda kv: -kv[1]["cpu_of_core"])[:4]
        uses = ", ".join(f"{k} {v['cpu_of_core']:.0%} {v['rss_mb']:.0f} MB" for k, v in top)
        busy = r["machine_cpu_busy"]
        click.echo(
            f"        {uses}; client {r['client_cpu_of_core']:.0%}; machine "
            f"{'?' if busy is None else f'{busy:.0%}'} busy"
        )
    c, sus, b = result["ceilings"], result["sustained"], result["bottleneck"]
    click.echo(
        f"sustained: {sus['rate'] if sus else 'none'}/s; bottleneck: {b.get('stage')} "
        f"({b['why']}); limits here: bare consume + decode {c['consume_decode_per_s']:,}/s, "
        f"bare produce {c['produce_per_s']:,}/s; every signal landed: "
        f"{result['all_signals_landed']}"
    )
