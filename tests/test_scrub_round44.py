"""The round tuned on batch 44 (after its blind score): plates by their shape in more
countries, a birth date with its month in Roman numerals, a hotel named in lower case or
with two rooms, a Vietnamese apartment block with its flat, "Umm" before a name, the
Azerbaijani "acquaintance" and Malagasy "called" as cues, Finnish surnames in -nen
declined. Made-up text, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("He drives a grey Opel, CB 7731 PH, to the flat.", "CB 7731 PH"),
        ("Bus used: Toyota Hiace, nọmba KJA 219 XY.", "KJA 219 XY"),
        ("Mașina: Dacia Logan albă, nr. CJ 08 MKT.", "CJ 08 MKT"),
        ("Fahrzeug: weißer Transporter, M-AB 902.", "M-AB 902"),
        ("Victim identified as Elena, DOB 17.IV.1999, was found.", "17.IV.1999"),
        ("est logée à l'hôtel Formule Bleu, chambre 22, près de la gare", "chambre 22"),
        ("yes, Hotel Sirius, rooms 3 and 4. tell reception", "rooms 3 and 4"),
        ("She worked in the household of Umm Nasser for a year.", "Nasser"),
        ("tanışı Elvin onu Bakıdan aparıb.", "Elvin"),
        ("Ny mpanera antsoina hoe Rabemananjara Tahina no naka azy.", "Rabemananjara"),
        ("Välittäjä Mikko Virtanen lupasi töitä. Poimijat maksoivat Virtaselle 2 000 euroa.",
         "Virtaselle"),
    ],
)  # fmt: skip
def test_round_44_identifiers_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "He paid EUR 500 USD each to the agent.",
        "The UN 2024 ABC report was cited.",
        "Chapter IV. 2003 was the year the law passed.",
    ],
)
def test_money_reports_and_chapters_stay(text: str) -> None:
    assert scrub(text).text == text
