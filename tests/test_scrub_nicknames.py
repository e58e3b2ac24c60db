"""A nickname after the words that announce one, without quotes, in many languages
(made-up text), and what such words announce that is no person."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The workers call him Bull behind his back.",
            "The workers call him [NAME] behind his back.",
        ),
        (
            "Los jornaleros le dicen el Flaco al capataz.",
            "Los jornaleros le dicen el [NAME] al capataz.",
        ),
        (
            "Der Fahrer, ein gewisser Hammer, nahm die Pässe.",
            "Der Fahrer, ein gewisser [NAME], nahm die Pässe.",
        ),
        (
            "Вербовщик по прозвищу Молот забрал паспорта.",
            "Вербовщик по прозвищу [NAME] забрал паспорта.",
        ),
        ("Makrot kallad Vargen tog passen.", "Makrot kallad [NAME] tog passen."),
        ("Werbowała ją niejaka 'Wiosna' z Opola.", "Werbowała ją niejaka '[NAME]' z Opola."),
        (
            "Elle a été accueillie par un certain Samedi à Lomé.",
            "Elle a été accueillie par un certain [NAME] à Lomé.",
        ),
        # a big place or a title alone after the same words stays
        ("He was moved to a town known as Lagos.", "He was moved to a town known as Lagos."),
        ("The boss is known as Madam only.", "The boss is known as Madam only."),
    ],
)
def test_a_nickname_after_its_cue_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept
