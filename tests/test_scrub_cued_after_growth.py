"""A page of repeated "called" cues or law citations costs in proportion to its length:
name_cued_after reads the words once, law_refs looks a digit's citation up by bisection.
Judged by growth, never by a clock limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from producers.intake.scrubbing.law_refs import uncited
from producers.intake.scrubbing.name_cued_after import cued_after
from producers.intake.scrubbing.text import ADDRESS, LEAD
from tests.privacykit import best_time


def _best(run: Callable[[], object]) -> float:
    return best_time(run)


def _page(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@pytest.mark.parametrize("unit", ["সেলিম নামে ", "নামে ", "Азамат Ержан деген ", "'ক' নামে "])
def test_a_page_of_called_cues_costs_in_proportion(unit: str) -> None:
    cued_after(_page(unit, 2000))  # loads the lexicon before timing
    short = _best(lambda: cued_after(_page(unit, 2000)))
    long = _best(lambda: cued_after(_page(unit, 32000)))
    # sixteen times the text: linear costs ~16x, a rescan from the start ~256x
    # 96x leaves room for a loaded machine (CI has measured 52-57x on linear rules)
    assert long < 96 * short + 0.005, f"{short * 1e3:.1f} ms → {long * 1e3:.1f} ms"


def test_a_page_of_citations_under_one_long_span_costs_in_proportion() -> None:
    def run(n: int) -> Callable[[], object]:
        text = _page("§ 12 ", n)
        words = set(LEAD.findall(text.lower()))
        return lambda: uncited(text, words, [(0, len(text), ADDRESS)])

    short, long = _best(run(2000)), _best(run(32000))
    # linear ~16x, a rescan ~256x; 96x leaves room for a loaded machine (54x seen in CI)
    assert long < 96 * short + 0.005, f"{short * 1e3:.1f} ms → {long * 1e3:.1f} ms"
