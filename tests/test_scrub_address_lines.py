"""The postcodes on an address's own line go with it and its towns and districts stay
(team decision, 2026-12-05, replacing that of 2026-12-01): made-up text, none from a
labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a town closing the address's line, after a comma, in cased and uncased scripts
        ("They were found at House No. C 12/4, Osu, Accra, last week.",
         "They were found at [ADDRESS], Osu, Accra, last week."),
        ("Држана је у стану у ул. Кнеза Милоша 12, стан 4, Нови Сад, до марта.",
         "Држана је у стану у [ADDRESS], Нови Сад, до марта."),
        ("Wohnte in der Hauptstraße 12, Dortmund, seit Mai.",
         "Wohnte in der [ADDRESS], Dortmund, seit Mai."),
        ("Found by police in a shed at 27 Elm Grove, Slough. He worked unpaid.",
         "Found by police in a shed at [ADDRESS], Slough. He worked unpaid."),
        # a postcode goes: right after the street with the address, after a town alone
        ("Kept at 14 Elm Road, Leeds LS6 2QT, for a year.",
         "Kept at [ADDRESS], Leeds [ADDRESS], for a year."),
        ("Lived at Rua Augusta 45, Lisboa 1100-048.", "Lived at [ADDRESS], Lisboa [ADDRESS]."),
        ("Sie wohnte in der Hauptstraße 12, 44137 Dortmund.",
         "Sie wohnte in der [ADDRESS] Dortmund."),
        ("Kept at 14 Elm Road LS6 2QT for a year.", "Kept at [ADDRESS] for a year."),
        # the town opening the line, with its mark or without
        ("Адрес: г. Казань, ул. Баумана, д. 7, кв. 3.", "Адрес: г. Казань, [ADDRESS]."),
        ("آدرس: شیراز، خیابان زند، کوچه ۴، پلاک ۱۸.", "آدرس: شیراز، [ADDRESS]."),
        ("მისამართი: ბათუმი, გორგასლის ქ. 14, ბინა 2.", "მისამართი: ბათუმი, [ADDRESS]."),
        # a district the gazetteer does not know, before its town, is a district too; a
        # name rule reading it as a name yields to the address's line
        ("She stayed at 22 Akin Adesola Street, off Bishop Aboyade road, Ikoyi, Lagos.",
         "She stayed at [ADDRESS], Ikoyi, Lagos."),
    ],
)  # fmt: skip
def test_towns_on_the_address_line_stay_and_postcodes_go(text: str, want: str) -> None:
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a street, a building or a spot before a town is no district: it goes
        ("Kept at 63 Greenbank Road, Flat B, BD7 1QP until June.", "Flat B"),
        ("Lived at Plot 7, Dunstable Road, Luton LU4 9HX with others.", "Dunstable"),
        ("Elle vit maison Amouzou, rue 12, Lomé.", "Amouzou"),
    ],
)  # fmt: skip
def test_streets_and_buildings_before_a_town_go(text: str, gone: str) -> None:
    out = scrub(text).text
    assert "[ADDRESS]" in out
    assert gone not in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a town elsewhere in the sentence stays
        ("She moved to Lagos and lived at 12 Allen Avenue, Ikeja.", "Lagos"),
        ("Born in Kano, she was kept at No. 15 Titin Gwarzo.", "Kano"),
        # a word the gazetteer also lists as a place stays when it is a common word
        ("Found in a rented semi, 27 Oakfield Crescent, where he slept.", "semi"),
        ("quê ở thôn Đông, xã Nghi Phong, huyện Nghi Lộc, bị môi giới đưa đi.", "bị"),
        # a year after an address is no postcode of a place
        ("He lived at 4 Mill Lane until March.", "March"),
    ],
)  # fmt: skip
def test_towns_off_the_address_line_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text
