"""The record of blind news batches: each one's first score, set beside today's (pure).

A blind batch is scored once by command, before anyone reads its mistakes; that first
score is the result (``data/blind_first.json``, the story in ``data/BLIND.md``). Once a
batch is tuned on, its score today says how well the rules fit it, not how they do on
unseen text: only the batches never tuned on are pooled into today's unseen score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

MEASURES = ("relevance", "typologies", "countries", "origin", "transit", "destination")


@dataclass(frozen=True)
class Batch:
    file: str
    lang: str
    scored: str
    rules: str
    tuned_on: bool
    first: dict[str, float]


@dataclass(frozen=True)
class Record:
    batches: tuple[Batch, ...]
    aims: dict[str, float]

    def unseen(self) -> tuple[Batch, ...]:
        """The batches nobody has tuned on: today's score on them is still a result."""
        return tuple(b for b in self.batches if not b.tuned_on)


def data_dir() -> Path:
    return Path(str(resources.files("producers.news") / "data"))


def _scores(obj: Any, where: str) -> dict[str, float]:
    if not isinstance(obj, dict) or set(obj) != set(MEASURES):
        raise ValueError(f"{where}: needs exactly the scores {', '.join(MEASURES)}")
    out: dict[str, float] = {}
    for m in MEASURES:
        v = obj[m]
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0.0 <= v <= 1.0:
            raise ValueError(f"{where}.{m}: a score between 0 and 1, not {v!r}")
        out[m] = float(v)
    return out


def parse(obj: Any) -> Record:
    if not isinstance(obj, dict) or not isinstance(obj.get("batches"), dict):
        raise ValueError("blind record: an object with 'batches'")
    batches = []
    for name, b in obj["batches"].items():
        if not isinstance(b, dict) or not isinstance(b.get("tuned_on"), bool):
            raise ValueError(f"blind record: {name}: needs tuned_on true or false")
        batches.append(Batch(file=str(name), lang=str(b.get("lang", "")),
                             scored=str(b.get("scored", "")), rules=str(b.get("rules", "")),
                             tuned_on=b["tuned_on"],
                             first=_scores(b.get("first"), f"{name}.first")))  # fmt: skip
    return Record(batches=tuple(batches), aims=_scores(obj.get("aims"), "aims"))


def load(path: Path | None = None) -> Record:
    path = path or data_dir() / "blind_first.json"
    return parse(json.loads(path.read_text(encoding="utf-8")))


def f1s(result: dict[str, Any]) -> dict[str, float]:
    """The six F1 scores of an ``evaluate()`` result, named as the record names them."""
    out = {"relevance": float(result["relevance"]["f1"])}
    for m in MEASURES[1:]:
        out[m] = float(result[m]["micro"]["f1"])
    return out


def unrecorded(record: Record, shipped: list[str]) -> list[str]:
    """Blind batch files shipped without a first score: a batch joins the record when it
    is first scored, so one missing here was scored without being written down."""
    known = {b.file for b in record.batches}
    return sorted(f for f in shipped if f not in known)
