"""The PNG of `tahub bench pipeline`: per rate step, what was taken and carried, the three
latencies, CPU per process and how far behind each stage was. Needs matplotlib (the
``bench`` extra); without it the JSON is written and the plot is skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot(result: dict[str, Any], out: Path) -> bool:
    """Write the figure to ``out``; False if matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display: a file only
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    steps = [r for r in result["steps"] if not r["warmup"]]
    x = [r["rate"] for r in steps]
    fig, ((a, b), (c, d)) = plt.subplots(2, 2, figsize=(12, 8))
    a.plot(x, x, "k:", label="offered")
    a.plot(x, [r["accepted_per_s"] for r in steps], "o-", label="POSTs accepted/s")
    a.plot(x, [r["signals_per_s"] for r in steps], "s-", label="signals/s")
    for stage in ("intake", "fanout", "sink"):
        a.plot(x, [r["stage_records_per_s"].get(stage, 0) for r in steps], ".--",
               label=f"{stage} records/s")  # fmt: skip
    a.set(title="throughput", xlabel="offered POSTs/s", ylabel="per second")
    names = {"submission_to_warehouse": "submission → warehouse",
             "submission_to_detection": "submission → detection",
             "detection_to_delivery": "detection → delivery"}  # fmt: skip
    for key, name in names.items():
        for q, style in (("p50", "o-"), ("p99", "x--")):
            ys = [r["latency_s"][key][q] for r in steps]
            b.plot(x, [float("nan") if y is None else y for y in ys], style, label=f"{name} {q}")
    b.set(title="latency", xlabel="offered POSTs/s", ylabel="seconds")
    procs = sorted({p for r in steps for p in r["processes"]})
    for p in procs:
        c.plot(x, [r["processes"].get(p, {}).get("cpu_of_core", 0) * 100 for r in steps], "o-",
               label=p)  # fmt: skip
    c.set(title="CPU per process", xlabel="offered POSTs/s", ylabel="% of one core")
    stages = sorted({s for r in steps for s in r["stage_behind_s"]})
    for s in stages:
        d.plot(x, [r["stage_behind_s"].get(s, 0) for r in steps], "o-", label=s)
    d.axhline(result["settings"]["behind_s"], color="grey", linestyle=":")
    d.set(title="oldest unread record at the step's end", xlabel="offered POSTs/s",
          ylabel="seconds")  # fmt: skip
    for ax in (a, b, c, d):
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    ceil = result["ceilings"]
    fig.suptitle(
        f"tahub bench pipeline — bare consume+decode {ceil['consume_decode_per_s']:,}/s, "
        f"bare produce {ceil['produce_per_s']:,}/s; bottleneck: "
        f"{result['bottleneck'].get('stage')}"
    )
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return True
