"""Made-up cases of the round tuned on batch 54 (a US direction before the street, South
Slavic locative streets, a Lithuanian plate, a Turkic case suffix on a passport number, a
lettered house number, an Irish PPSN, Maltese nationality words, an area's name)."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("She was kept at 2210 W. Marlowe Ave, Apt 4C, for a year.", "2210 W. Marlowe", "kept"),
        ("Bivala je na Trubarjevi cesti 17 v Celju.", "Trubarjevi cesti 17", "Celju"),
        ("Živel je na Kettejevi ulici 5 s prijatelji.", "Kettejevi ulici 5", "prijatelji"),
        ("Važiavo automobiliu su valstybiniais numeriais HZP 702.", "HZP 702", "automobiliu"),
        ("Onun pasportunun nömrəsi C11842067-dir və telefonu yoxdur.", "C11842067", "telefonu"),
        ("Onun pasportunun nömrəsi P55120478-dır.", "P55120478", "nömrəsi"),
        ("he knows the family house, house no. KT-47. pay me or else", "KT-47", "pay me"),
        ("Client's PPSN 6634102WA, passport pending.", "6634102WA", "PPSN"),
    ],
)
def test_round_54_identifiers_are_taken(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ħaddiem Nepaliż, Hari Gurung, qal li ma tħallasx.", "Nepaliż"),
        ("Returned to Quynh Luu district, Nghe An province, in May.", "Quynh Luu"),
        ("Her number is C11842067 and the case is open.", "open"),
    ],
)
def test_round_54_words_that_identify_no_one_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


def test_an_initial_before_a_surname_is_a_name_a_direction_after_a_number_is_a_street() -> None:
    out = scrub("A kiln owned by K. Murugan stood at 14 S. Main Street.").text
    assert "Murugan" not in out
    assert "14 S. Main" not in out


def test_a_role_after_the_area_word_keeps_the_name_a_name() -> None:
    assert "Rosa Mendoza" not in scrub("Rosa Mendoza village chief called us.").text
