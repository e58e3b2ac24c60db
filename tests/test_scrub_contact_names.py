"""Names told by the contacts in the same text (scrubbing/contact_names.py): made-up
sentences, none from a labelled batch, with contacts made of ordinary words beside them."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname of an email, written again with no cue (the rules alone keep it)
        ("Lettre de moussa.traore.voyages@yahoo.fr : Traore promet des visas.", "Traore"),
        # lower-case chat: a name of a handle, no English word
        ("girl said her bf tomek drives her to clients, his snap is tomek.w.wawa", "tomek"),
        ("tiktok @keisha.glowup posts the ads and keisha answers the dms", "keisha"),
    ],
)
def test_a_name_written_into_a_contact_goes_everywhere(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # words of a contact that are ordinary words, roles, titles or places stay
        ("Write to pastor.jobs.kenya@gmail.com: the Pastor promised jobs in Kenya.",
         ["Pastor", "jobs", "Kenya"]),
        ("Agency page facebook.com/gulf.work.visa: Gulf work visas advertised.",
         ["Gulf", "work", "visas"]),
        # the capitalised word beside a mention is a role: it stays
        ("Vorarbeiter Hristov (bau.hristov@abv.bg) kassierte die Miete.", ["Vorarbeiter"]),
    ],
)  # fmt: skip
def test_ordinary_words_of_a_contact_stay(text: str, kept: list[str]) -> None:
    out = scrub(text).text
    assert all(word in out for word in kept), out
