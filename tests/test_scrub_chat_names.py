"""Names in text written without capitals (chat): after kin, friends and bosses, a found
name's later lower-case mentions, and Slavic forms that change a name's last vowel (all
text made up)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.text import without_capitals


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("mi prima sandra se fue con un señor a madrid y no contesta", "sandra"),
        ("my boss kevin keeps my passport in his car, pls help", "kevin"),
        ("моя подруга оля уехала в турцию, у неё забрали паспорт", "оля"),
        ("chị ơi em tên là thảo, em đang bị giữ ở một nhà hàng", "thảo"),
        ("ate tulong po, andito po si marites sa riyadh, hindi po pinapakain", "marites"),
    ],
)
def test_a_lower_case_name_after_kin_friends_and_bosses_goes(text: str, gone: str) -> None:
    assert f" {gone} " not in f" {scrub(text).text} "


def test_a_found_names_lower_case_mentions_go_in_chat_text() -> None:
    text = "un tal ramiro benítez la llevó al taller. el número de ramiro es 1122 3344 55"
    out = scrub(text).text
    assert "ramiro" not in out
    assert "benítez" not in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Её подругу зовут Настя Петрова. О Насте ничего не известно.", "Насте"),
        ("Brygadzista Tomek Nowicki zabrał paszporty. Kontakt do Tomka przez kolegę.", "Tomka"),
    ],
)
def test_a_slavic_form_of_a_found_name_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


def test_acronyms_do_not_make_chat_text_capitalised() -> None:
    assert without_capitals("texter says her boss took her ID and the LVMPD was told")
    assert not without_capitals(
        "Outreach note: Ana Silva met Jose Ortiz at the Central Bus Station."
    )


@pytest.mark.parametrize(
    "text",
    [
        "my boss said we work sunday too",
        "si tiene documentos, que los traiga mañana",
        "the agency boss never answered the labour inspector",
    ],
)
def test_words_after_those_cues_that_are_no_name_stay(text: str) -> None:
    assert scrub(text).text == text
