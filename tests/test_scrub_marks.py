"""Word edges in scripts written with combining marks (made-up sentences, no batch text).

Python's ``\\w`` holds no combining mark, so a pattern's word edge fell inside Indic
and Thai words after a vowel sign: "पता" (address) read inside "लापता" (missing).
"""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.text import Text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "missing girl: …": the label "पता" (address) is the end of "लापता"
        ("लापता लड़की: सीमा, उम्र 15, आखिरी बार बस अड्डे पर देखी गई।", "आखिरी बार बस अड्डे"),
        ("लापता मजदूरों की सूची: 12 लोग, सभी झारखंड से, ठेकेदार के साथ गए।", "झारखंड से"),
    ],
)
def test_a_label_inside_a_longer_word_makes_no_address(text: str, kept: str) -> None:
    out = scrub(text).text
    assert "[ADDRESS]" not in out
    assert kept in out


def test_a_real_label_still_opens_an_address() -> None:
    out = scrub("उसका पता: मकान नं. 14, गली नं. 3, सीमापुरी, दिल्ली।").text
    assert "[ADDRESS]" in out
    assert "सीमापुरी" not in out


def test_a_cue_word_does_not_start_inside_a_word_after_a_vowel_sign() -> None:
    # "त" follows the vowel sign "ि" inside "पीड़िता" (victim); alone it is a word
    t = Text("पीड़िता त")
    assert t.starts(frozenset({"त"})) == [len("पीड़िता ")]
