"""Listed given names read through Slavic case endings written with "й" or an ogonek,
which folding changes (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Её забрали вместе с Ольгой в Казань.", "Её забрали вместе с [NAME] в Казань."),
        (
            "Договор с агентством подписан Дмитрием в мае.",
            "Договор с агентством подписан [NAME] в мае.",
        ),
        ("Він представився Андрієм і обіцяв роботу.", "Він представився [NAME] і обіцяв роботу."),
        (
            "Telefon miała tylko jej koleżanka, i ona zna Ewelinę z Łodzi.",
            "Telefon miała tylko jej koleżanka, i ona zna [NAME] z Łodzi.",
        ),
    ],
)
def test_a_declined_given_name_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept
