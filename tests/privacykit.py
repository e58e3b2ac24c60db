"""One check for the made-up scrubbing sets written beside each tuning round."""

from __future__ import annotations

from pathlib import Path

from producers.intake import privacy_eval as pe


def assert_made_up_set(path: Path, max_lost: float, known_misses: set[str]) -> None:
    """Every identifier of the set removed (but in ``known_misses`` records) and at most
    ``max_lost`` of its other words lost."""
    records = list(pe.read_records(path))
    s = pe.evaluate(records).summary()
    missed = [
        r.id
        for r in records
        for i in r.identifiers
        if not pe.removed(i, pe.scrub_field(r), pe.context_tokens(r)) and r.id not in known_misses
    ]
    assert not missed
    assert s["words_lost_share"] <= max_lost, s["words_lost"]
