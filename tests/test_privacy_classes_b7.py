"""Classes changed after blind batch 7, on made-up text (none of it from a batch).

Batch 7 lost 3.51% of its ordinary words blind. Each set in tests/data/privacy_madeup_b7_*
was written before the scrubber was changed for its class and scored first as it was:
words kept (privacy_madeup_b7_words.jsonl): 19/19 removed, 36/143 words lost (25.2%).
The second (privacy_madeup_b7_words2.jsonl: an age or a verb after a cue in Persian, Urdu
and Amharic, Spanish and Portuguese verbs opening a sentence, an acronym before a whole
name, a home in a quarter of a known town) was written after its rules were coded and
scored on the scrubber before them (0f1172f): 7/7 removed, 17/90 words lost (18.9%).
Misses by class (privacy_madeup_b7_misses.jsonl: Arabic cues with vowel marks and kunyas,
Greek, Ukrainian, Turkish, Japanese and Khmer birth dates, Bengali "মো.", later mentions
of a given name), written before the change: 13/23 removed (56.5%), 6/125 words lost.
Names after role words in other scripts (privacy_madeup_b7_roles.jsonl: Greek, Urdu,
Amharic, Nepali, Thai roles, a given name's home in a place field, titles before names
that are words), written before the change: 7/12 removed (58.3%), 10/97 words lost.
Addresses (privacy_madeup_b7_addresses.jsonl: Turkish "Sk./Cd. No: D:", a Greek street
and its town before a postcode), written before the change: 1/5, 4/45 words lost.
A third words set (privacy_madeup_b7_words3.jsonl: German "Betroffene", "Roma", an
address's label written onto it in Japanese), written before the change: 5/5, 3/41 lost.
Names beside a kin word or honorific (privacy_madeup_b7_kin.jsonl: "mohan bhai", "Salma
Apa", "सीमा दीदी", "tita lorna's", two negatives), written before the change: 2/7 removed,
3/98 words lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from producers.intake.scrub import scrub
from tests.privacykit import assert_made_up_set

DATA = Path(__file__).parent / "data"
# each set: every identifier removed, and at most this share of its other words lost
SETS = {
    # what is still lost: a town after an address (batches 4 and 6 labelled it part of
    # the address, batch 7 did not), Korean units before a road (so did batch 6), kin
    # titles that earlier writers put in the name ("Auntie", "Mak"), "Kadın" (a name too)
    "privacy_madeup_b7_words.jsonl": 0.065,
    "privacy_madeup_b7_words2.jsonl": 0.0,
    "privacy_madeup_b7_misses.jsonl": 0.0,
    # still lost: "behind the bakery" before an address, "Quảng Đông" (a province) as a name
    "privacy_madeup_b7_roles.jsonl": 0.059,  # 5 words; 85 since tokens keep their marks
    # still lost: the Hindi district after an address ("ज़िला दरभंगा"): the batch-6 made-up
    # sets put districts in the address, batch 7 did not
    "privacy_madeup_b7_addresses.jsonl": 0.09,
    "privacy_madeup_b7_words3.jsonl": 0.0,
    "privacy_madeup_b7_kin.jsonl": 0.0,
}
# what is still missed, known: a lower-case name with no cue ("talked to sunita today")
KNOWN_MISSES = {"k01"}


@pytest.mark.parametrize("name", sorted(SETS))
def test_made_up_sets_are_scrubbed(name: str) -> None:
    assert_made_up_set(DATA / name, SETS[name], KNOWN_MISSES)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the mark after a birth year stays
        ("Работница Зарина Алиева, 1998 г.р., жила в общежитии.", "г.р."),
        ("Pracownik Piotr Zieliński, ur. 3 maja 1989 r., odzyskał paszport.", "] r.,"),
        # roles, occupations (Faker's job lists) and a declined country before a name
        ("Der polnische Fahrer Adam Nowak wurde befragt.", "Fahrer"),
        ("Pracownik Piotr Zieliński odzyskał paszport.", "Pracownik"),
        ("Гражданин Таджикистана Фаррух Назаров работал без оплаты.", "Таджикистана"),
        # titles of Burmese and Amharic
        ("Recruiter: U Kyaw Min, who worked with Ato Tesfaye Alemu.", "Ato"),
        ("Recruiter: U Kyaw Min, who worked with Ato Tesfaye Alemu.", "U "),
        # firms joined by "&"; a page named in ordinary words and places, in quotes
        ("The agency Parker & Hill Staffing called twice.", "Parker"),
        ("recruited through the Facebook page 'Gulf Jobs Kenya' by an agent", "Jobs"),
        # Arabic landmark words alone make no address ("مقابل فدية": for a ransom)
        ("احتجز العمال قرب الإسكندرية مقابل ديون؛ دفعت عائلاتهم 2000 دولار.", "عائلاتهم"),
        # a motorway's code is no house number
        ("Autohof A7, Raststätte Allertal Ost", "Raststätte"),
    ],
)
def test_ordinary_words_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("по адресу: г. Новосибирск, ул. Ленина, д. 12, кв. 5.", "Ленина"),
        ("за адресою: м. Львів, вул. Шевченка, буд. 8, кв. 3.", "Шевченка"),
        ("Der polnische Fahrer Adam Nowak wurde befragt.", "Nowak"),
        ("Гражданин Таджикистана Фаррух Назаров работал без оплаты.", "Назаров"),
        ("Recruiter: U Kyaw Min, who worked with Ato Tesfaye Alemu.", "Kyaw"),
        ("Recruiter: U Kyaw Min, who worked with Ato Tesfaye Alemu.", "Tesfaye"),
        ("Djevojka je rođena 8. svibnja 2005. u Splitu kod tete Ane Horvat.", "svibnja"),
    ],
)
def test_identifiers_beside_them_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text
