"""Names told by the kin word or honorific written beside them (pure).

South Asian usage puts an honorific after a name, in Latin letters or in Devanagari
("raju bhai", "Salma Apa", "रीना दीदी", "राकेश भाई"); Filipino and English chat puts a
kin title before a name written without capitals ("tita lorna's place", "aunty rosa").
The word beside the kin word is a name when no word list knows it as an ordinary word.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.cues import opens_sentence
from producers.intake.scrubbing.lexicon import Lexicon, english, fold
from producers.intake.scrubbing.text import words
from producers.intake.scrubbing.wordlists import FUNCTION, PERSONS

_AFTER = re.compile(
    r"(?<![\w'’-])(?:(?P<name>[A-Za-z][a-z]{2,14})\s+"
    r"(?i:bhai|bhaiya|didi|ji|sahab|saheb|dada|apa|baji|bhabhi|chacha)"
    # Uzbek "aka" and "opa" (elder brother, sister), pinyin "ge" and "jie" ("Wang ge"); an
    # English "X aka Y" names X too. After a capital only: Hausa "wadda aka haifa" (who
    # was born)
    r"|(?P<capital>[A-Z][a-z]{2,14})\s+(?:aka|opa|ge|gege|jie|jiejie))(?![\w'’-])"
)
_BEFORE = re.compile(
    r"(?<![\w'’-])(?:tita|tito|aunty|auntie|kuya|ate|lola|lolo)\s+"
    r"(?P<name>[a-z]{3,15}(?:-[a-z]{2,10})?)(?![\w-])"  # "kuya jun-jun"
)
# Kazakh, Kyrgyz and Uzbek Cyrillic: "Айгүл эже", "Ерлан аға", "Бакыт байке"
_AFTER_CYRILLIC = re.compile(  # a quote may open it: "'Бота апай' деп аталатын"
    r"(?<![\w-])(?<!\w['’])(?P<name>[А-ЯЁӘӨҮҰҚҒҢҺІ][а-яёәөүұқғңһі]{2,14})\s+"
    r"(?:эже|әже|аке|ака|апа|аға|ага|байке|апай)(?![\w-])(?!['’]\w)"
)
_DEVANAGARI_KIN = "भाई|दीदी|जी|साहब|भैया|दादा|बहन"
_AFTER_DEVANAGARI = re.compile(
    rf"(?<![\u0900-\u097f])(?P<name>[\u0900-\u097f]{{2,16}})\s(?:{_DEVANAGARI_KIN})(?![\u0900-\u097f])"
)
# Hindi words that stand before a kin word and are no name: "भाई जी", "बड़े भाई", "उसकी दीदी"
_NOT_DEVANAGARI = words(
    "भाई दीदी जी साहब भैया दादा बहन बड़े बड़ी छोटे छोटी उसके उसकी उनके उनकी मेरे मेरी "
    "अपने अपनी के की का ने को से में और कि है था थी तो भी कहा"
)
_HINTS = (
    " bhai", " bhaiya", " didi", " ji", " sahab", " saheb", " dada", " apa", " baji",
    " bhabhi", " chacha", "tita ", "tito ", "aunty ", "auntie ", "kuya ", "ate ", "lola ",
    "lolo ", "भाई", "दीदी", "जी", "साहब", "भैया", "दादा", "बहन", " aka", " opa", " ge",
    " jie", " эже", " әже", " аке", " ака", " апа", " аға", " ага", " байке",
)  # fmt: skip


# Turkish: a capitalised word in the genitive, then what only a person has ("Yusuf'un
# ağabeyi", "Ayşe'nin annesi", "Kemal'in ifadesine göre"): the name with its suffix (the
# batches keep case endings inside a name)
_TURKISH_OWNER = re.compile(
    r"(?<![\w'’-])[A-ZÇĞİÖŞÜ][a-zçğıöşüâî]{2,14}['’](?:n?[uüıi]n)\s+"
    r"(?=(?:ağabey|abi|abla|anne|baba|kardeş|kız\s+kardeş|eş|koca|karı|oğl|kız|teyze|amca|"
    r"dayı|hala|yeğen|kuzen|nişanlı|sevgili|ifade|beyan|anlatım|pasaport|kimli|patron|"
    r"işveren)[a-zçğıöşü]*\b)"
)


def _turkish_owners(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    if "'" not in text and "’" not in text:
        return []
    out = []
    for m in _TURKISH_OWNER.finditer(text):
        word = m.group(0).rstrip()
        stem = fold(re.split("['’]", word)[0])
        if stem not in lex.places and stem not in lex.nations and stem not in lex.common:
            out.append((m.start(), m.start() + len(word)))
    return out


def kin_names(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out = _turkish_owners(text, lex)
    low = text.lower()
    if not any(h in low for h in _HINTS):
        return out
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(text):
            group = "capital" if m.groupdict().get("capital") else "name"
            norm = fold(m.group(group))
            if (
                not (
                    norm in lex.common or norm in FUNCTION or norm in PERSONS or english(norm, lex)
                )
                or (norm in lex.given and norm not in FUNCTION)
                # capitalised mid-sentence before an honorific: "Pinky didi" (a word too)
                or (
                    pattern is _AFTER
                    and m.group(group)[0].isupper()
                    and not opens_sentence(text, m.start(group))
                    and norm not in FUNCTION
                    and norm not in PERSONS
                )
            ):
                out.append((m.start(group), m.end(group)))
    out += [
        (m.start("name"), m.end("name"))
        for m in _AFTER_CYRILLIC.finditer(text)
        if fold(m.group("name")) not in lex.common
    ]
    out += [
        (m.start("name"), m.end("name"))
        for m in _AFTER_DEVANAGARI.finditer(text)
        if m.group("name") not in _NOT_DEVANAGARI
    ]
    return out
