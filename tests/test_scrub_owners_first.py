"""Owners written before their phone, case endings that go with a name, and the
addresses, birth dates and names of the round on batch 47 (2026-12-05)."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the owner first, in the genitive, then the word for the phone
        ("Poimija Nattapongin puhelin: +358 40 482 9173.", "Poimija [NAME] puhelin: [PHONE]."),
        ("Бауыржанның телефоны: +7 701 482 9173.", "[NAME] телефоны: [PHONE]."),
        ("ராஜேஷின் கைபேசி எண்: 98401 48291.", "[NAME] கைபேசி எண்: [PHONE]."),
        ("അമ്മ ഏലിയാമ്മയുടെ ഫോൺ: 94471 82946.", "അമ്മ [NAME] ഫോൺ: [PHONE]."),
        ("Hejmara têlefona Xelîl: +963 944 829 173.", "Hejmara têlefona [NAME]: [PHONE]."),
        ("ਮਨਦੀਪ ਦਾ ਪਾਸਪੋਰਟ ਨੰਬਰ W4829173 ਹੈ।", "[NAME] ਦਾ ਪਾਸਪੋਰਟ ਨੰਬਰ [ID] ਹੈ।"),
        # roles and kin own numbers too: they stay
        ("Työnantajan puhelin: 040 123 4567.", "Työnantajan puhelin: [PHONE]."),
        ("Апасынын телефону: 0772 691 524.", "Апасынын телефону: [PHONE]."),
        ("ਏਜੰਟ ਦਾ ਮੋਬਾਈਲ: 98140 48291।", "ਏਜੰਟ ਦਾ ਮੋਬਾਈਲ: [PHONE]।"),
        ("परिजन का फ़ोन +91 94150 41829।", "परिजन का फ़ोन [PHONE]।"),
        # a found declined name's bare stem elsewhere is the same person
        (
            "Жұмыс берушісі Бауыржан төлқұжатын алды. Бауыржанның телефоны: +7 701 482 9173.",
            "Жұмыс берушісі [NAME] төлқұжатын алды. [NAME] телефоны: [PHONE].",
        ),
        # a Turkish case ending after an apostrophe stays outside the name (the labelling
        # brief since batch 61; round 92); a title after it and the Turkish Republic's
        # "T.C." stay
        (
            "Ayşe'nin evinde çalıştı. Ayşe Yılmaz T.C. kimlik no: 38192746510.",
            "[NAME]'nin evinde çalıştı. [NAME] T.C. kimlik no: [ID].",
        ),
        ("Murat Bey'in eşi Ayşe Hanım.", "[NAME] Bey'in eşi [NAME] Hanım."),
        # Singh and Kaur end a Sikh name: the word before is the person's own
        ("ਸ਼ਿਕਾਇਤ: ਗੁਰਪ੍ਰੀਤ ਕੌਰ ਨੇ ਦੱਸਿਆ", "ਸ਼ਿਕਾਇਤ: [NAME] ਨੇ ਦੱਸਿਆ"),
        # a house with its flat or plot after an address label; a Croatian street declined
        ("Ta elab aadressil Rüütli 12-4, Pärnu.", "Ta elab aadressil [ADDRESS], Pärnu."),
        ("ubytovna na adrese Jateční 1187/12. Kontakt", "ubytovna na adrese [ADDRESS]. Kontakt"),
        (
            "Stanovala je u Ulici Ante Starčevića 14, stan 3. Mobitel",
            "Stanovala je u [ADDRESS]. Mobitel",
        ),
        # a Slovak birth date with its month in Roman numerals
        ("Marián Lacko (OP EA482917, nar. 12. V. 1990)", "[NAME] (OP [ID], nar. [DOB])"),
    ],
)
def test_round_47(text: str, expected: str) -> None:
    assert scrub(text).text == expected
