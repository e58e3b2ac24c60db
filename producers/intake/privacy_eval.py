"""Scores the scrubber on labelled text: identifiers removed and ordinary words lost (pure).

A labelled record is one JSON Lines object ``{"id", "field", "lang", "text",
"identifiers": [{"kind", "text"}]}``: ``field`` is ``summary`` or ``place`` and each
identifier's ``text`` is a substring planted in ``text``. Each record is scrubbed the way
intake scrubs that field (``scrub`` for a summary, ``scrub_place`` for a place name).

Removed: an identifier is removed when its exact text no longer occurs in the output
(ignoring case) and none of its tokens of 3 or more characters survives, where a token
(a run of letters and digits with their combining marks, case folded) survives when the
output holds it more
often than the input outside every identifier span does. So "Calle" kept from a
half-scrubbed address counts as a leak unless "Calle" also appears in ordinary text;
placeholders such as ``[NAME]`` are not tokens of the output.

Words lost: the tokens of the input outside every identifier span (any length, as a
multiset) that the output no longer holds, over all such tokens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from producers.intake.scrub import scrub, scrub_place, warm

KINDS = ("name", "address", "dob", "handle", "email", "phone", "document", "url")
FIELDS = ("summary", "place")
MIN_TOKEN = 3
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]")


@dataclass(frozen=True)
class Identifier:
    kind: str
    text: str


@dataclass(frozen=True)
class Record:
    id: str
    field: str
    lang: str
    text: str
    identifiers: tuple[Identifier, ...]


def batches() -> list[Path]:
    """The labelled batches shipped with tahub, in order."""
    data = Path(str(resources.files("producers.intake") / "data"))
    return sorted(data.glob("privacy_*.jsonl"))


def _record(obj: Any, where: str) -> Record:
    """One labelled record, checked; errors name the place, never the text."""
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: not a JSON object")
    text, fld, ids = obj.get("text"), obj.get("field"), obj.get("identifiers")
    if not isinstance(text, str) or fld not in FIELDS or not isinstance(ids, list):
        raise ValueError(f"{where}: needs text, field (summary or place) and identifiers")
    found: list[Identifier] = []
    for n, i in enumerate(ids):
        if not isinstance(i, dict) or i.get("kind") not in KINDS:
            raise ValueError(f"{where}: identifier {n} has no known kind")
        if not isinstance(i.get("text"), str) or not i["text"] or i["text"] not in text:
            raise ValueError(f"{where}: identifier {n} is not a substring of the text")
        found.append(Identifier(i["kind"], i["text"]))
    return Record(str(obj.get("id", where)), fld, str(obj.get("lang", "")), text, tuple(found))


def read_records(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{n}: not JSON ({err.msg})") from None
            yield _record(obj, f"{path}:{n}")


def warm_up() -> None:
    """Loads the scrubber once, so timings measure scrubbing rather than start-up."""
    warm()


def scrub_field(record: Record) -> str:
    """The text intake would store for this record's field."""
    if record.field == "place":
        return scrub_place(record.text).text
    return scrub(record.text).text


def _tokens(text: str) -> list[str]:
    """Runs of letters and digits with the combining marks that follow them, case folded.
    Python's ``\\w`` leaves the marks out: a Devanagari, Bengali, Tamil, Khmer, Burmese or
    Thai word fell apart at its vowel signs into pieces mostly under ``MIN_TOKEN``, so a
    half-scrubbed name there was judged on its exact text alone."""
    out: list[str] = []
    start = -1
    for i, ch in enumerate(text):
        kind = unicodedata.category(ch)[0]
        if kind in "LN" or (kind == "M" and start >= 0):
            if start < 0:
                start = i
        elif start >= 0:
            out.append(text[start:i].casefold())
            start = -1
    if start >= 0:
        out.append(text[start:].casefold())
    return out


def _context(record: Record) -> str:
    """The input with every occurrence of every identifier blanked out."""
    spans = [False] * len(record.text)
    for ident in record.identifiers:
        start = record.text.find(ident.text)
        while start != -1:
            spans[start : start + len(ident.text)] = [True] * len(ident.text)
            start = record.text.find(ident.text, start + 1)
    return "".join(" " if hidden else ch for ch, hidden in zip(record.text, spans, strict=True))


def context_tokens(record: Record) -> Counter[str]:
    """The ordinary words of a record: its tokens outside every identifier span."""
    return Counter(_tokens(_context(record)))


def removed(ident: Identifier, output: str, context: Counter[str]) -> bool:
    """True when nothing recognisable of ``ident`` is left in ``output`` (module docstring)."""
    if ident.text.casefold() in output.casefold():
        return False
    out = Counter(_tokens(_PLACEHOLDER.sub(" ", output)))
    return all(out[t] <= context[t] for t in _tokens(ident.text) if len(t) >= MIN_TOKEN)


@dataclass(frozen=True)
class Miss:
    record: str
    kind: str
    text: str
    output: str


@dataclass
class Score:
    records: int = 0
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    words: int = 0
    words_lost: int = 0
    misses: list[Miss] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (record id, word)

    def add(self, record: Record, output: str) -> None:
        self.records += 1
        context = context_tokens(record)
        for ident in record.identifiers:
            self.planted[ident.kind] += 1
            if removed(ident, output, context):
                self.caught[ident.kind] += 1
            else:
                self.misses.append(Miss(record.id, ident.kind, ident.text, output))
        kept = Counter(_tokens(_PLACEHOLDER.sub(" ", output)))
        self.words += sum(context.values())
        for word, n in context.items():
            gone = max(0, n - kept[word])
            self.words_lost += gone
            self.lost.extend((record.id, word) for _ in range(gone))

    def summary(self) -> dict[str, Any]:
        """Numbers only: safe to print or store."""
        total, caught = sum(self.planted.values()), sum(self.caught.values())
        return {
            "records": self.records,
            "identifiers": total,
            "removed": caught,
            "removed_share": round(caught / total, 4) if total else 1.0,
            "per_kind": {
                k: {
                    "planted": self.planted[k],
                    "removed": self.caught[k],
                    "removed_share": round(self.caught[k] / self.planted[k], 4),
                }
                for k in KINDS
                if self.planted[k]
            },
            "words": self.words,
            "words_lost": self.words_lost,
            "words_lost_share": round(self.words_lost / self.words, 4) if self.words else 0.0,
        }

    def merge(self, other: Score) -> None:
        self.records += other.records
        self.planted.update(other.planted)
        self.caught.update(other.caught)
        self.words += other.words
        self.words_lost += other.words_lost
        self.misses.extend(other.misses)
        self.lost.extend(other.lost)


def score(records: Sequence[Record], outputs: Sequence[str]) -> Score:
    """Scores scrubbed ``outputs``, one per record, in order."""
    result = Score()
    for record, output in zip(records, outputs, strict=True):
        result.add(record, output)
    return result


def evaluate(records: Sequence[Record]) -> Score:
    return score(records, [scrub_field(r) for r in records])
