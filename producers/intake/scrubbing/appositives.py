"""A name set off by commas after the person it names, in scripts without capitals (pure).

"زن افغان، فرشته احمدی، متولد …" (an Afghan woman, Fereshteh Ahmadi, born …), "شاب سوداني،
آدم إسحاق، محتجز …" (a young Sudanese man, Adam Ishaq, held …), "ابنة أختها زهراء، عمرها 15
سنة" (her sister's daughter Zahra, aged 15), "עובדת סיעוד מהפיליפינים, רוזלי סנטוס, סיפרה"
(a caregiver from the Philippines, Rosalie Santos, said), "א פֿרוי פֿון אוקראַינע, חנה …, האָט"
(Yiddish, a woman from Ukraine): Arabic, Persian, Urdu, Pashto, Hebrew and Yiddish set a
name off after the words for the person, and no capital marks it. One to three words
between a comma (or a colon) after a word for a person and a comma or a bracket are a name
when no word of them is a function word or has a digit; in Arabic script so are one or
two words after a word for a person that an age follows ("…، عمرها 15 سنة"). One rule,
with each script's words for persons and its function words.
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


# Hebrew and Yiddish: the words for a person, with the article "ה" before them (and "that",
# "when" or "and": "סיפרה שהמעסיק, יוסי לוי,", she said that the employer, …); the
# Yiddish pointing (U+05B0–U+05C7) and a geresh written as an apostrophe ("ג'ובלין") are
# part of a word
# of the proclitics (``text.HEBREW_PROCLITICS``) the conjunctions that open a clause:
# "that", "when" (two of them), "and"
_HEBREW_PREFIX = "(?:ש|כש|ו)"
_HEBREW_PERSON_WORDS = (
    "ה?(?:אישה|אשה|נערה|נער|ילדה|ילד|עובדת|עובד|מהגרת|מהגר|צעירה|צעיר|קטינה|קטין|בחורה|"
    "בחור|מעסיק|מעסיקה|נפגעת|נפגע|מטפלת|מטפל|חשוד|חשודה|סרסור|מגייס|מגייסת|מתווך|מתווכת)"
)
_HEBREW_PERSONS = (
    f"{_HEBREW_PREFIX}?{_HEBREW_PERSON_WORDS}|"
    "פֿרוי|פרוי|מיידל|מיידעל|ייִנגל|יינגל|מאַן|מאן|באַלעבאָס|באלעבאס|אַרבעטער|אַרבעטערין|"
    "ארבעטער|ארבעטערין|קינד"
)
_HEBREW = re.compile("[\u05d0-\u05ea]")
_HEBREW_WORD = (
    "[\u05b0-\u05c7\u05d0-\u05ea\u05f0-\u05f4'’][\u05b0-\u05c7\u05d0-\u05ea\u05f0-\u05f4'’.]*"
)
# on one line, after a comma only: a colon there labels a speaker ("עובד: החקלאי, אבי.")
_HEBREW_APPOSITIVE = re.compile(
    rf"(?<![\u0590-\u05ff])(?:{_HEBREW_PERSONS})(?:[ \t]+{_HEBREW_WORD}){{0,3}}[ \t]*,[ \t]*"
    rf"(?P<name>{_HEBREW_WORD}(?:[ \t]+{_HEBREW_WORD}){{0,2}})[ \t]*(?=[,(]|[ \t]+\()"
)
# a clause after the comma opens with "that" and a word for a person: "דיווחה שהמעסיק"
_HEBREW_THAT_PERSON = re.compile(_HEBREW_PREFIX + _HEBREW_PERSON_WORDS)
# Hebrew and Yiddish words that are no part of a name: function words, pronouns, "aged"
# ("בת 17"), "born", verbs of saying
_HEBREW_NOT_NAME = words(
    """
    של את עם על אל כי גם לא הוא היא הם הן אני שנה שנים בת בן ילידת יליד שם ששמה ששמו
    אשר כאשר אך אבל או וגם היה הייתה סיפרה סיפר אמרה אמר לדבריה לדבריו
    לפי החשד כנראה הנראה ככל כך בין היתר עוד כבר אז אחר לטענתה לטענתו לדברי למשל כלומר
    בעיקר בנוסף אולם ואולם למרות בגלל מאז עדיין שוב בפועל לכאורה כביכול
    דיווחה דיווח מספרת מספר טוענת טוען מסרה מסר פנתה פנה ציינה ציין הוסיפה הוסיף
    אזרח אזרחית תושב תושבת נתין נתינה
    פֿון פון אין און מיט איז האָט האט די דער דאָס דאס אַ א זי ער מע ווי אויף
    """
)


def appositives(text: str) -> list[tuple[int, int]]:
    """Names set off after the words for a person (module docstring)."""
    out: list[tuple[int, int]] = []
    if "," in text and _HEBREW.search(text):
        out += [
            (s, e)
            for s, e in _found(text, (_HEBREW_APPOSITIVE,), _HEBREW_NOT_NAME)
            if not any(_HEBREW_THAT_PERSON.fullmatch(w) for w in text[s:e].split())
        ]
    if ("،" not in text and ":" not in text) or not _ARABIC.search(text):
        return out
    return out + _found(text, (_APPOSITIVE, _AGED), _NOT_NAME)


def _found(
    text: str, patterns: tuple[re.Pattern[str], ...], not_name: frozenset[str]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            words = m.group("name").split()
            if any(w in not_name for w in words):
                continue
            start = m.start("name")
            if len(words) > 1 and script_cue(words[0]):
                start = text.index(words[1], start + len(words[0]))  # "آقای حسین کاظمی"
            out.append((start, m.end("name")))
    return out
