"""A law's article, section or number is no house number, document or phone (made-up
sentences, none from a labelled batch); a person's numbers beside one still go."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    "text",
    [
        "Perkara ini dijerat Pasal 4 UU No. 21 Tahun 2007 tentang TPPO.",
        "The case was charged under Section 2 of the Modern Slavery Act 2015.",
        "El fiscal invocó la Ley 985/05 y el artículo 188-A del Código Penal.",
        "Die Anklage stützt sich auf § 232a StGB.",
        "They were charged under RA 9208 as amended.",
    ],
)
def test_a_cited_law_stays_whole(text: str) -> None:
    assert scrub(text).text == text


def test_a_persons_numbers_beside_a_cited_law_still_go() -> None:
    out = scrub(
        "Under Article 3 of the protocol, call her brother on +44 7700 900123 "
        "or write to 14 Harrow Lane, Leeds."
    ).text
    assert "Article 3" in out
    assert "7700" not in out
    assert "Harrow" not in out
