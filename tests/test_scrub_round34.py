"""Scrubbing round tuned on batches 1-34 (batch 34 scored blind first: BLIND.md). The
texts are made up in the forms batch 34's misses showed, not copied from it."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # a Hijri month in Latin letters, with a day and a year of the Hijri span of lives
        ("She was born 3 Shawwal 1418 AH, her brother says.", "She was born [DOB] AH"),
        ("Shelter note: born 21 Ramadhan 1425 by her own account.", "born [DOB] by"),
        # a Japanese era's year: Heisei 12 is 2000
        ("被害者（生年月日：平成12年7月1日）は保護された", "生年月日：[DOB]"),
        # an English day in words
        ("She says she was born on the third of June 2004 in Odesa.", "born on the [DOB] in"),
        # a Vietnamese month and year after "born"
        ("Em Hoa (sinh tháng 11/2003) bị đưa sang", "(sinh [DOB])"),
    ],
)
def test_birth_dates_in_more_forms_go(text: str, scrubbed: str) -> None:
    assert scrubbed in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "They travelled on 3 Shawwal 1445 to Jeddah.",  # a recent Hijri year: an event
        "令和5年4月1日に保護された",  # an era date of this decade: an event
        "On the first of May 2024 she left the farm.",
        "vào tháng 9/2023 chị bị bán",  # a month of an event, no "born"
        "Ramadan 2024 began on a Monday.",
    ],
)
def test_dates_of_events_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a found name that is a big town's name too, mentioned again alone
        ("The broker, Mzee Hassan, took the fee. Hassan is reachable by phone.", "Hassan"),
        ("Agent Mr Austin promised jobs. Later Austin stopped answering.", "Austin"),
        # Romanian naming words, and a cue that hides behind the word before it
        ("zice că o cheamă ilinca și că e din bacău", "ilinca"),
        ("patronul, un italian pe nume gennaro, le ia banii", "gennaro"),
        ("client say her boss name is ali, he keep her passport", "ali"),
        # a surname told alone after 姓
        ("介绍人姓刘，住在郑州", "刘"),
    ],
)
def test_names_in_more_forms_go(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the same words placed, or as words
        ("Mama Victoria sent the girls to Victoria by bus.", "to Victoria"),
        ("The agent Mr Austin promised work in Austin.", "in Austin"),
        ("请填写姓名：", "姓名"),
        ("老百姓，都知道", "百姓"),
    ],
)
def test_what_only_looks_like_it_stays(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a Hungarian street with "u." (utca), its floor and door
        ("Szállásuk: Rákóczi u. 7, 3. em. 2. A rendőrség nyomoz.", "A rendőrség nyomoz."),
        # "planta alta", the upper floor (Argentina)
        ("El taller funcionaba en Av. Rivadavia 5120, planta alta. Se dio aviso.", "Se dio aviso."),
    ],
)
def test_addresses_in_more_forms_go_whole(text: str, kept: str) -> None:
    out = scrub(text).text
    assert out.count("[ADDRESS]") == 1, out
    assert out.endswith(kept), out
    assert not any(w in out for w in ("Rákóczi", "em.", "Rivadavia", "planta")), out


def test_german_und_before_a_number_is_no_street() -> None:
    text = "Frauen u. 3 Kinder wurden befreit"
    assert scrub(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Vehicle seen: a grey VW Passat, no plates.",  # a car's make and model
        "Driver used a white Vauxhall Vivaro van.",
        "पीड़िता (उम्र 19) को ले जाया गया",  # "age" before an age is no name
        "সে (বয়স ১৬) জানায়",
    ],
)
def test_cars_and_ages_are_no_names(text: str) -> None:
    assert "[NAME]" not in scrub(text).text
