"""`tahub privacy`: how well scrubbing removes identifiers from labelled text (evaluate)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tahub import progress
from tahub.errors import TahubError

if TYPE_CHECKING:
    from producers.intake.privacy_eval import Score


@click.group()
def privacy() -> None:
    """Data protection: score the scrubber on labelled partner text."""


@privacy.command("evaluate")
@click.option(
    "--file",
    "paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Labelled JSON Lines (repeatable); default: the batches shipped with tahub.",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--show-misses", is_flag=True, help="Also print missed identifiers and lost words.")
def privacy_evaluate(paths: tuple[Path, ...], as_json: bool, show_misses: bool) -> None:
    """Identifiers removed per kind and ordinary words lost, per file and overall.

    Normal output is numbers only; --show-misses prints labelled text and is meant for
    developers working on synthetic batches, never for real submissions.
    """
    from producers.intake import privacy_eval as pe

    files = list(paths) or pe.batches()
    if not files:
        raise TahubError("no labelled batches found; pass --file")
    results: dict[str, dict[str, Any]] = {}
    total = pe.Score()
    pe.warm_up()
    for path in files:
        try:
            records = list(pe.read_records(path))
        except ValueError as err:
            raise TahubError(str(err)) from None
        # the untimed pass shows progress; a bar's updates stay out of the timed one
        bar = progress.counted(records, "scrubbing", total=len(records), unit="record")
        outputs = [pe.scrub_field(r) for r in bar]
        start = time.perf_counter()  # timed on a second pass: patterns compiled, caches warm
        outputs = [pe.scrub_field(r) for r in records]
        elapsed = time.perf_counter() - start
        score = pe.score(records, outputs)
        total.merge(score)
        results[path.name] = score.summary()
        results[path.name]["us_per_record"] = round(elapsed / max(1, len(records)) * 1e6, 1)
        if show_misses:
            _show_misses(path.name, score)
    if len(files) > 1:
        results["all"] = total.summary()
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    for name, r in results.items():
        _print(name, r)


def _print(name: str, r: dict[str, Any]) -> None:
    timing = f", {r['us_per_record']} µs/record" if "us_per_record" in r else ""
    click.echo(f"{name}: {r['records']} records{timing}")
    click.echo(f"  {'kind':<10} {'planted':>7} {'removed':>7} {'share':>7}")
    for kind, k in r["per_kind"].items():
        click.echo(f"  {kind:<10} {k['planted']:>7} {k['removed']:>7} {k['removed_share']:>7.1%}")
    click.echo(f"  {'all':<10} {r['identifiers']:>7} {r['removed']:>7} {r['removed_share']:>7.1%}")
    click.echo(f"  words lost {r['words_lost']} of {r['words']} ({r['words_lost_share']:.2%})")


def _show_misses(name: str, score: Score) -> None:
    for m in score.misses:
        click.echo(f"MISS {name} {m.record} {m.kind}: {m.text!r}\n     -> {m.output!r}")
    for record, word in score.lost:
        click.echo(f"LOST {name} {record}: {word!r}")
