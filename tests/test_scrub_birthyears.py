"""Birth dates told by their year alone (scrubbing/birthyears.py): made-up sentences in
several languages, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Vajza u takua me policinë; e lindur më 14.02.1997, jeton në Durrës.", "14.02.1997"),
        ("sabi nya bday nya ay april 9 1994 daw", "april 9 1994"),
        ("A nő (szül. 1996. május 12.) Bécsben dolgozott.", "1996. május 12."),
        ("Kijana, 2003-08-19 kwenye fomu, alipelekwa Oman.", "2003-08-19"),
        ("Sie gab 7. Juli 1988 als Datum an und floh.", "7. Juli 1988"),
        ("Cô ấy, 5 tháng 3 năm 2001, làm việc ở Đài Loan.", "5 tháng 3 năm 2001"),
        ("女性（1992年6月30日）は大阪で働いていた。", "1992年6月30日"),
        ("الضحية ١٩٩٥/٠٣/١٧ وصلت إلى عمان", "١٩٩٥/٠٣/١٧"),
        ("The boy (14/06/2012 on his school card) was found in Dover.", "14/06/2012"),
    ],
)
def test_a_whole_date_of_a_year_long_past_is_a_birth_date(text: str, date: str) -> None:
    out = scrub(text, names=False).text
    assert date not in out
    assert "[DOB]" in out


@pytest.mark.parametrize(
    "text",
    [
        "She was moved to Lagos on 12 March 2024 and again on 03/05/2025.",
        "The raid of 4 May 2013 freed nine workers.",  # after the last birth year
        "Under the Palermo Protocol of 15 November 2000 the state must act.",
        "The law of 14 February 2005 created the agency.",
        "In 1998 the factory opened; by March 2004 it employed 300 workers.",
        "Reference 45/67/1990 was filed.",  # no day and month can be 45 and 67
    ],
)
def test_event_dates_years_alone_and_institutions_stay(text: str) -> None:
    assert "[DOB]" not in scrub(text, names=False).text
