"""The towns, districts and postcodes on an address's own line go with it (team decision,
2026-12-01): made-up text, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a town closing the address's line, after a comma, in cased and uncased scripts
        ("They were found at House No. C 12/4, Osu, Accra, last week.", "Accra"),
        ("Држана је у стану у ул. Кнеза Милоша 12, стан 4, Нови Сад, до марта.", "Нови Сад"),
        ("نُقلت إلى محلة ٣١٢، زقاق ٧، دار ٩، بغداد، ثم اختفت.", "بغداد"),
        ("Wohnte in der Hauptstraße 12, Dortmund, bis Mai.", "Dortmund"),
        # a postcode after the address's line, with or without its town
        ("Kept at 14 Elm Road, Leeds LS6 2QT, for a year.", "LS6"),
        ("Lived at Rua Augusta 45, Lisboa 1100-048.", "Lisboa"),
        # the town opening the line, with its mark or without
        ("Адрес: г. Казань, ул. Баумана, д. 7, кв. 3.", "Казань"),
        ("آدرس: شیراز، خیابان زند، کوچه ۴، پلاک ۱۸.", "شیراز"),
        ("მისამართი: ბათუმი, გორგასლის ქ. 14, ბინა 2.", "ბათუმი"),
    ],
)  # fmt: skip
def test_towns_on_the_address_line_go(text: str, gone: str) -> None:
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
