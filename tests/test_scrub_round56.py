"""Made-up cases of the round tuned on batch 56 (with the Latin-letter surname endings and
declined country names written before it): Soviet, Polish and Caucasian surnames in Latin
letters, a country with a case ending after a name, a trailing country after a given name
and surname, East Slavic years of birth, more calendars' month names, Belarusian cues
(looked up folded as well), Hungarian and Tok Pisin nickname cues, an Irish street, a
Hungarian house number's dot before its units, Maghrebi "his name"."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub
from producers.intake.scrubbing.text import fold, folded_too


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Samarqand viloyatidan Jasur Toshmatov Qozog'istonda ishlagan.", "Toshmatov", "ishlagan"),
        ("Zərərçəkmiş Aynur Həsənova İstanbulda saxlanılıb.", "Həsənova", "saxlanılıb"),
        ("Zgłosił się Taras Melnychuk z Łucka.", "Melnychuk", "Łucka"),
        ("Qashqadaryodan Bahodir Ergashev Rossiyaga ketgan.", "Ergashev", "Rossiyaga"),
        ("Strādāja pie Andra Kalniņa Vācijā bez algas.", "Kalniņa", "Vācijā"),
        ("Марія Коваль, 2001 р. н., звернулася до нас.", "2001", "звернулася"),
        ("Ганна Шэўчык, 1999 г. н., паведаміла.", "1999", "паведаміла"),
        ("الدري تزاد نهار 12 يونيو 2007 فالدار البيضاء.", "2007", "الدري"),
        ("تاریخ پیدائش ۳ جنوری ۱۹۹۹، شناختی کارڈ ضبط", "۱۹۹۹", "شناختی"),
        ("Яе сяброўку Ірыну вывезлі ў Польшчу.", "Ірыну", "Польшчу"),
        ("Вербоўшчык назваўся Андрэем, тэлефон не памятае.", "Андрэем", "тэлефон"),
        ("a férfi, akit mindenki Lacinak hív, elvitte.", "Laci", "elvitte"),
        ("wanpela meri nem bilong em Rosa Kila i kam.", "Rosa Kila", "meri"),
        ("Bhí siad ag 27 Bóthar na Mara, Corcaigh.", "27 Bóthar", "Bhí siad"),
        ("Anyja a Petőfi utca 8. fsz. 2. alatt lakik.", "fsz. 2", "lakik"),
        ("واحد الراجل سميتو حميد، خدام فالبني.", "حميد", "الراجل"),
    ],
)
def test_round_56_identifiers_are_taken(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("They flew from Rostov via Moscow to Lermontov Street.", "Lermontov Street"),
        ("la Fiscalía Especializada en Criminalidad Organizada", "Organizada"),
        ("Referred to Hope Haven Ghana for shelter.", "Hope Haven Ghana"),
        ("Pengaduan ke Badan Pelindungan Pekerja Migran Indonesia.", "Pekerja Migran"),
    ],
)
def test_round_56_words_that_identify_no_one_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


def test_a_word_list_holds_its_folded_forms_too() -> None:
    listed = frozenset({"сяброўку", "tía"})
    assert folded_too(listed) == listed | {fold("сяброўку"), "tia"}
