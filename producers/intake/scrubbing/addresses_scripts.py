"""Addresses in scripts the Latin word patterns do not read: Cyrillic, Thai, CJK, Hangul.

Japanese and Chinese (prefecture, city, ward, chome, banchi, go; "人民路123号"), Korean
(-ro, -gil), Russian and Ukrainian (ул., д., кв.) and Thai (หมู่, ซอย, ถนน) addresses.
"""

from __future__ import annotations

import re

_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
# Japanese and Chinese: prefecture, city, ward, town then chome, banchi, go ("岐阜県大垣市林町
# 3丁目12-5", "人民路123号"), after a postcode mark ("〒503-0015")
_HAN_ADDRESS = re.compile(
    r"(?:〒\s?\d{3}-?\d{4}\s*)?[\u3005\u3040-\u30ff\u4e00-\u9fff]{2,30}?"
    r"[0-9０-９一二三四五六七八九十]{1,4}(?:丁目|番地|番|号|[-－−の])"
    r"(?:[0-9０-９]{1,5}(?:丁目|番地|番|号|室|階|楼|[-－−の])?){0,4}"
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
    r"(?:,?\s*(?:к|корп|корпус|стр|строение|кв|квартира|оф)\.?\s*\d{1,4}(?:/\d{1,4})?)*"
)
# a street word, its name and the house number with no "д." ("вул. Сумська, 42, кв. 7",
# "просп. Мира 15")
_CYRILLIC_STREET_NUMBER = re.compile(
    r"(?<![\w])"
    + _TOWN_FIRST
    + r"(?:ул|улица|пер|переулок|просп|проспект|пр-т|наб|набережная|набережна|б-р|"
    r"бульв|бульвар|шоссе|площадь|площа|вул|вулиця|провулок|узвіз|аллея|мкр|микрорайон)"
    r"\.?\s+[А-ЯЁЄІЇҐ0-9][\w'’-]{0,30}(?:\s+[\w'’-]{1,30}){0,2},?\s*\d{1,4}[а-яА-Я]?(?:[/-]\d{1,4})?\b"
    r"(?:,?\s*(?:к|корп|корпус|стр|строение|кв|квартира|оф)\.?\s*\d{1,4}(?:/\d{1,4})?)*"
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Thai: house number, village (หมู่), lane (ซอย), road (ถนน), subdistrict, district, province
_THAI_ADDRESS = re.compile(
    r"\d{1,5}(?:/\d{1,4})?\s*(?:(?:หมู่(?:ที่)?|ม\.)\s*\d{1,3}\s*|(?:ซอย|ซ\.|ถนน|ถ\.)\s*"
    r"[\u0e00-\u0e7f0-9]+\s*)+(?:(?:ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.)\s*[\u0e00-\u0e7f]+\s*)*"
)
_THAI = re.compile("[\u0e00-\u0e7f]")


def other_scripts(text: str) -> list[tuple[int, int]]:
    """Addresses in scripts the word patterns do not read: Cyrillic, Thai, CJK, Hangul."""
    spans: list[tuple[int, int]] = []
    if _CYRILLIC.search(text):
        spans += [(m.start(), m.end()) for m in _CYRILLIC_ADDRESS.finditer(text)]
        spans += [(m.start(), m.end()) for m in _CYRILLIC_STREET_NUMBER.finditer(text)]
    if _THAI.search(text):
        spans += [
            (m.start(), len(m.group(0).rstrip()) + m.start()) for m in _THAI_ADDRESS.finditer(text)
        ]
    if not _CJK.search(text):
        return spans
    spans += [(m.start(), m.end()) for m in _HANGUL_ADDRESS.finditer(text)]
    spans += [
        (m.start(), m.end()) for m in _HAN_ADDRESS.finditer(text) if _HAN_ADMIN.search(m.group(0))
    ]
    return spans
