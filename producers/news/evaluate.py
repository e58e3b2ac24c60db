"""Scores the classifier against a labelled set: precision, recall, F1 per label (pure).

Labels per article: relevant, typologies, countries, origin, transit, destination. For
relevance, each article is one yes/no decision. For the multi-label fields, every
(article, label) pair is a decision, counted over relevant articles only for typologies
and route roles (an irrelevant story has none) and over all articles for countries.
Accuracy of relevance is printed too, to compare with HealthMap's reported 84%.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from producers.news.classify import understand

FIELDS = ("typologies", "countries", "origin", "transit", "destination")


def labelled_set() -> Path:
    return Path(str(resources.files("producers.news") / "data" / "labelled.jsonl"))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{n}: not JSON ({err.msg})") from None


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, want: Iterable[str], got: Iterable[str]) -> None:
        w, g = set(want), set(got)
        for x in w & g:
            self.tp[x] += 1
        for x in g - w:
            self.fp[x] += 1
        for x in w - g:
            self.fn[x] += 1

    def scores(self, label: str | None = None) -> dict[str, float | int]:
        if label is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                "support": tp + fn}  # fmt: skip

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def evaluate(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    relevance = Tally()
    tallies = {f: Tally() for f in FIELDS}
    correct = total = 0
    mistakes: list[dict[str, Any]] = []
    for item in items:
        got = understand(item.get("title", ""), item.get("text", ""))
        want_rel = bool(item["relevant"])
        relevance.add(["relevant"] if want_rel else [], ["relevant"] if got.relevant else [])
        total += 1
        correct += want_rel == got.relevant
        tallies["countries"].add(item.get("countries", []), got.countries)
        if want_rel:
            for f, values in (
                ("typologies", got.typologies),
                ("origin", got.origin),
                ("transit", got.transit),
                ("destination", got.destination),
            ):
                tallies[f].add(item.get(f, []), values if got.relevant else [])
        if want_rel != got.relevant or (
            want_rel and set(item["typologies"]) != set(got.typologies)
        ):
            mistakes.append({"id": item.get("id"), "want": want_rel, "got": got.relevant,
                             "why": got.why, "typologies": got.typologies})  # fmt: skip
    return {
        "articles": total,
        "relevance_accuracy": round(correct / total, 3) if total else 0.0,
        "relevance": relevance.scores("relevant"),
        **{
            f: {"micro": t.scores(), "per_label": {lab: t.scores(lab) for lab in t.labels()}}
            for f, t in tallies.items()
        },
        "mistakes": mistakes,
    }
