"""Whose number a text gives (pure): "Numero di Lamin: 351 284 7716", "Simu ya Mzee
Hamisi: 0754 …", "Kontakt do Marka: 601 …", "Số Zalo của Đức: 0912 …", "Ганбатын утас:
9911 2345".

Partners end a note with the contacts it gives, each after the word for a number and
whose it is. The number is removed as a phone; the name before its colon is a name, a
title or kin word before it excepted ("Mzee", "Ìyá"), unless it is a role, an ordinary
word or a place ("Number of Victims: 5", "Numero di Roma: 06 …").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import NAME, UPPER, Span, words
from producers.intake.scrubbing.wordlists import HONORIFICS, KIN_TITLES, PERSONS, TITLES

# a number's word, then whose: "number of", "numero di", "simu ya", "số … của"
_OF = (
    r"(?i:(?:phone\s+|mobile\s+|contact\s+|whatsapp\s+)?number|phone|mobile|cell|contact|"
    r"n[uú]mero(?:\s+de\s+tel[eé]fono)?|nomor(?:\s+(?:hp|telepon|wa))?|numer(?:\s+telefonu)?|"
    r"kontakt|telefon|simu|essimu|s[oố](?:\s+(?:điện\s+thoại|zalo|viber|whatsapp))?)"
    r"\s+(?i:of|di|de|do|del|da|dla|ya|wa|za|la|của|von|van|du|na|ng|ni)\s+"
)
_NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)?"
# the colon or dash, then the number's first character
_THEN_NUMBER = r"\s*[:：–—-]\s*(?=[+(\d])"
# or, for a passport, its number straight after: "ਮਨਦੀਪ ਦਾ ਪਾਸਪੋਰਟ ਨੰਬਰ W4829173"
_THEN_ID = r"\s*[:：–—-]?\s*(?=[+(\dA-Z])"
_OWNER = re.compile(rf"{_OF}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}){_THEN_NUMBER}")
# Mongolian writes the owner first, in the genitive: "Ганбатын утас:"
_MONGOLIAN = re.compile(rf"(?P<name>[А-ЯЁӨҮ][а-яёөү]+(?:ын|ийн|ны|ний))\s+утас{_THEN_NUMBER}")
_HINTS = ("núm", "num", "nom", "phone", "mobile", "cell", "contact", "kontakt",
          "telefon", "simu", "số", "so ", "утас")  # fmt: skip


def phone_owners(text: str) -> list[Span]:
    """NAME spans for the owners of the numbers a text gives after a colon."""
    low = text.lower()
    if not any(h in low for h in _HINTS):
        return []
    out: list[Span] = []
    for m in _OWNER.finditer(text):
        start, end = m.span("name")
        words = m.group("name").split()
        while words and fold(words[0]) in TITLES | KIN_TITLES | HONORIFICS:
            start = text.index(words[1], start) if len(words) > 1 else end
            words = words[1:]
        if words and all(_could_name(w) for w in words):
            out.append((start, end, NAME))
    out += [(*m.span("name"), NAME) for m in _MONGOLIAN.finditer(text)]
    return out


# what a number may be "of" that is no one: the record's own fields and places to call
_NOT_OWNERS = words(
    """
    telefono teléfono telefone téléphone telephone celular movil móvil mobile cellulare
    whatsapp casa home oficina office ufficio bureau emergencia emergency urgence
    contacto contatto referencia reference caso case expediente file cuenta account
    pasaporte passport documento document identidad identity cedula cédula hotline
    linea línea helpline embajada embassy consulado consulate policia policía polizia
    """
)


def _could_name(word: str) -> bool:
    """A name's word: listed, or no role, field, big place or English noun ("Victims",
    "Days", "Police"); a word like a name but English ("Lamin") may be one here."""
    lex = lexicon()
    f = fold(word)
    if f in lex.big_places or f in PERSONS or f in TITLES or f in lex.jobs or f in _NOT_OWNERS:
        return False
    if f in lex.given or f in lex.surnames:
        return True
    return not (english(f, lex) and (f in lex.common or f.endswith("s")))


# Languages that put the owner first, in the genitive, before the word for the phone:
# "Poimija Nattapongin puhelin:" (Finnish), "Бауыржанның телефоны:" (Kazakh),
# "გიორგის ტელეფონი:" (Georgian), "ராஜேஷின் கைபேசி எண்:" (Tamil), "ഏലിയാമ്മയുടെ ഫോൺ:"
# (Malayalam), "मनोज का मोबाइल:" (Hindi), "ਮਨਦੀਪ ਦਾ ਮੋਬਾਈਲ:" (Punjabi), and Kurmanji's
# "têlefona Xelîl:" (the owner after, joined by the ezafe). Roles own numbers as often as
# people do ("the agent's phone"): each language's words for them are not owners.
_PHONE_AFTER = r"(?:\s+[^\s\d:：.,;]+){0,2}" + _THEN_NUMBER  # "கைபேசி எண்:" (its number)
# or "is" before the number, no colon: "Laineen puhelinnumero oli 040 …", "telefonas yra"
_PHONE_AFTER_IS = r"(?:\s*[:：–—-]|\s+(?:on|oli|yra|buvo))?\s*(?=[+(\d])"
_GENITIVE_OWNERS = (
    (  # Finnish
        re.compile(
            rf"(?P<name>[A-ZÅÄÖŠŽ][a-zåäöšž]+n)\s+(?:puhelin(?:numero)?|matkapuhelin|numero)"
            rf"{_PHONE_AFTER_IS}"
        ),
        words(
            """
            työnantajan rekrytoijan välittäjän uhrin äidin isän veljen siskon miehen vaimon
            poliisin lähetystön yrityksen toimiston tilan omistajan pomon kuljettajan
            """
        ),
    ),
    (  # Lithuanian: "Kazlausko telefonas"
        re.compile(
            r"(?P<name>[A-ZĄČĘĖĮŠŲŪŽ][a-ząčęėįšųūž]+(?:o|os|io|ės|aus))\s+"
            rf"(?:telefonas|telefono\s+numeris|mobiliojo|tel\.){_PHONE_AFTER_IS}"
        ),
        words("darbdavio tarpininko verbuotojo aukos motinos tėvo brolio sesers policijos"),
    ),
    (  # Kazakh, Kyrgyz
        re.compile(
            r"(?P<name>[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ның|нің|дың|дің|тың|тің|нын|нин|дын|дин|"
            rf"тын|тин|нун|нүн|дун|дүн|тун|түн))\s+(?:ұялы\s+|уюлдук\s+)?телефон[ыуіү]?{_PHONE_AFTER}"
        ),
        words(
            """
            полицияның полициянын елшіліктің элчиликтин компанияның компаниянын фирманың
            фирманын агенттіктің агенттиктин
            """
        ),
    ),
    (  # Georgian
        re.compile(
            rf"(?P<name>[\u10d0-\u10fa]{{2,}}ის)\s+(?:ტელეფონი?|მობილური|ნომერი){_PHONE_AFTER}"
        ),
        words(
            """
            დამსაქმებლის აგენტის შუამავლის დედის მამის ქმრის ცოლის ძმის დის შვილის
            მსხვერპლის დაზარალებულის პოლიციის საელჩოს კომპანიის ოფისის ხაზის ბიძის
            მეგობრის მძღოლის უფროსის
            """
        ),
    ),
    (  # Tamil
        re.compile(
            rf"(?P<name>[\u0b80-\u0bff]{{2,}}ின்)\s+(?:கைபேசி|தொலைபேசி|கைப்பேசி|அலைபேசி|மொபைல்)"
            rf"{_PHONE_AFTER}"
        ),
        words(
            """
            முகவரின் ஏஜெண்டின் முதலாளியின் தாயின் தந்தையின் கணவரின் மனைவியின் சகோதரரின்
            காவல்துறையின் நிறுவனத்தின் அலுவலகத்தின் தூதரகத்தின் பாதிக்கப்பட்டவரின்
            """
        ),
    ),
    (  # Malayalam
        re.compile(rf"(?P<name>[\u0d00-\u0d7f]{{2,}}(?:ുടെ|ന്റെ|യുടെ))\s+(?:ഫോൺ|മൊബൈൽ){_PHONE_AFTER}"),
        words(
            """
            അമ്മയുടെ അച്ഛന്റെ ഏജന്റിന്റെ ഭർത്താവിന്റെ ഭാര്യയുടെ സഹോദരന്റെ സഹോദരിയുടെ
            തൊഴിലുടമയുടെ പോലീസിന്റെ എംബസിയുടെ കമ്പനിയുടെ ഓഫീസിന്റെ മകന്റെ മകളുടെ
            """
        ),
    ),
    (  # Hindi, Nepali, Punjabi, Urdu: a postposition apart
        re.compile(
            r"(?<![\u0900-\u0963\u0966-\u097f\u0a00-\u0a7f])"
            r"(?P<name>[\u0900-\u0963\u0966-\u097f\u0a00-\u0a7f]{2,})"
            r"\s+(?:का|की|के|को|ਦਾ|ਦੀ|ਦੇ)\s+(?:मोबाइल|फ़ोन|फोन|पासपोर्ट|ਮੋਬਾਈਲ|ਫ਼ੋਨ|ਫੋਨ|ਪਾਸਪੋਰਟ)"
            rf"(?:\s+[^\s\d:：.,;]+){{0,2}}{_THEN_ID}"
        ),
        words(
            """
            एजेंट एजेन्ट दलाल मालिक मालिक़ ठेकेदार पति पत्नी भाई बहन माँ मां पिता बेटे बेटी
            पुलिस दूतावास कंपनी कम्पनी दफ़्तर दफ्तर कार्यालय पीड़िता पीड़ित लड़की लड़के
            उस उन इस इन परिजन परिवार रिश्तेदार जी साहब
            ਜੀ ਏਜੰਟ ਮਾਲਕ ਪਤੀ ਪਤਨੀ ਭਰਾ ਭੈਣ ਮਾਂ ਪਿਤਾ ਪੁਲਿਸ ਕੰਪਨੀ ਦਫ਼ਤਰ ਪੀੜਤ ਕੁੜੀ
            ਉਸ ਉਨ੍ਹਾਂ ਇਸ
            """
        ),
    ),
    (  # Kurmanji: the phone's word with the ezafe, then the owner
        re.compile(rf"(?i:têlefona|telefona|hejmara)\s+(?P<name>[{UPPER}][^\W\d_]+){_THEN_NUMBER}"),
        words("polîsê polîs şirketê ofîsê"),
    ),
)
# Kazakh and Kyrgyz kin in the genitive ("Апасынын" her mother's, "Әкесінің" his father's)
_TURKIC_KIN = re.compile(
    r"(?:апа|ата|ана|әке|аке|ага|аға|эже|әпке|сіңлі|ини|іні|бала|кыз|қыз|күйөө|күйеу|аял|"
    r"әйел|жұбай|уул|ұл)с[ыі]",
    re.IGNORECASE,
)
_GENITIVE_HINTS = ("puhelin", "telefonas", "telefono", "tel.", "телефон", "ტელეფონ", "მობილურ",
                   "ნომერ", "கைபேசி", "தொலைபேசி",
                   "கைப்பேசி", "அலைபேசி", "மொபைல்", "ഫോൺ", "മൊബൈൽ", "मोबाइल", "फ़ोन",
                   "फोन", "ਮੋਬਾਈਲ", "ਫ਼ੋਨ", "ਫੋਨ", "पासपोर्ट", "ਪਾਸਪੋਰਟ", "têlefon", "telefona",
                   "hejmara")  # fmt: skip


def genitive_owners(text: str) -> list[Span]:
    """NAME spans for owners written before the word for their phone (see above)."""
    low = text.lower()
    if not any(h in low for h in _GENITIVE_HINTS):
        return []
    out: list[Span] = []
    for pattern, roles in _GENITIVE_OWNERS:
        for m in pattern.finditer(text):
            name = m.group("name")
            if any(w.lower() in roles for w in name.split()) or _TURKIC_KIN.match(name):
                continue
            if name[0].isupper() and not all(_could_name(w) for w in name.split()):
                continue
            out.append((*m.span("name"), NAME))
    return out
