"""The rounds on batches 52 and 53: a person's age after a word that is also a town, an
initial and a surname, kin words, Slovak and Czech streets in the locative, a Basque
floor, a Ukrainian title, Gaelic surnames, article nicknames, Hungarian "néven" (made-up
text, not the batches')."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town has no age: a given name that is also a town, at a sentence's start
        ("Outreach log. Tyler, 16, was seen at the car wash again.",
         "Outreach log. [NAME], 16, was seen at the car wash again."),
        # a town with a date or a count after it stays
        ("She was moved to Tyler, 15 May 2024, by bus.", None),
        ("Moved from Lagos, 12 hours by road, to Abuja.", None),
        # one initial and a surname no list of words or places holds
        ("The kiln owned by R. Selvaraj was closed after the inspection.",
         "The kiln owned by [NAME] was closed after the inspection."),
        # a kin word, then a name set off by commas, in more languages
        ("Su hermano, Efraín, la llevó a la frontera.",
         "Su hermano, [NAME], la llevó a la frontera."),
        ("Ny anabaviny, Voahangy, no niantso.", "Ny anabaviny, [NAME], no niantso."),
        ("Kakaknya, Sulastri, bekerja di Batam.", "Kakaknya, [NAME], bekerja di Batam."),
        # a letter labelling a plan, a part or an option is none
        ("We chose Plan B. Police were called later.", None),
        ("Option C. Ndola became the main route.", None),
    ],
)  # fmt: skip
def test_names_round_52(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Slovak and Czech streets named by an adjective in the locative, no street word
        ("Teta býva na Štúrovej 18 v Poprade.", "Teta býva na [ADDRESS] v Poprade."),
        ("Bydlela na Dlouhé 7 v Brně.", "Bydlela na [ADDRESS] v Brně."),
        # a country, a holiday or a count after "na" is no street
        ("Pracovala na Slovensku 12 rokov.", None),
        ("Prišla na Vianoce 2023 domov.", None),
        # a Basque floor after its number and a dot
        ("Helbidea: Santa Maria kalea 14, 2. solairua, Tolosa.", "Helbidea: [ADDRESS], Tolosa."),
    ],
)
def test_addresses_round_52(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the round on batch 53: a Ukrainian title, Gaelic surnames by their shape
        ("Власник, пан Богдан, тримав їхні паспорти.",
         "Власник, пан [NAME], тримав їхні паспорти."),
        ("Thàinig fios bho Seonag NicIlleathain an-dè.", "Thàinig fios bho [NAME] an-dè."),
        ("She bought a MacBook Pro for the office.", None),
        # a nickname opened by a capitalised article after a cue; a group's or a town's not
        ("Un tipo al que llaman El Flaco cobra la cuota.",
         "Un tipo al que llaman [NAME] cobra la cuota."),
        ("the workers call La Gorda the manager.", "the workers call [NAME] the manager."),
        ("the gang called La Familia recruits boys.", None),
        ("the town they call El Paso was quiet.", None),
        # Turkmen surnames in -ýew, with the given name before
        ("Ony Stambula iberen Döwlet Orazýew pasportyny aldy.",
         "Ony Stambula iberen [NAME] pasportyny aldy."),
        # Hungarian: a quoted name before "néven" (by the name)
        ("a férfit csak „Zoli” néven ismerték.", "a férfit csak „[NAME]” néven ismerték."),
    ],
)  # fmt: skip
def test_round_53(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)
