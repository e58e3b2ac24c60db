"""Made-up cases of the round tuned on batch 58: Welsh institution words, a place with a
postposition joined by a hyphen (Guaraní), Sesotho and Hindi kin titles that stay out of
a name."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Mae Heddlu Dyfed Powys yn ymchwilio dan y Ddeddf.", "Heddlu Dyfed Powys"),
        ("Ojegueraha Asunción-gui Buenos Aires-pe omba'apo.", "Asunción-gui"),
        ("Mausi Kamla ne use bulaya.", "Mausi"),
        ("Bro Kwame said he will pay.", "Bro"),
        ("Referred to the AHTU North-West on Monday.", "AHTU North-West"),
    ],
)
def test_round_58_words_that_identify_no_one_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ogueraha'akuri peteĩ kuña hérava Doña Zunilda Paraguay-pe.", "Zunilda"),
        ("Ntate Lerato Mokoena o ile a letsetsa.", "Lerato Mokoena"),
        # a hyphenated given name is no place with a postposition, though "Anna" is a town
        ("Anna-Lena Schmidt rief an.", "Anna-Lena"),
    ],
)
def test_round_58_names_beside_those_words_still_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text
