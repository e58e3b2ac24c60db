"""A title or kin word opening a name stays; the name after it goes (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Madam 'Mama Efe' made her swear an oath.", "Madam 'Mama [NAME]' made her swear an oath."),
        ("The girls went on to Alhaji Tanko Bala.", "The girls went on to Alhaji [NAME]."),
        ("Le marabout Serigne Modou Diop les gardait.", "Le marabout Serigne [NAME] les gardait."),
        ("They owed Uncle Minh money.", "They owed Uncle [NAME] money."),
        ("Ẹni tí ó mú u lọ ni Ìyá Bísí.", "Ẹni tí ó mú u lọ ni Ìyá [NAME]."),
        # Vietnamese kin words before a surname-first name; before a given name a name
        ("Chị Trần Thị Hạnh bị giữ hộ chiếu.", "Chị [NAME] bị giữ hộ chiếu."),
        ("Môi giới là ông Phạm Văn Lộc ở Hải Phòng.", "Môi giới là ông [NAME] ở Hải Phòng."),
        # a Turkish case ending after an apostrophe goes with the name, a title after it stays
        ("İşveren Hatice Kaya'nın adresi belli değil.", "İşveren [NAME]'nın adresi belli değil."),
        ("Ayşe Hanım'ın eşi Murat Yılmaz.", "[NAME] Hanım'ın eşi [NAME]."),
        # a title repeated is the name; "Big" is part of a nickname; a lone title stays
        ("Crew member Ko Ko Lwin escaped.", "Crew member Ko [NAME] escaped."),
        ("The boss, 'Big Femi', kept the phones.", "The boss, '[NAME]', kept the phones."),
        ("Mama said the house was full.", "Mama said the house was full."),
        # an honorific before a surname is a given name ("Don Smith"), before a given
        # name or an unknown word a title ("Don Aurelio")
        ("el patrón, Don Ramiro Quispe, pagaba poco", "el patrón, Don [NAME], pagaba poco"),
    ],
)
def test_a_title_opening_a_name_stays(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an ordinary word opening a sentence before a listed name: perpetrator, owner
        ("Pachatel Tomáš Novák mu vzal pas.", "Pachatel"),
        ("Policie zasáhla. Majitel Radek Svoboda utekl.", "Majitel"),
    ],
)
def test_an_ordinary_word_opening_a_sentence_is_no_part_of_the_name(text: str, kept: str) -> None:
    out = scrub(text).text
    assert kept in out, out
    assert "Novák" not in out, out
    assert "Svoboda" not in out, out
