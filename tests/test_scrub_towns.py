"""Made-up cases of the one reading of towns after an address (team decision of
2026-12-05: towns, districts and regions stay; the street, house and postcode go).
Each failed before ``address_lines`` learned the form it names."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub, scrub_place


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a country's ISO code closing the line, after its town
        ("She stayed at Plot 9, Nakivubo Lane, Kampala, UG.", "Nakivubo Lane", "Kampala, UG"),
        ("At 7 Ferry Lane, Boston, Lincolnshire, GB.", "Ferry Lane", "Boston, Lincolnshire, GB"),
        # a known town with its compass quarter, and the district before it
        ("Disekap di Jl. Melati No. 4, Koja, Jakarta Utara.", "Melati No. 4", "Jakarta Utara"),
        # a district joined to its town by a hyphen
        ("Sie wohnt in der Lindenstraße 12, Berlin-Neukölln.", "Lindenstraße 12", "Neukölln"),
    ],
)
def test_towns_after_an_address_stay(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


def test_a_postcode_with_its_country_letters_goes_and_the_town_stays() -> None:
    out = scrub_place("Dzirnavu iela 57-3, Rīga, LV-1005").text
    assert "LV-1005" not in out
    assert "Dzirnavu iela 57-3" not in out
    assert "Rīga" in out


def test_a_noun_opening_the_clause_after_a_town_is_no_place() -> None:
    # German capitalises nouns: "Kunden" after the town is the sentence going on
    out = scrub("Sie musste in der Bahnhofstraße 8, 60311 Frankfurt, Kunden empfangen.").text
    assert "Bahnhofstraße 8" not in out
    assert "Frankfurt, Kunden empfangen" in out


def test_an_outward_postcode_after_the_street_still_goes() -> None:
    out = scrub("Officers found him at 12 Marsh Road, LS9 working in a car wash.").text
    assert "LS9" not in out
    assert "Marsh Road" not in out


def test_a_home_in_a_place_field_keeps_its_district_and_town() -> None:
    out = scrub_place("Rumah Pak Darto, Jl. Anggrek No. 3, Kel. Koja, Jakarta Utara").text
    assert out.endswith("Kel. Koja, Jakarta Utara")
    assert "Darto" not in out
    assert "Anggrek" not in out


def test_two_letters_that_are_no_country_stay_in_the_address() -> None:
    # "QX" is no ISO code: the line is not read as ending with a country
    out = scrub("Stored at Unit 4, Mill Lane, Leeds, QX until collected.").text
    assert "Mill Lane" not in out


def test_a_parish_written_with_st_for_saint_stays() -> None:
    out = scrub_place("Lot 12, Palm Avenue, Portmore, St Catherine").text
    assert out.endswith("Portmore, St Catherine")
    assert "Palm Avenue" not in out
