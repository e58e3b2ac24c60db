"""A name set off by commas after the person it names, in Arabic script (pure).

"زن افغان، فرشته احمدی، متولد …" (an Afghan woman, Fereshteh Ahmadi, born …), "شاب سوداني،
آدم إسحاق، محتجز …" (a young Sudanese man, Adam Ishaq, held …), "ابنة أختها زهراء، عمرها 15
سنة" (her sister's daughter Zahra, aged 15): Arabic, Persian, Urdu and Pashto set a name
off after the words for the person, and no capital marks it. One to three words between a
comma (or a colon) after a word for a person and a comma or a bracket are a name when no
word of them is a function word or has a digit; so are one or two words after a word for
a person that an age follows ("…، عمرها 15 سنة").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.scripts import script_cue
from producers.intake.scrubbing.text import words

# words for a person, with the nationality or kin words that may follow them
_PERSONS = (
    "زن|مرد|دختر|پسر|نوجوان|کودک|پناهجو|پناهجوی|کارگر|مهاجر|سرپرست خانواده|"
    "شاب|شابة|فتاة|امرأة|رجل|طفل|طفلة|العاملة|العامل|الضحية|عاملة|عامل|لاجئ|لاجئة|"
    "لڑکی|لڑکا|عورت|بچی|بچہ|مزدور|"
    "هلک|نجلۍ|ښځه|سړی|ماشوم|"
    "زوج|زوجة|ابن|ابنة|بنت|أخ|أخت|خال|خالة|عم|عمة|"
    # kin, friends and employers, Persian and Arabic, which take a possessive ending
    "شوهر|همسر|برادر|خواهر|پدر|مادر|دوست|کارفرما|صديق|صديقة|كفيل|والد|والدة"
)
# the possessive ending on the word for the person: "شوهرش" (her husband), "صديقتها"
_POSSESSIVE = "(?:ش|ها|ه|تها|ته|م)?"
_ARABIC = re.compile("[\u0620-\u064a]")
_ARABIC_WORD = "[\u0620-\u064a\u0671-\u06d3\u200c]+"
_APPOSITIVE = re.compile(
    rf"(?<![\u0600-\u06ff])(?:{_PERSONS}){_POSSESSIVE}(?:\s+{_ARABIC_WORD}){{0,2}}\s*[،:]\s*"
    rf"(?P<name>{_ARABIC_WORD}(?:\s+{_ARABIC_WORD}){{0,2}})\s*(?=[،(:]|\s+\()"
)
_AGED = re.compile(
    rf"(?<![\u0600-\u06ff])(?:{_PERSONS})(?:\s+{_ARABIC_WORD}){{0,2}}\s+"
    rf"(?P<name>{_ARABIC_WORD}(?:\s+{_ARABIC_WORD})?)\s*،\s*(?:عمرها|عمره|سنها|سنه)"
)
# words that are no part of a name: function words, verbs of being, "years", "born"
_NOT_NAME = words(
    """
    في من إلى الى على عن مع أن إن كان كانت هو هي قد لم تم التي الذي سنة عاما ساله سال
    و از در به با که را این آن یک است بود کی کے کا میں سے پر اور ہے تھا تھی د په له او
    متولد مواليد المولود ساکن مقیم اهل اهالی
    او ما شما آنها ایشان انها هم هن نحن أنا انا
    """
)


def arabic_appositives(text: str) -> list[tuple[int, int]]:
    """Names set off after the words for a person (module docstring)."""
    if ("،" not in text and ":" not in text) or not _ARABIC.search(text):
        return []
    out: list[tuple[int, int]] = []
    for pattern in (_APPOSITIVE, _AGED):
        for m in pattern.finditer(text):
            words = m.group("name").split()
            if any(w in _NOT_NAME for w in words):
                continue
            start = m.start("name")
            if len(words) > 1 and script_cue(words[0]):
                start = text.index(words[1], start + len(words[0]))  # "آقای حسین کاظمی"
            out.append((start, m.end("name")))
    return out
