"""Scrubbing round tuned on batches 1-31 (batch 31 scored blind first: BLIND.md)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("bhai mera passport sheikh ne rakh liya, mera naam salman hai, riyadh mein", "salman"),
        ("ai qe quhet landi nuk me le te dal", "landi"),
        ("паспорта забрал мужик которого все зовут батя. девочки", "батя"),
        ("син андрій поїхав на заробітки в чехію", "андрій"),
        ("amiga no puedo salir, el señor ramiro dice q le debo", "ramiro"),
    ],
)
def test_a_name_a_chat_gives_goes(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "caller naam nahi batana chahta, naukri ke naam pe bech diya",
        "her bf said no and left",
        "el señor dice que no",
        "Гражданка Узбекистана, жили женщины из Узбекистана и Таджикистана.",
        "Горячая линия 8-800-333-00-16: анонимное обращение.",
    ],
)
def test_what_only_looks_like_it_stays(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Head of one family, Kuppan s/o Raman, about 50, said", "Kuppan"),
        ("Il caporale, tale Harjit detto Bittu, trattiene i documenti.", "Harjit"),
        ("её встретил мужчина, представившийся Рустамом, и отвёз на склад.", "Рустам"),
        ("Adeerkeed Xasan Faarax ayaa lacagta qaatay.", "Xasan"),
    ],
)
def test_a_name_its_cue_or_its_spelling_gives_goes(text: str, name: str) -> None:
    assert name not in scrub(text).text


def test_a_certain_thing_in_italian_stays() -> None:
    text = "Una tale situazione non va."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Vehicle used to move workers: silver Ford Transit, reg. KX19 TZW. Mobile", "KX19"),
        ("Kennzeichen des Transporters: L-XY 4821.", "4821"),
        ("已转交。她的出生日期为1998年3月15日。已转交当地妇联跟进。", "1998年"),
        ("Caller (says born in '03) works at a nail bar", "'03"),
        ("przez osobę z profilu FB „Krzysiek Praca Holandia”. W Holandii", "Krzysiek"),
    ],
)
def test_a_plate_a_birth_date_and_a_profile_go(text: str, identifier: str) -> None:
    assert identifier not in scrub(text).text


def test_the_nineties_stay() -> None:
    assert scrub("the 90's were hard").text == "the 90's were hard"
