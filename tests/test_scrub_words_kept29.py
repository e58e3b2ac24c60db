"""Ordinary words the scrubber took as identifiers until the round tuned on batches 1-29
(made-up text, not from the labelled batches). Each case fails on the scrubber before."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "out"),
    [
        # a document's cue then "is": the verb stays, the number goes
        ("Her NIN is 40917263518 per the form.", "Her NIN is [ID] per the form."),
        ("The card no. was KX4471920 then.", "The card no. was [ID] then."),
        # the platforms' usernames are ASCII: a word after a platform's name is a word
        (
            "la contactaron por Instagram prometiéndole un empleo",
            "la contactaron por Instagram prometiéndole un empleo",
        ),
        ("Instagram hesabı @deniz.k0 üzerinden", "Instagram hesabı [HANDLE] üzerinden"),
        # a letter of an abbreviation is no initial
        ("charged under 8 U.S.C. § 1324 last year", "charged under 8 U.S.C. § 1324 last year"),
        # a bracketed word of a statute's title is the title's
        (
            "the Child Labour (Prohibition and Regulation) Act applies",
            "the Child Labour (Prohibition and Regulation) Act applies",
        ),
        (
            "under the Persons (Prevention, Suppression) Decree",
            "under the Persons (Prevention, Suppression) Decree",
        ),
    ],
)
def test_ordinary_words_stay(text: str, out: str) -> None:
    assert scrub(text).text == out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("find me on instagram lina.moreau22 tonight", "lina.moreau22"),
        ("Telegram: kostya_vlg", "kostya_vlg"),
        # a nickname in brackets inside a name is still a name
        ("The girl Vilayphone (Toy) Sisavath was moved", "Toy"),
        ("witness J.K. said the van left", "J.K."),
    ],
)
def test_what_looks_alike_still_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text
