"""Addresses in scripts the Latin word patterns do not read: Cyrillic, Thai, CJK, Hangul.

Japanese and Chinese (prefecture, city, ward, chome, banchi, go; "人民路123号"), Korean
(-ro, -gil), Russian and Ukrainian (ул., д., кв.) and Thai (หมู่, ซอย, ถนน) addresses.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from producers.intake.scrubbing.text import words

_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
# Japanese and Chinese: prefecture, city, ward, town then chome, banchi, go ("岐阜県大垣市林町
# 3丁目12-5", "人民路123号"), after a postcode mark ("〒503-0015")
_HAN_ADDRESS = re.compile(
    r"(?:〒\s?\d{3}-?\d{4}\s*)?[\u3005\u3040-\u30ff\u4e00-\u9fff]{2,30}?"
    # and Traditional Chinese: lane, alley, number, floor ("重新路三段88巷5號4樓")
    r"[0-9０-９一二三四五六七八九十]{1,4}(?:丁目|番地|番|号|號|巷|弄|[-－−の])"
    r"(?:[0-9０-９]{1,5}(?:丁目|番地|番|号|號|巷|弄|室|階|楼|樓|[-－−の])?){0,4}"
    r"|〒\s?\d{3}-\d{4}"
)
_HAN_ADMIN = re.compile("[都道府県市区町村郡省县镇乡路街巷弄〒]")
# Korean: province, city, county, district, town, village, road, lane, then the number
# ("충청남도 홍성군 은하면 대천리 231-4", "서울특별시 강남구 테헤란로 152")
_HANGUL_ADDRESS = re.compile(
    r"(?:[\uac00-\ud7a3\d]{1,10}(?<=[도시군구읍면동리로길가])\s){2,6}"
    r"\d{1,5}(?:-\d{1,5})?(?:번지|번길|호)?"
)  # parts end in a suffix and a space, so a run of syllables splits one way only


# Russian and Ukrainian: street type, name, then the house ("пер. Светлый, д. 2",
# "набережна Кипарисний 2-й, буд. 7", "ул. Ленина, д. 5, кв. 12")
# a town before the street: "м. Рівне, вул. Соборна, 55", "г. Курск, ул. …", "с. Ивановка, "
_TOWN_FIRST = r"(?:(?:г|м|с|гр|смт|пгт|пос|село|город|місто)\.?\s+[А-ЯЁЄІЇҐ][\w'’-]{1,30},\s*)?"
_CYRILLIC_ADDRESS = re.compile(
    _TOWN_FIRST
    + r"(?:(?:ул|улица|пер|переулок|пр|просп|проспект|пр-т|наб|набережная|набережна|б-р|"
    r"бульв|бульвар|ш|шоссе|пл|площадь|площа|вул|вулиця|провулок|узвіз|алл|аллея|тупик|"
    r"мкр|микрорайон)\.?\s+)?[А-ЯЁЄІЇҐ0-9][\w'’-]{0,30}(?:\s+[\w'’-]{1,30}){0,3},?\s*"
    r"(?:д|дом|буд|будинок)\.\s*\d{1,4}[а-яА-Я]?(?:[/-]\d{1,4})?"
    r"(?:,?\s*(?:к|корп|корпус|стр|строение|кв|квартира|оф|вх|ет|эт|етаж|этаж|ап|апт|бл|под|"
    r"подъезд|вход)\.?\s*(?:\d{1,4}(?:/\d{1,4})?|[А-ЯЁA-Z](?![\w])))*"
)
# a street word, its name and the house number with no "д." ("вул. Сумська, 42, кв. 7",
# "просп. Мира 15")
_CYRILLIC_STREET_NUMBER = re.compile(
    r"(?<![\w])"
    + _TOWN_FIRST
    + r"(?:ул|улица|пер|переулок|просп|проспект|пр-т|наб|набережная|набережна|б-р|"
    r"бульв|бульвар|шоссе|площадь|площа|вул|вулиця|провулок|узвіз|аллея|мкр|микрорайон)"
    # the name may be quoted and the number opened by "бр." or "№": "ул. „Партизанска“ бр. 45/3"
    r"\.?\s+[„\"«“]?[А-ЯЁЄІЇҐЂЈЉЊЋЏ0-9][\w'’-]{0,30}(?:\s+[\w'’-]{1,30}){0,2}[“\"»”]?,?\s*"
    r"(?:(?:бр\.|№)\s*)?\d{1,4}[а-яА-Я]?(?:[/-]\d{1,4})?\b"
    r"(?:,?\s*(?:к|корп|корпус|стр|строение|кв|квартира|оф|вх|ет|эт|етаж|этаж|ап|апт|бл|под|"
    r"подъезд|вход)\.?\s*(?:\d{1,4}(?:/\d{1,4})?|[А-ЯЁA-Z](?![\w])))*"
)
# Serbian, Macedonian and Bulgarian street words in their cases ("у Булевару ослобођења
# 112", "ул. Васил Левски 14"). Capitalised, the name after it may be in lower case
# ("ослобођења"); in lower case the name must have its capital, as "на улици 5 …" is
# also "out in the street"
_SOUTH_SLAVIC = sorted(
    words("улица улици улицу улице булевар булевару булевара булевард булеварот трг тргу площад")
)
_NAME_WORD = r"[\w'’-]{1,30}"
_SOUTH_SLAVIC_STREET = re.compile(
    r"(?<![\w])(?:(?:"
    + "|".join(w.capitalize() for w in _SOUTH_SLAVIC)
    + rf"|Бул\.)\s+{_NAME_WORD}|(?:"
    + "|".join(_SOUTH_SLAVIC)
    + r"|бул\.)\s+[А-ЯЁЂЈЉЊЋЏ][\w'’-]{0,30})"
    + rf"(?:\s+{_NAME_WORD}){{0,2}},?\s*(?:№\s*)?\d{{1,4}}[а-яА-Я]?(?:[/-]\d{{1,4}})?\b"
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Thai: house number, village (หมู่), lane (ซอย), road (ถนน), subdistrict, district, province
_THAI_ADDRESS = re.compile(
    r"(?:(?:บ้าน)?เลขที่\s*)?\d{1,5}(?:/\d{1,4})?\s*(?:(?:หมู่(?:ที่)?|ม\.)\s*\d{1,3}\s*|(?:ซอย|ซ\.|ถนน|ถ\.)\s*"
    r"[\u0e00-\u0e7f0-9]+\s*)+(?:(?:ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.)\s*[\u0e00-\u0e7f]+\s*)*"
)
_THAI = re.compile("[\u0e00-\u0e7f]")


# street words of scripts the Latin patterns do not read, for those Faker's address
# providers give none: Hebrew, Georgian, Greek "Οδός", Hindi, Urdu, Tamil, Sinhala, Amharic
_MORE_STREET_WORDS = (
    "רחוב", "רח׳", "שדרות", "שד׳", "דרך", "סמטת", "ქუჩა", "გამზირი", "ჩიხი", "შესახვევი",
    "Οδός", "Οδ.", "मार्ग", "सड़क", "रोड", "گلی", "سڑک", "روڈ", "شاہراہ", "சாலை", "தெரு", "පාර",
    "መንገድ", "ش", "көшесі", "даңғылы", "көчөсү", "проспектиси", "кӯчаи", "гудамж",
    # Kazakh and Uzbek short and declined forms, Greek in lower case and its cases
    "к-сі", "кўчаси", "кучаси", "οδό", "οδός", "οδού", "λεωφ.", "λεωφόρος", "λεωφόρο",
    "வீதி",  # Sri Lankan Tamil "street"
)  # fmt: skip
_FAKER_STREET_ATTRS = (
    "street_prefixes", "street_suffixes", "street_prefixes_short", "street_suffixes_short",
    "street_prefixes_long", "street_suffixes_long",
)  # fmt: skip
_LATIN_OR_CJK = re.compile("[\x00-\u024f\u0e00-\u0e7f\u3040-\u9fff\uac00-\ud7a3]")


@cache
def _street_words() -> re.Pattern[str]:
    """A street, its name and its number in any script, the street words taken from
    Faker's address providers of every locale (Arabic, Bengali, Greek, Persian, Armenian,
    Georgian, Macedonian, Nepali, Russian, Ukrainian…) and a few it lacks."""
    import faker.providers.address as pkg

    found: set[str] = set(_MORE_STREET_WORDS)
    for mod in pkgutil.iter_modules(pkg.__path__):
        provider = importlib.import_module(f"{pkg.__name__}.{mod.name}").Provider
        for attr in _FAKER_STREET_ATTRS:
            value = getattr(provider, attr, None)
            if isinstance(value, (tuple, list, dict)):
                found.update(
                    w.strip()
                    for w in value
                    if isinstance(w, str) and len(w.strip()) >= 2 and not _LATIN_OR_CJK.match(w)
                )
    alternation = "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))
    name = r"[^\s\d,.;:!?()،۔։।\"'«»]{2,30}"
    # the house word of Central Asian addresses before or after it: "хонаи 21", "21-уй",
    # "21 үй"; or the number sign: "ჭავჭავაძის ქუჩა №41"
    number = (
        r"(?:(?:хонаи|уйи|үйі)\s+|№\s?)?\d{1,5}(?:[/-]\d{1,4})?(?![\d/])"
        r"(?:(?:-|\s)(?:үй|уй)(?![^\W\d_]))?"
    )
    town = rf"(?:\s*[,،]\s*{name}(?=\s*[,.;:!?()،۔։।]|\s*$|\s+\S))?"
    return re.compile(
        rf"(?<![^\s,(:׳בלמהו])(?:{alternation})(?:(?<=\.)\s*|\s+){name}(?:\s+{name}){{0,2}}"
        rf"\s*,?\s*{number}{town}"
        # the name before the street word: one word ("Աբովյան փողոց 15"), so the words of
        # the sentence before it stay
        rf"|(?<![^\s,(:]){name}\s+(?:{alternation})\s*,?\s*{number}{town}"
        # the number first, as Arabic writes it: "١٢ شارع التحرير، الدقي، الجيزة"
        rf"|(?<![^\s,(:]){number}\s+(?:{alternation})\s+{name}(?:\s+{name})?"
        rf"(?:\s*[,،]\s*{name}(?=\s*[,،.;:!?()۔]|\s+\S|\s*$)){{0,2}}"
    )


# Indian addresses written in an Indic script: a house word or "No.", the number, then the
# road, often a numbered cross or main road of a city's grid ("ನಂ. 45, 3ನೇ ಅಡ್ಡರಸ್ತೆ": No.
# 45, 3rd Cross Road; "मकान नं. 12, गली 4"): either the house word or the road must be there,
# as "No. 370" alone says nothing of a home
_INDIC_NO = r"(?:ನಂ|नं|नंबर|नम्बर|நம்பர்|எண்|నం|నెం|നം|നമ്പർ|নং|નં|ਨੰ|අංක)\.?\s?"
# (a house, or a plot: "પ્લોટ નં. 27", "प्लॉट नं. 12")
_INDIC_HOUSE = (
    r"(?:ಮನೆ|मकान|घर|வீடு|వీటి|ఇంటి|ఇల్లు|വീട്|বাড়ি|ঘর|ઘર|ਮਕਾਨ"
    r"|પ્લોટ|प्लॉट|प्लाट|ਪਲਾਟ|ಪ್ಲಾಟ್|ప్లాట్|ப்ளாட்|പ്ലോട്ട്|প্লট)\s"
)
_INDIC_ROAD = (
    r"[^\s,]*(?:ರಸ್ತೆ|ಕ್ರಾಸ್|ಮೇನ್|सड़क|मार्ग|रोड|गली|क्रॉस|சாலை|தெரு|கிராஸ்|రోడ్డు|రోడ్|వీధి|"
    r"క్రాస్|റോഡ്|ക്രോസ്|রোড|সড়ক|লেন|ক্রস|રોડ|માર્ગ|શેરી|ક્રોસ|ਰੋਡ|ਗਲੀ|පාර|මාවත|පටුමග)[^\s,]*"
)
_INDIC_ADDRESS = re.compile(
    rf"(?P<house>{_INDIC_HOUSE})?{_INDIC_NO}\d{{1,4}}[A-Za-z]?(?:[/-]\d{{1,4}})?"
    # (the road's name may stand before its word: "ගාලු පාර", Galle Road)
    rf"(?P<road>\s?,?\s?(?:\d{{1,3}}[^\s\d,]{{0,4}}\s?|[^\s\d,]{{2,}}\s)?{_INDIC_ROAD}"
    rf"(?:\s{_INDIC_ROAD})?"
    rf"(?:\s\d{{1,4}}(?![\d,]))?)?"
)
_INDIC = re.compile("[\u0900-\u0dff]")


def _indic_addresses(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _INDIC_ADDRESS.finditer(text)
        if m.group("house") or m.group("road")
    ]


_UNCASED_OR_OTHER = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0530-\u08ff\u0900-\u0dff\u10a0-\u10ff\u1200-\u137f]"
)


def any_script_streets(text: str) -> list[tuple[int, int]]:
    """A street word of any script (Faker's), a name and a house number, and a town after
    a comma: "Οδός Σωκράτους 41", "Աբովյան փողոց 15, Երևան", "خیابان ولیعصر ۱۲"."""
    if not _UNCASED_OR_OTHER.search(text):
        return []
    return [(m.start(), m.end()) for m in _street_words().finditer(text)]


def other_scripts(text: str) -> list[tuple[int, int]]:
    """Addresses in scripts the word patterns do not read: Cyrillic, Thai, CJK, Hangul."""
    spans: list[tuple[int, int]] = any_script_streets(text)
    if _INDIC.search(text):
        spans += _indic_addresses(text)
    if _CYRILLIC.search(text):
        spans += [(m.start(), m.end()) for m in _CYRILLIC_ADDRESS.finditer(text)]
        spans += [(m.start(), m.end()) for m in _CYRILLIC_STREET_NUMBER.finditer(text)]
        spans += [(m.start(), m.end()) for m in _SOUTH_SLAVIC_STREET.finditer(text)]
    if _THAI.search(text):
        spans += [
            (m.start(), len(m.group(0).rstrip()) + m.start()) for m in _THAI_ADDRESS.finditer(text)
        ]
    if not _CJK.search(text):
        return spans
    spans += [(m.start(), m.end()) for m in _HANGUL_ADDRESS.finditer(text)]
    spans += [
        (_after_verb(m), m.end())
        for m in _HAN_ADDRESS.finditer(text)
        if _HAN_ADMIN.search(m.group(0))
    ]
    return spans


# what is done at a place, written onto it: "被迫在新北市…", "住在…", "住於…" (at, lives at)
_HAN_AT = re.compile("[在於于到至從从]|住(?![所址])")  # not "住所", "住址": address


def _after_verb(m: re.Match[str]) -> int:
    """Where a Han address starts, past "在" or "住" written onto it in its first letters."""
    at = list(_HAN_AT.finditer(m.group(0), 0, 6))
    return m.start() + at[-1].end() if at else m.start()
