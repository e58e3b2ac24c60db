"""A home named by its number word, and a chain of flat, floor and stair parts.

Many address forms name a house, a room or a shed with a word for "number" before its
number, in the writer's own script: "gida mai lamba 22" (Hausa), "nhà số 27"
(Vietnamese), "मकान नं. 221" (Hindi), "खोली क्र. 12" (Marathi), "ಮನೆ ನಂ. 47" (Kannada),
"শেড নং ১৭" (Bengali), "مکان نمبر 5" (Urdu), "የቤት ቁጥር 447" (Amharic), "ਮਕਾਨ ਨੰ. 12"
(Punjabi). The house word, the number word and the number make an address's core; the
short parts after it, comma by comma, to the end of the sentence are its lane, quarter,
landmark and town ("ಮನೆ ನಂ. 47, ಅಂಬೇಡ್ಕರ್ ನಗರ, ಹುಲಿಗೆಮ್ಮ ದೇವಸ್ಥಾನದ ಹತ್ತಿರ, ಕೊಪ್ಪಳ"). A part
of more than four words is a clause, not a place, and ends the address.

Block, entrance and flat written in a row name one home even with no street: "бл. 14, вх.
Б, ап. 37" (Bulgarian), "Pallati 12, Shkalla 2, Ap. 8" (Albanian): three such parts (the
words of ``address_units``) are an address, with the housing estate named before them
("ж.к. Тракия, ").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.address_units import PART
from producers.intake.scrubbing.addresses_homes import HOME_PART
from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.street_words import LOCALITY
from producers.intake.scrubbing.text import NOT_AFTER_LETTER

# a house, room, shed, plot or block, in the scripts it is written in before a number word
_HOUSE = (
    r"[Hh]ouse|[Pp]lot|[Ff]lat|[Rr]oom|[Cc]ompound|"  # "House number C 214/7" (Ghana)
    r"[Gg]ida|[Gg]idan|[Nn]hà|[Cc]ăn\s+hộ|[Pp]hòng|"
    r"मकान|घर|खोली|कमरा|प्लॉट|दुकान|"  # Hindi, Marathi, Nepali
    r"ಮನೆ|ಕೊಠಡಿ|ఇంటి|ఇల్లు|வீடு|கதவு|വീട്|വീട്ടു|"  # Kannada, Telugu, Tamil, Malayalam
    r"বাড়ি|বাসা|শেড|ঘর|ব্লক|প্লট|"  # Bengali
    r"મકાન|ઘર|ਮਕਾਨ|ਘਰ|"  # Gujarati, Punjabi
    r"مکان|گھر|چک|منزل|بيت|بیت|فيلا|فیلا|شقة|عمارة|"  # Urdu, Arabic, Persian
    r"የቤት|ቤት|ገዛ|"  # Amharic, Tigrinya
    r"ផ្ទះ|ເຮືອນ|အိမ်"  # Khmer, Lao, Burmese
)
# the word for "number" after it, with an abbreviation's dot
_NUMBER_WORD = (
    r"[Nn]umber|[Nn]o|[Nn]r|#|"
    r"(?:mai\s+)?lamba|số|"
    r"नं|नंबर|नम्बर|क्र|क्रमांक|संख्या|"
    r"ನಂ|ನಂಬರ್|నెం|నంబర్|எண்|நம்பர்|നമ്പർ|നം|"
    r"নং|নম্বর|નં|નંબર|ਨੰ|ਨੰਬਰ|"
    r"نمبر|رقم|شماره|"
    r"ቁጥር|ቑጽሪ|"
    r"លេខ|ເລກທີ|ເລກ|အမှတ်"
)
_CORE = re.compile(
    rf"{NOT_AFTER_LETTER}(?:{_HOUSE})\s*(?:{_NUMBER_WORD})(?!\w)\.?\s*[:：-]?\s*"
    rf"(?:[A-Za-z][- ]?)?\d{{1,5}}(?:[/-]\d{{1,4}})?(?:\s?[A-Za-z](?![\w]))?"
)  # no IGNORECASE: it made the alternation ~4x slower on long texts
# the parts after the core: up to five, each a few words without a sentence's end
_NEXT_PART = re.compile(r"\s*[,،፣、]\s*((?:[^,،፣、.;:!?।။።۔\n()\"«»]|\.(?=\s?\d)){1,48})")
_MOST_PARTS = 5
_MOST_WORDS = 4
_MOST_LAST = 2
# a district or province opening a part: the region a home is in, not the home
_DISTRICT = re.compile(
    r"(?:ज़िला|जिला|जि\.|ज़िल्हा|জেলা|ਜ਼ਿਲ੍ਹਾ|ਜ਼ਿਲਾ|ضلع|ජිල්ලා|மாவட்டம்|ജില്ല|ಜಿಲ್ಲೆ|"
    r"district|dist\.|tỉnh|jihar|wilaya|ولاية|استان|محافظة)(?!\w)",
    re.IGNORECASE,
)
_LOCALITY = re.compile(rf"(?i:{LOCALITY})\.?\s")  # "…, xóm Đồng": a hamlet's word
_DIGIT = re.compile(r"\d")
_COMMA = re.compile(r"\s*[,،፣、]")
# a sentence's end after the last part, or the text's
_END = re.compile(r"\s*(?:[.;!?।။።۔\n]|$)")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def numbered_homes(text: str) -> list[tuple[int, int]]:
    """A house word, a number word and a number, and the short parts after it (module
    docstring)."""
    out: list[tuple[int, int]] = []
    places = lexicon().places
    for m in _CORE.finditer(text):
        if out and m.start() < out[-1][1]:
            continue  # inside the home before: "…, गली नं. 4, …"
        end = m.end()
        for _ in range(_MOST_PARTS):
            part = _NEXT_PART.match(text, end)
            if part is None:
                break
            words = part.group(1).split()
            if not words or len(words) > _MOST_WORDS:
                break
            if _DISTRICT.match(part.group(1)) or fold(part.group(1).strip()) in places:
                break  # "…, ज़िला गया", "…, Zariya": the district and the town stay outside
            first = words[0][0]
            if (
                _LATIN.match(first)
                and not first.isupper()
                and not HOME_PART.match(part.group(1))
                and not _LOCALITY.match(part.group(1))
            ):
                break  # "…, kurla west me rehte the": a clause in a cased script
            # a part ends at a comma, or at the sentence's end when it is a town's one or
            # two words ("…, ಕೊಪ್ಪಳ."), not a clause ("…, दिल्ली में है।")
            # a town closing it in a cased script stays, as one opening it does ("…, Zariya")
            after = part.end()
            if not _COMMA.match(text, after) and (
                len(words) > _MOST_LAST
                or not _END.match(text, after)
                or (
                    _LATIN.match(first)
                    and not _DIGIT.search(part.group(1))
                    and not _LOCALITY.match(part.group(1))
                )
            ):
                break
            end = part.start(1) + len(part.group(1).rstrip())
        out.append((m.start(), end))
    return out


# a housing estate named before a chain of units: "ж.к. Тракия, " ("кв." is no such word:
# a Bulgarian quarter, but a Russian flat)
_ESTATE = re.compile(
    r"(?<!\w)(?:ж\.\s?к\.|жк|мкр\.?|к-с)\s*[„\"«]?[^\W\d_][\w'’ -]{0,30}[“\"»]?\s*,\s*$"
)
# the first part, just before a comma; the parts after commas
_FIRST_PART = re.compile(rf"(?:{PART})\s*$")
_CHAIN_NEXT = re.compile(rf"\s*[,،]\s*(?:{PART})")
_COMMAS = re.compile("[,،]")
_CJK_UNITS = frozenset("号號호층동階樓楼室")
_LEAST_CHAIN = 3
_REACH = 24


def unit_chains(text: str) -> list[tuple[int, int]]:
    """Three or more flat, floor, entrance or block parts in a row, comma by comma, with
    the estate named before them (module docstring). Looked for from each comma only: the
    part patterns tried at every letter cost ~150 µs a text."""
    out: list[tuple[int, int]] = []
    pos = 0
    for comma in _COMMAS.finditer(text):
        at = comma.start()
        last = text[at - 1 : at]
        if at < pos or not (last.isdigit() or last.isupper() or last in _CJK_UNITS):
            continue  # a part ends in its number, its capital letter or a CJK unit
        if not _CHAIN_NEXT.match(text, at):
            continue  # no part after the comma: no chain (tried before the search back)
        first = _FIRST_PART.search(text, max(0, at - _REACH), at)
        if first is None:
            continue
        end, parts = first.end(), 1
        while nxt := _CHAIN_NEXT.match(text, end):
            end, parts = nxt.end(), parts + 1
        pos = end
        if parts < _LEAST_CHAIN:
            continue
        start = first.start()
        if estate := _ESTATE.search(text, max(0, start - 48), start):
            start = estate.start()
        out.append((start, end))
    return out
