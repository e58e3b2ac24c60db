"""Pages of what the transcript rules read (numbers said in words, questions, staff
lines, quoted nicknames, dictated e-mails) cost in proportion to their length. Judged by
growth, never by a clock limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from producers.intake.scrubbing.contacts import emails
from producers.intake.scrubbing.name_called import called_quoted
from producers.intake.scrubbing.spoken_numbers import spoken_numbers
from producers.intake.scrubbing.text import Text
from producers.intake.scrubbing.transcripts import answered_names, staff_names
from tests.privacykit import best_time


def _best(rule: Callable[[str], object], text: str) -> float:
    return best_time(lambda: rule(text))


_RULES: dict[str, Callable[[str], object]] = {
    "numbers": lambda text: spoken_numbers(Text(text)),
    "answers": answered_names,
    "staff": staff_names,
    "called": called_quoted,
    "emails": lambda text: emails(Text(text)),
}


@pytest.mark.parametrize(
    ("rule", "unit"),
    [
        ("numbers", "nine six two, one zero four, "),  # one endless number on one line
        ("numbers", "one two "),
        ("answers", "What is your name? "),  # questions with no line break
        ("answers", "Name: x\nA: Efua. Efua Ansah.\nQ: your name?\n"),
        ("staff", "operator: Bishnu operator: "),  # staff roles on one endless line
        ("called", 'they call her "Kumi" and '),
        ("called", '"'),
        ("emails", "k dot mensah at yahoo dot com at "),
    ],
)
def test_a_long_page_costs_in_proportion(rule: str, unit: str) -> None:
    def page(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    read = _RULES[rule]
    _best(read, page(2000))  # loads the tables before timing
    short, long = _best(read, page(2000)), _best(read, page(32000))
    # sixteen times the text: linear costs ~16x (~20x measured quiet), a rescan from the
    # start ~256x; 96x leaves room for a loaded machine (52x and 57x seen in CI)
    assert long < 96 * short + 0.005, f"{short * 1e3:.1f} ms → {long * 1e3:.1f} ms"
