"""Names "and"-paired with a found name, and a found name's words again declined or with
a particle, in any script: made-up text, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a word after "and" beside a found name and its bracket
        ("Fatuma Hassan (aliyezaliwa 2004) na Rehema walipelekwa Oman.", "Rehema"),
        ("রুমানা আক্তার (জন্ম ১২/০৩/২০০৩) ও মরিয়মকে দুবাই পাঠানো হয়।", "মরিয়ম"),
        ("प्रिया शर्मा (जन्म 2005) और अंजलि को दिल्ली ले जाया गया।", "अंजलि"),
        ("მარიამ ბერიძე (დაბ. 2001) და ეკა გერმანიაში წაიყვანეს.", "ეკა"),
        # a word opening its clause before "and" and a found name
        ("সালমা ও রুমানা আক্তার (জন্ম ১২/০৩/২০০৩) দুবাই যান।", "সালমা"),
        # a found name again, declined or with a particle written onto it
        ("Kalinda Mwale (s. 2002) asui Turussa. Kalindan puhelin on pois päältä.", "Kalindan"),
        ("ნათია ხელაძე (დაბ. 1999) თურქეთში წაიყვანეს. ნათიას დედა ეძებს.", "ნათია"),
        ("আয়েশা সিদ্দিকা (জন্ম ২০০২) নিখোঁজ। আয়েশার ভাই থানায় গেছেন।", "আয়েশা"),
        ("وصلت الضحية مريم الحسن إلى بيروت. هاتف لمريم مغلق.", "مريم"),
    ],
)  # fmt: skip
def test_paired_and_declined_names_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a pronoun after "and", before a kin word, is no name
        ("রোকেয়া খাতুন (জন্ম ২০০১) ও তার বোন দুবাই যান।", "তার বোন"),
        ("सुनीता देवी (जन्म 1999) और उसकी माँ दिल्ली गईं।", "उसकी"),
        ("Amina Yusuf (b. 2004) and her sister left Kano.", "her sister"),
        # a place or an ordinary word after "and" stays
        ("Grace Mensah (b. 2003) and Accra police met twice.", "Accra"),
        # an ordinary word that begins with a found name stays; a found name opening a run
        # of other capitalised words names a firm
        ("Mr Kan Wong was held; the Kangaroo Express van took them.", "Kangaroo"),
        ("Sara Rahman, 17, worked at Rahman Knit Composite Ltd.", "Rahman Knit"),
    ],
)  # fmt: skip
def test_ordinary_words_beside_names_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text
