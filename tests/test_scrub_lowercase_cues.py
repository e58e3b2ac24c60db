"""Lower-case names after a chat's naming words, in several languages (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("she said her bf jay keeps her phone and her money", "jay"),
        ("el tipo que la llevó es un tal pancho, no sabemos más", "pancho"),
        ("die frau ist in köln, der chef heisst ivo und droht ihr", "ivo"),
        ("çocuklar sokakta, adamın adı kemal galiba", "kemal"),
        ("a mulher, a tal de neide, ficou com os documentos", "neide"),
    ],
)
def test_a_lower_case_name_after_a_naming_word_goes(text: str, gone: str) -> None:
    assert f" {gone} " not in f" {scrub(text).text} "


@pytest.mark.parametrize(
    "text",
    ["her bf takes all her money", "el tal vez no sabe nada", "he was called back later"],
)
def test_words_after_a_naming_word_that_are_no_name_stay(text: str) -> None:
    assert scrub(text).text == text
