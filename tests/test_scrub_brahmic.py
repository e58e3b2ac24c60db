"""Names carried from Faker's Devanagari, Bengali, Gujarati and Odia lists into the Brahmic
scripts it has none in."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.brahmic import carried
from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("source", "written"),
    [
        ("सुनील", "సునీల్"),  # Telugu closes the consonant with a virama
        ("सुनील", "ಸುನೀಲ್"),  # Kannada
        ("सुनील", "സുനീൽ"),  # Malayalam with a chillu letter
        ("सुनील", "ਸੁਨੀਲ"),  # Gurmukhi as Hindi writes it
        ("लक्ष्मी", "లక్ష్మి"),  # a closing long vowel written short
        ("ଗିରିଶ", "ಗಿರಿಶ್"),  # from Odia
        ("उषा", "ਉਸ਼ਾ"),  # Gurmukhi has no ṣa: śa stands for it
    ],
)
def test_a_name_is_written_in_the_scripts_faker_has_no_names_in(source: str, written: str) -> None:
    assert written in carried({source})


def test_nothing_is_carried_into_scripts_with_their_own_lists() -> None:
    # "काम" (work) is a name in Bengali's list as "কাম"; carried into Devanagari it would
    # turn an ordinary word into a name
    out = carried({"কাম", "सुनील"})
    assert not any("\u0900" <= ch <= "\u09ff" for w in out for ch in w)


def test_names_outside_the_blocks_and_short_words_are_left() -> None:
    assert carried({"Sunil", "सुनील’", "रवि"[:1]}) == frozenset()


def test_two_carried_names_side_by_side_are_scrubbed() -> None:
    text = "ఆమె తల్లి లక్ష్మి దేవి ఫోన్ చేశారు."
    assert "లక్ష్మి" not in scrub(text).text
