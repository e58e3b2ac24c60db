"""CPU time and resident memory of a process tree, from /proc (Linux): what each of the
pipeline's processes costs while a benchmark drives it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ProcSample:
    label: str
    cpu_s: float  # user + system CPU seconds since the process started
    rss_bytes: int


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of ``pid``, or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name (field 2) may hold spaces: fields after its closing parenthesis
    rest = raw[raw.rindex(")") + 2 :].split()
    return int(rest[1]), (int(rest[11]) + int(rest[12])) / _TICKS


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _argv(pid: int) -> list[str]:
    try:
        return [a for a in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0") if a]
    except OSError:
        return []


def label(argv: list[str], parent: str | None) -> str:
    """A name a reader recognises: ``tahub worker``, ``kafka broker``, a spawned child by
    its parent."""
    if "-m" in argv:
        i = argv.index("-m")
        if argv[i + 1 : i + 2] == ["tahub"]:
            return " ".join(["tahub", *argv[i + 2 : i + 4]]).strip()
    if any(a == "kafka.Kafka" for a in argv):
        return "kafka broker"
    text = " ".join(argv)
    if "resource_tracker" in text:
        return f"{parent}: resource tracker"
    if "multiprocessing" in text and parent == "tahub worker":
        return "tahub worker: repartition stage"  # the worker's one spawned process
    if "multiprocessing" in text:
        return f"{parent}: spawned"
    return Path(argv[0]).name if argv else "?"


def tree(root: int) -> list[int]:
    """``root`` and every process descending from it."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st is not None:
                parents.setdefault(st[0], []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def sample(roots: list[int]) -> dict[int, ProcSample]:
    """Every process of the trees under ``roots``, by pid."""
    out: dict[int, ProcSample] = {}
    labels: dict[int, str] = {}
    for root in roots:
        for pid in tree(root):
            st = _stat(pid)
            if st is None:
                continue
            name = label(_argv(pid), labels.get(st[0]))
            labels[pid] = name
            out[pid] = ProcSample(name, st[1], _rss(pid))
    return out


def machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, over every core: what
    else runs on it shows here too."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user time
    return (total - idle) / _TICKS, total / _TICKS


def cpu_by_label(roots: list[int], *, broker: bool = False) -> dict[str, float]:
    """CPU seconds so far of the trees under ``roots``, summed per label (two workers'
    processes under one name each), with the Kafka broker's if ``broker`` and it runs on
    this machine, and the whole machine's busy seconds (``machine``)."""
    out: dict[str, float] = {}
    for s in sample(roots).values():
        out[s.label] = out.get(s.label, 0.0) + s.cpu_s
    if broker:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and "kafka.Kafka" in _argv(int(entry.name)):
                st = _stat(int(entry.name))
                if st is not None:
                    out["kafka broker"] = out.get("kafka broker", 0.0) + st[1]
    out["machine busy"] = machine()[0]
    return out


def spent(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, float]:
    """CPU seconds per label between two ``cpu_by_label`` looks; a label only in ``after``
    started between them, and all its time counts."""
    return {k: round(after[k] - before.get(k, 0.0), 2) for k in after}
