"""The round tuned on batches 45 and 46 (after their blind scores): a surname after "Mr"
that is a function word in another language ("Tan": Spanish "so"), and what stays.
The addresses of this round are in test_privacy_eval's street addresses. Made-up text,
none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


def test_a_surname_that_is_a_word_elsewhere_goes_after_mr() -> None:
    out = scrub("The broker in Penang, Mr Tan, kept the workers' passports.").text
    assert "Tan" not in out
    assert "Penang" in out


@pytest.mark.parametrize(
    "text",
    [
        "Mr Big runs the bar on the corner.",  # a word no list holds as a name
        "He was so tired, tan cansado, that he slept on the floor.",  # no title
        "Tie 5 knots in the rope.",  # a Finnish street ending, no street
        "The tee 3 shirts were sold at the market.",  # an Estonian street word, no street
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert scrub(text).text == text
