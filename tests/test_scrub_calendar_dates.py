"""Birth dates in any word order, any CLDR language's month names (declined too) and
other calendars (scrubbing/calendar_dates.py): made-up sentences, none from a labelled
batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.calendar_dates import calendar_date_spans


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Georgian, the month declined ("მარტი" → "მარტს")
        ("ქალი, დაბადებული 2001 წლის 3 მარტს, ბათუმიდან წავიდა.", "2001 წლის 3 მარტს"),
        # Armenian, year first and a mark after the year
        ("Աղջիկը (ծնված 2002 թ. մայիսի 9-ին) մեկնել է Մոսկվա", "2002 թ. մայիսի 9"),
        # Kazakh, the month with a locative ending
        ("Қыз 2005 жылғы 4 наурызда туған, Алматыдан кеткен.", "2005 жылғы 4 наурызда"),
        # Lithuanian, year first, abbreviations between
        ("Mergina (gim. 2000 m. birželio 14 d.) išvyko į Airiją.", "2000 m. birželio 14"),
        # Uzbek, joined by hyphens
        ("Yigit 2004-yil 7-mart kuni tug'ilgan.", "2004-yil 7-mart"),
        # Solar Hijri (Persian digits and months)
        ("دختری که ۳ آبان ۱۳۷۵ به دنیا آمده به ترکیه برده شد", "۳ آبان ۱۳۷۵"),
        # Ethiopian calendar
        ("ልጅቷ ጥቅምት 5 ቀን 1990 ዓ.ም. ተወለደች", "ጥቅምት 5 ቀን 1990"),
    ],
)
def test_a_whole_date_long_past_in_any_order_language_or_calendar(text: str, date: str) -> None:
    found = [text[s:e] for s, e, _ in calendar_date_spans(text)]
    assert found == [date]
    out = scrub(text, names=False).text
    assert date not in out
    assert "[DOB]" in out


@pytest.mark.parametrize(
    "text",
    [
        "She arrived in Tbilisi on 3 March 2024 and left on 5 აპრილს 2025.",  # events
        "In 2005 12 workers came in May.",  # no day and month of one date
        "The law of 1998 was passed on 3 May by parliament.",
        "In 1999 the mill opened; the owner died in March.",  # a year and a month alone
        # a short abbreviation of some language is a word here ("was", "mot")
        "Aisha (11 was 2006 per her card) and 12 mot 1999 are no dates of ours.",
    ],
)
def test_events_years_alone_and_short_words_stay(text: str) -> None:
    assert calendar_date_spans(text) == []


def test_a_clause_after_a_date_is_no_part_of_it() -> None:
    # "was" follows a comma: the date ends at its year, the words after it stay
    text = "Aisha, born 11/08/2006, was taken to Muscat."
    out = scrub(text, names=False).text
    assert "was taken to Muscat" in out
    assert "[DOB]" in out
