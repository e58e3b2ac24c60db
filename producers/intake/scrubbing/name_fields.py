"""The value of a form's name field: "Nombre completo: Guadalupe Hernández Cruz", "ФИО:
Абдуллаева Гульнора Рустамовна", "නම: ඩබ්ලිව්. එම්. නිලන්ති කුමාරි" (pure).

Intake forms, registers and referral sheets give a person's name on a line of its own after
a label; the other rules read a name by its cues and spelling, which a form's bare value
lacks (a surname first, initials, a script without capitals). A line that opens with a
name label in one of the languages partners write holds a name up to a bracket, a comma or
the line's end, unless it says none was given ("Name: unknown", "नाम: नहीं बताया") or it
holds a number. In scripts with capitals each word must open with one (or be a particle
or an initial): "Name: not given" is no name.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.fields import LIST_MARK
from producers.intake.scrubbing.lexicon import fold
from producers.intake.scrubbing.text import NAME, Span, words

_LABELS = (
    # English, Spanish, Portuguese, French, Italian, German, Dutch, Polish, Romanian
    "name|full name|names|surname|first name|given names?|last name|family name|"
    "nombre|nombre completo|nombres|apellidos?|nombre y apellidos?|nome|nome completo|"
    "nom|nom complet|pr[ée]noms?|nom et pr[ée]noms?|nom de famille|cognome|"
    "nome e cognome|vorname|nachname|familienname|naam|voornaam|achternaam|imi[ęe]|"
    "nazwisko|imi[ęe] i nazwisko|nume|prenume|nume [șşs]i prenume|"
    # Russian, Ukrainian, Bulgarian, Serbian, Kazakh, Kyrgyz, Mongolian
    "фио|ф\\.и\\.о\\.?|имя|фамилия|полное имя|піб|п\\.і\\.б\\.?|ім['’]я|прізвище|име|"
    "име и фамилия|име и презиме|аты-жөні|аты-жөнү|нэр|овог нэр|"
    # Turkish, Azerbaijani, Uzbek, Indonesian, Malay, Tagalog, Vietnamese, Swahili, Hausa,
    # Yoruba, Haitian, Somali, Albanian, Greek, Georgian, Lithuanian, Czech, Hungarian
    "ad[ıi]? soyad[ıi]?|ad soyad|isim|isim soyisim|ad[ıi]|ism|ism-familiya|f\\.i\\.sh\\.?|"
    "nama|nama lengkap|nama penuh|pangalan|buong pangalan|h[ọo] v[àa] t[êe]n|h[ọo] t[êe]n|"
    "t[êe]n|jina|jina kamili|suna|orúkọ|oruko|non|non konplè|magaca|emri|"
    "emri dhe mbiemri|όνομα|ονοματεπώνυμο|სახელი|სახელი და გვარი|სახელი, გვარი|vardas|"
    "vardas,? pavard[ėe]|jm[ée]no|jm[ée]no a p[řr][íi]jmen[íi]|n[ée]v|"
    # Arabic, Persian, Urdu, Hebrew, Hindi, Nepali, Bengali, Sinhala, Tamil, Thai, Khmer,
    # Burmese, Amharic, Tigrinya, Chinese, Japanese, Korean
    "الاسم|اسم|الاسم الكامل|الاسم الثلاثي|نام|نام کامل|نام و نام خانوادگی|پورا نام|"
    "שם|שם מלא|נאם|नाम|पूरा नाम|নাম|পূর্ণ নাম|නම|සම්පූර්ණ නම|பெயர்|முழு பெயர்|"
    "ชื่อ|ชื่อ-นามสกุล|ชื่อ-สกุล|ឈ្មោះ|အမည်|ስም|ሙሉ ስም|姓名|名字|氏名|名前|이름|성명"
)
# a line that opens with a name label: "Nombre completo: ", "2. Name: ", "- ФИО: "
_FIELD = re.compile(
    rf"(?m)^[ \t]*(?:(?:{LIST_MARK})[ \t]*)?(?i:{_LABELS})[ \t]*[:：][ \t]*"
    r"(?P<value>[^\n(（,，;；|/]+)"
)
THAI_TITLE = re.compile("(?:นางสาว|นาง|นาย|เด็กหญิง|เด็กชาย|ด\\.ญ\\.|ด\\.ช\\.)(?=[\u0e01-\u0e2e])")
_CUT = re.compile(r"\s[–—-]\s|\s{2,}")
_DIGIT = re.compile(r"\d")
# a letter of a script with capitals (Latin, Greek, Cyrillic)
CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")
_PARTICLES = words(
    "de del la las los da das do dos di du des van von der den ter ten bin binti ibn bint "
    "al el e y i"
)
# values that say no name was given, in the languages of the labels above (one a line)
_NONE = tuple(
    line.strip()
    for line in """
    unknown|refused|not given|not known|none|n/a|anonymous|withheld|declined|unnamed
    desconocido|desconocida|no sabe|no da|reservado|reservada|anónimo|anónima|ninguno
    desconhecido|desconhecida|inconnu|inconnue|anonyme|refusé|sconosciuto|sconosciuta
    unbekannt|anonym|onbekend|nieznany|nieznana|necunoscut|necunoscută
    неизвестно|неизвестен|неизвестна|не указано|не указан|не назвал|не назвала
    отказался|отказалась|невідомо|невідомий|невідома|не вказано
    bilinmiyor|anonim|tidak diketahui|dirahasiakan|hindi alam|không rõ|chưa rõ|không có
    haijulikani|hajulikani|hakuna
    مجهول|مجهولة|غير معروف|غير معروفة|نامعلوم|نامشخص|معلوم نہیں|نہیں
    לא ידוע|לא ידועה|אנונימי|अज्ञात|नहीं|পাওয়া যায়নি|নেই|অজ্ঞাত|জানা নেই|නොදනී
    தெரியாது|ไม่ทราบ|ไม่ระบุ|មិនស្គាល់|មិនដឹង|မသိ|አይታወቅም|የለም|不详|未知|不明|불명|미상
    უცნობია|უცნობი|άγνωστο|άγνωστη
    """.replace("\n", "|").split("|")
    if line.strip()
)
_NONE_SET = frozenset(_NONE)
_MOST_WORDS = 6
_LONGEST_NONE = 24  # longer spans hold more than a word that says none


# a document's name fields as OCR reads its page, inline and in capitals, with or without
# a colon and after a translated label: "Surname GURUNG Given Name PASANG", "Surname/
# Apelyido: DELA CRUZ Given names/Pangalan: …"
_PRINTED = re.compile(
    r"\b(?=[A-Z])(?i:surname|last\s+name|given\s+names?|first\s+names?|apellidos?|nombres?|"
    r"pr[ée]noms?|nachname|vornamen?)(?:/[^\W\d_]+)?[ \t]*[:：]?[ \t]+"
    r"(?P<value>[A-Z][A-Z'’-]+(?:[ \t][A-Z][A-Z'’-]+){0,3})(?![\w'’-])"
)


def field_names(text: str) -> list[Span]:
    """NAME spans for the values of the name fields in ``text``."""
    out = [(m.start("value"), m.end("value"), NAME) for m in _PRINTED.finditer(text)]
    if ":" not in text and "：" not in text:
        return out
    for m in _FIELD.finditer(text):
        start, end = m.span("value")
        if cut := _CUT.search(text, start, end):
            end = cut.start()
        while end > start and text[end - 1] in " \t.":
            end -= 1
        if title := THAI_TITLE.match(text, start, end):
            start = title.end()  # a Thai title is written joined: "นางสาวพิมพ์ชนก แสงทอง"
        if end > start and is_name_value(text[start:end]):
            out.append((start, end, NAME))
    return out


def said_none(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` less the names that say no name was given: whichever rule read "Name:
    not given" or "Nombre: Desconocido" as a name, the field's value is the words. Only
    a span that is such words and nothing else ("Unknown Smith", "Nil Demir" stay names),
    or in a script without capitals one that holds them ("नहीं बताया": a negation is no
    part of a name)."""
    return [sp for sp in spans if sp[2] != NAME or not _none_span(text[sp[0] : sp[1]])]


def _none_span(value: str) -> bool:
    if len(value) > _LONGEST_NONE:
        return False
    if CASED.search(value):
        return fold(value.strip(" .,;:'\"“”‘’")) in _NONE_SET
    return _says_none(value)


def _says_none(value: str) -> bool:
    padded = f" {fold(value)} "
    return any(f" {none} " in padded for none in _NONE)


def is_name_value(value: str) -> bool:
    parts = value.split()
    if not parts or len(parts) > _MOST_WORDS or _DIGIT.search(value) or "[" in value:
        return False
    if _says_none(value):
        return False
    # in a script with capitals a name's words open with one: "Name: not given" is none
    return all(
        not CASED.match(p) or p[0].isupper() or fold(p) in _PARTICLES or p.endswith(".")
        for p in parts
    )
