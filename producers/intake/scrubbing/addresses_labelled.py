"""Addresses told by their label or by a chain of administrative units, in any script.

A label ("Address:", "Adresa părinților:", "Địa chỉ gia đình:", "주소:", "ঠিকানা:",
"អាសយដ្ឋាន៖", "पता:", "العنوان:") and a colon: what follows to the end of the sentence is
the address, when it holds a number or more than one part and says nothing like "unknown".

A chain: parts that each carry a word for an administrative unit or a home (village,
commune, ward, district, province, post office, street, house number), written before or
after the unit's name and joined by commas or, in scripts that write so, by spaces: "গ্রাম
শিবপুর, ডাকঘর কালিগঞ্জ, উপজেলা দেবহাটা", "ភូមិ… ឃុំ… ស្រុក… ខេត្ត…", "ရန်ကင်းမြို့နယ်". Two such
parts make an address, with the town or province that closes it. No library lists these
words (pycountry's subdivision types are English; CLDR has none), so they are listed here
for the scripts the Latin word patterns of ``addresses`` cannot read.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import demonym, english, fold, lexicon
from producers.intake.scrubbing.street_words import STARTERS, STREET_AFTER, STREET_BEFORE_ANY
from producers.intake.scrubbing.text import NOT_AFTER_LETTER, NOT_BEFORE_LETTER, UPPER, lower, words

# the label of an address, lower case; in scripts written without spaces it may be glued
# to the words around it
_LABELS = (
    "address|addr|home address|residence|res|domicile|adresse|anschrift|wohnort|adres|adresi|"
    "adresa|adresă|adresu|adressen|dirección|direccion|domicilio|endereço|endereco|morada|"
    "residência|indirizzo|residenza|domiciliul|domiciliu|ikametgah|ikamet|bydliště|"
    "zamieszkania|alamat|domisili|tirahan|anwani|makazi|địa chỉ|nơi ở|thường trú|"
    "адрес|адреса|адресу|адресата|местожительство|місце проживання|ที่อยู่|អាសយដ្ឋាន|"
    "လိပ်စာ|पता|ठेगाना|पत्ता|ঠিকানা|বাড়ি|ਪਤਾ|முகவரி|చిరునామా|ವಿಳಾಸ|വിലാസം|પતા|"
    # Gujarati, Assamese, Odia "address", Malayalam "house"
    "સરનામું|સરનામા|ঠিকনা|ଠିକଣା|വീട്|"
    "پتہ|پتا|رہائش|العنوان|عنوان|السكن|آدرس|نشانی|አድራሻ|주소|地址|住址|住所|כתובת|"
    "διεύθυνση|მისამართი|հասցե|мекенжай|manzil|manzili|"
    # Mongolian, Kyrgyz, Tajik, Sinhala, Kurdish, Kinyarwanda, Pashto, Azerbaijani,
    # Lithuanian, Estonian, Malagasy, Hungarian, Finnish, and "lives at" of Slavic forms
    "хаяг|дарек|дареги|суроға|ලිපිනය|ලිපිනයා|navnîşan|navnisan|aho atuye|aho abarizwa|پته|"
    "ünvan|unvan|gyvenamoji vieta|adresas|elukoht|aadress|aadressil|aadressile|adiresy|"
    "lakcím|lakcim|cím|osoite|"
    "проживає|проживает|проживаючи|prebýva|bydlí|mieszka"
)
_SCRIPTLESS = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u9fff\uac00-\ud7a3]")
_LABEL = re.compile(
    rf"{NOT_AFTER_LETTER}(?:{_LABELS}){NOT_BEFORE_LETTER}"
    r"|(?:អាសយដ្ឋាន|လိပ်စာ|ที่อยู่|地址|住址|住所|주소)"
    # declined forms ("адресою", "adresem", "adresinde") and Arabic clitics ("وعنوانه")
    r"|(?<![^\W\d_])(?:адрес|adres|adress|мекенжай|дарек|суроға|ünvan)[^\W\d_]{0,4}(?![^\W\d_])"
    rf"|{NOT_AFTER_LETTER}و?(?:ال)?عنوان(?:ه|ها|هم)?{NOT_BEFORE_LETTER}"
)
# after the label, up to three words of its own ("of the parents", "gia đình"), then a
# colon (Latin, full-width, Khmer, Ethiopic) or a dash set apart by spaces
_COLON = re.compile(r"[^\n:：៖፦՝.;!?。,،]{0,30}?(?:\s*[:：៖፦՝]|\s+[-–—]\s)\s*")
# where an address told after a label ends: a sentence's end in any script (a full stop
# only after a word that is no abbreviation), a semicolon, a bracket, a new line
_ANY_COLON = re.compile(r"[:：៖፦՝]|\s[-–—]\s")  # "՝": Armenian's colon-like mark
_END = re.compile(r"[;\n()\[\]。！？!?।॥۔။។፡።։]|\.(?=\s|$)")
_WORD_BEFORE = re.compile(r"(?<!\S)[^\W\d_]{1,6}$")
# abbreviations written with a capital inside addresses ("Str.", "Mah.", "No."); a short
# word in lower case before a full stop is always one ("nr.", "jud.", "ул.", "вх.")
_CAPITAL_ABBREVIATIONS = STARTERS | words(
    """
    no nr st rd ave str mah sok cad jl jln gg kel kec kab brgy bldg blk apt av avda dr
    col fracc urb prov dist dept jud com sat ul vul pr bl sc ap et vh mz lt qd cj
    """
)
# a comma then an ordinary word in lower case: the sentence goes on ("…, shared by")
_LOWER_AFTER_COMMA = re.compile(r",\s+([a-z]{2,})\b(?!\.)")
# the same in Cyrillic, where no word list tells an ordinary word: a whole lower-case word
# after a comma that is none of an address's own words (street, house, flat, district…)
# (after "and" or "but" too: "…, кв. 3, и работала в цехе …")
_CYRILLIC_AFTER_COMMA = re.compile(r",\s+(?:(?:и|а|но|і|та|й)\s+)?([а-яёіїєґў]{5,})(?![\w.])")
# Kyrgyz and Kazakh addresses go on in lower case ("…, мечиттин жанындагы үй"): not there
_TURKIC_CYRILLIC = re.compile("[ңөүәқғһұ]")
_CYRILLIC_HOME = re.compile(
    r"улиц|вулиц|дом|будин|квартир|корпус|строени|переул|провул|проспект|бульвар|шоссе|"
    r"набережн|площад|район|област|сел|дерев|посёл|посел|селищ|город|міст|станиц|хутор|"
    r"микрорайон|мікрорайон|подъезд|під|этаж|поверх|общежит|гуртож|комнат|кімнат|барак|"
    r"вагон|участ|дач|квартал|тупик|проезд|проїзд|тракт|кишлак|аул"
)
_TRAILING_LOWER = re.compile(r"(?:\s+[a-zà-ÿğışç]+)+$")
_MOST = 160
# what an address after a label is not
_NONE = re.compile(
    r"(?i)\b(?:unknown|not\s+(?:known|given|recorded|provided|available)|none|n/a|unclear|"
    r"inconnue?|desconocid[oa]|desconhecid[oa]|sconosciut[oa]|unbekannt|onbekend|"
    r"nieznany|necunoscut[aă]?|bilinmiyor|haijulikani|tidak\s+diketahui|không\s+rõ)\b"
    r"|неизвест|невідом|непознат"
    r"|জানা নেই|অজানা|पता नहीं|अज्ञात|नामालूम|نامعلوم|غير معروف|مجهول|ناشناخته|ไม่ทราบ|不明|未知"
)
_PARTS = re.compile(r"[,،၊、]")
_MARK = re.compile(r"\d")  # a digit of any script


def labelled(text: str) -> list[tuple[int, int]]:
    """Addresses after a label and a colon, to the end of their sentence. Labels are
    looked for only in the few words before each colon (a search of the whole text for
    a hundred labels cost ~15 µs a text)."""
    out: list[tuple[int, int]] = []
    low = ""
    for c in _ANY_COLON.finditer(text):
        if out and c.start() < out[-1][1]:
            continue
        low = low or lower(text)  # offsets in it hold for text ("İ")
        lo = max(0, c.start() - _LABEL_REACH)
        labels = list(_LABEL.finditer(low, lo, c.start()))
        label = labels[-1] if labels else None
        colon = _COLON.match(low, label.end()) if label else None
        if colon is None or colon.start() > c.start():
            continue
        if label is not None and _NOT_A_HOME.match(low, label.end(), c.start()):
            continue  # "residence card:", "residence permit no.:", "address type:"
        if (
            label is not None
            and label.group(0) in _OFFICE_TOO
            and len(low[label.end() : c.start()].split()) > _MOST_OWN_WORDS
        ):
            continue  # "dirección de atención al migrante:" is an office, not an address
        start = colon.end()
        end = _sentence_end(text, start)
        value = text[start:end].rstrip(" ,")
        if any(ch.isupper() for ch in value):  # "…, Çankaya/Ankara olarak kaydedildi"
            value = _TRAILING_LOWER.sub("", value)
        if not _is_address(value):
            continue
        out.append((start, start + len(value)))
    return out


_LABEL_REACH = 48
# the label's own words that make it a document's or a field's, not a home's
_NOT_A_HOME = re.compile(r"\s+(?:card|permit|visa|status|document|number|type|proof)\b")
# labels that name an office too ("Dirección General de Migración"): with more than three
# words of their own before the colon they head an office's name ("dirección de atención
# al migrante: José …"), not an address ("dirección de la casa: …")
_OFFICE_TOO = words("dirección direccion")
_MOST_OWN_WORDS = 3

# a label then, with no colon, a street's name and its number: "na adrese Vinohradská
# 112", "oppgir adressen Kong Oscars gate 54", "wohnt laut Anschrift Talstraße 4b"
_STREET_AFTER_LABEL = re.compile(
    rf"\s+(?P<street>[{UPPER}][^\W\d_][\w.'’-]*(?:[ \t][^\W\d_][\w.'’-]*){{0,3}}"
    # the house may carry its flat or its plot: "Rüütli 12-4", "Jateční 1187/12"
    r"[ \t]\d{1,5}[a-zA-Z]?(?:[/-]\d{1,4}[a-zA-Z]?)?)(?![\w/-])"
)


def street_after_label(text: str) -> list[tuple[int, int]]:
    """A street and number straight after an address label (no colon)."""
    if not _MARK.search(text):
        return []
    low = lower(text)
    out = []
    for label in _LABEL.finditer(low):
        if _BODY_BEFORE.search(text, 0, label.start()) and text[label.start()].isupper():
            continue  # "Αστυνομική Διεύθυνση Ηλείας": a body's name (Police Directorate)
        m = _STREET_AFTER_LABEL.match(text, label.end())
        if m is not None:
            out.append((m.start("street"), m.end("street")))
    return out


# a capitalised word just before a capitalised label: the label's word names a body
_BODY_BEFORE = re.compile(rf"[{UPPER}][^\W\d_]+ $")


def sentence_end(text: str, start: int, *, commas: bool = True) -> int:
    """Where an address told from ``start`` ends: its sentence's end, a semicolon, a
    bracket, or (``commas``) a comma before an ordinary lower-case word."""
    return _sentence_end(text, start, commas=commas)


def _sentence_end(text: str, start: int, *, commas: bool = True) -> int:
    limit = min(len(text), start + _MOST)
    lex = lexicon()
    for c in _LOWER_AFTER_COMMA.finditer(text, start, limit if commas else start):
        word = c.group(1)
        if word not in STARTERS and (word in lex.common or english(fold(word), lex)):
            limit = c.start()
            break
    turkic = _TURKIC_CYRILLIC.search(text, start, limit) is not None
    for c in _CYRILLIC_AFTER_COMMA.finditer(text, start, start if turkic or not commas else limit):
        if not _CYRILLIC_HOME.match(c.group(1)):
            limit = c.start()  # "…, корп. 2, выявлены граждане …": the sentence goes on
            break
    for e in _END.finditer(text, start, limit):
        if (
            text[e.start()] == "."
            and _abbreviation(text, max(start, e.start() - 7), e.start())
            and not (
                _UNIT_BEFORE.search(text, max(start, e.start() - 8), e.start())
                and _SENTENCE_AFTER.match(text, e.start())
            )
        ):
            continue  # "Str.", "nr.", "ул.", "Mah.": abbreviations inside an address
        if text[e.start()] == "." and _ORDINAL_STREET.match(text, e.start() - 1):
            continue  # "47. Sokak", "3. Querstraße": a street numbered as an ordinal
        return e.start()
    return limit


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where sentences end between ``start`` and ``end``: a full stop (not after an
    abbreviation: "Str.", "nr.", "ул.") or "!", "?", then a word that is no lower-case one."""
    return [
        m.start()
        for m in _STOP.finditer(text, start, end)
        if text[m.start()] != "." or not _abbreviation(text, max(start, m.start() - 7), m.start())
    ]


_STOP = re.compile(r"[.!?](?=\s+[^\W\d_a-zà-ÿ])")
_ORDINAL_STREET = re.compile(
    rf"\d\.\s+(?:(?i:{STREET_AFTER}|{STREET_BEFORE_ANY})|[^\W\d_]*(?:straße|strasse|gasse))"
    r"(?![^\W\d_])"
)


# a short lower-case word after a number, a full stop and a capital: the word closes the
# address and the stop its sentence ("…, 12 тоот. Утас: …"); abbreviations come before
# their numbers ("nr. 9", "кв. 5")
_UNIT_BEFORE = re.compile(r"\d\s[^\W\d_]{1,4}$")
_SENTENCE_AFTER = re.compile(rf"\.\s+[{UPPER}]")


def _abbreviation(text: str, lo: int, at: int) -> bool:
    m = _WORD_BEFORE.search(text, lo, at)
    if m is None:
        return _uncased_abbreviation(text, lo, at)
    w = m.group(0)
    if w.islower():
        return len(w) <= 4
    return w.lower() in _CAPITAL_ABBREVIATIONS


_NUMBER_AFTER = re.compile(r"\s?\d")

_DEVANAGARI = re.compile("[\u0900-\u097f]")
_MOST_UNCASED = 3


def _uncased_abbreviation(text: str, lo: int, at: int) -> bool:
    """A short word with no capitals before a dot in an address: "ನಂ. 17", "ቁ. 217",
    "नं. 221" (number) before a number, or dotted initials, "പി.ഒ." (post office),
    "ടി.സി. 24/1182". Scripts without capitals end sentences with a dot too ("… ಇದೆ."), so
    a short word alone is one only before a number."""
    before = text[lo:at].split()
    if not before:
        return False
    w = before[-1]
    if not w or w.lower() != w.upper() or any(c.isdigit() for c in w) or _DEVANAGARI.search(w):
        # a word of a script with capitals, or none of letters; Devanagari homes ("मकान
        # नं. 213, वार्ड 6") are numbered_homes' to read, which end them at their last unit
        # (the district after, "ज़िला गया", was left out by batch 7's writer)
        return False
    return "." in w or (len(w) <= _MOST_UNCASED and _NUMBER_AFTER.match(text, at + 1) is not None)


def _is_address(value: str) -> bool:
    if not value or _NONE.search(value) or _counted_nations(value):
        return False
    if _MARK.search(value) or _SCRIPTLESS.search(value):
        return True
    capitals = sum(1 for w in value.split() if w[0].isupper())
    if not any(c.isascii() for c in value if c.isalpha()):  # Arabic, Bengali, Cyrillic…
        return bool(_PARTS.search(value)) or capitals >= 2
    # Latin letters: places are written with capitals ("Address: she moved" is none)
    return capitals >= 2 or (capitals >= 1 and bool(_PARTS.search(value)))


_COUNT_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")


def _counted_nations(value: str) -> bool:
    """Numbers and nationalities only: a count of people, no home ("in residence: 4
    Nigerian, 3 Albanian, 2 Romanian")."""
    lex = lexicon()
    found = _COUNT_WORD.findall(value)
    return any(w[0].isupper() for w in found) and all(
        w.isdigit() or (n := fold(w)) in lex.nations or demonym(n, lex) for w in found
    )


# words for an administrative unit, a home or a street, in scripts the Latin patterns do
# not read: Khmer, Burmese, Bengali, Devanagari, Arabic and Urdu, Persian, Ethiopic
_ADMIN_GLUED = (  # Khmer writes the unit's word and its name as one word
    "ភូមិ|ឃុំ|សង្កាត់|ស្រុក|ខណ្ឌ|ខេត្ត|ក្រុង|រាជធានី|ផ្លូវ|ផ្ទះលេខ|"
    # and Lao: village, district, province, the capital ("ຢູ່ບ້ານໂພນສະຫວັນ ເມືອງໄຊທານີ")
    "ບ້ານ|ເມືອງ|ແຂວງ|ນະຄອນຫຼວງ"
)
_ADMIN_WORD = (
    # Bengali: village, post office, union, upazila, thana, district, house, road
    "গ্রাম|ডাকঘর|পোস্ট|ইউনিয়ন|উপজেলা|থানা|জেলা|বাড়ি নং|বাসা নং|হোল্ডিং|রোড|মহল্লা|"
    # Hindi, Marathi, Nepali
    "ग्राम|गांव|गाँव|गाउँ|पोस्ट|डाकघर|तहसील|जिला|ज़िला|जिल्ला|थाना|ब्लॉक|मकान नं|मकान नंबर|"
    "वार्ड|वडा|गली|मोहल्ला|टोल|नगरपालिका|गाउँपालिका|"
    # Urdu, Arabic, Persian
    "مکان نمبر|مکان|گلی|محلہ|ضلع|تحصیل|گاؤں|موضع|ڈاکخانہ|قرية|حي|شارع|محافظة|بناية|مبنى|"
    "شقة|منطقة|زقاق|خیابان|کوچه|پلاک|محله|روستا|استان|شهرستان|"
    # a home and what it is near: house, "near", "behind", "opposite", "beside"
    "منزل|بيت|دار|قرب|بجانب|خلف|مقابل|جنب|"
    # Ethiopic: kebele, woreda, zone, sub-city, house number
    "ቀበሌ|ወረዳ|ዞን|ክፍለ ከተማ|የቤት ቁጥር|"
    # Burmese: number, street, ward, village tract
    "အမှတ်|လမ်း|ရပ်ကွက်|ကျေးရွာ|"
    # Marathi and Hindi abbreviations (their dot read as part of the word, see _ABBREVIATION):
    # village, post, taluka, district, room and house numbers
    "मु\u2024|पो\u2024|ता\u2024|जि\u2024|क्र\u2024|खोली|"
    # Gurmukhi, Gujarati, Telugu, Tamil, Sinhala: village, district, house, street
    "ਪਿੰਡ|ਜ਼ਿਲ੍ਹਾ|ਜ਼ਿਲਾ|ਤਹਿਸੀਲ|ਡਾਕਖਾਨਾ|ਮਕਾਨ ਨੰ|ਗਲੀ|ਗਾਮ|ગામ|જિલ્લો|તાલુકો|સોસાયટી|મકાન નં|"
    "గ్రామం|మండలం|జిల్లా|ఇంటి నం|వీధి|கிராமம்|மாவட்டம்|தெரு|வீட்டு எண்|"
    "ගම|දිස්ත්‍රික්කය|පාර|නො|"
    # Lao: village, district, province, capital; Pashto: village, district, province
    "کلی|ولسوالۍ|ولایت|ناحیه"
)
# Burmese and some Indic units follow the name, written as one word with it
_ADMIN_AFTER = (
    "မြို့နယ်|မြို့|ရွာ|လမ်း|ရပ်ကွက်|တိုင်း|ပြည်နယ်|পাড়া|नगर|पुर|آباد|پورہ|"
    # district and village after their name: Telugu, Gurmukhi, Pashto
    "జిల్లా|ਜ਼ਿਲ੍ਹਾ|ولسوالۍ|کلی"
)
_ADMIN = re.compile(
    rf"(?:{_ADMIN_GLUED})"
    rf"|(?<![^\s,،၊、:：៖፦])(?:{_ADMIN_WORD})(?=[\s\d\u0966-\u096f\u09e6-\u09ef\u1040-\u1049\u2024])"
    rf"|(?:{_ADMIN_AFTER})(?=[\s,،၊、.।။។۔፣]|$)"
)
_SCRIPTS = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u0e80-\u0eff\u1000-\u109f\u1200-\u139f\u1780-\u17ff]"
)
# the dot of a short Indic abbreviation ("नं.", "मु. पो.", "ता.") ends no part: read as a
# letter (one dot leader, same length) so the part goes on to its number
_ABBREVIATION = re.compile(r"(?<![^\s,(])([\u0900-\u0dff]{1,3})\.(?=\s)")
# a part of a chain: up to four words between separators
_PART = re.compile(r"[^\s,،၊、.;:!?।॥۔။។፡።()؛؟]+(?:[ \u00a0][^\s,،၊、.;:!?।॥۔။។፡።()؛؟]+){0,3}")
# words that place a home by what is near it ("قرب", "مقابل"): alone they name no unit, and
# "مقابل" is "in exchange for" as often ("مقابل فدية")
_NEAR = re.compile("قرب|بجانب|خلف|مقابل|جنب")
# a home ("منزل", "بيت", "دار") or a landmark with a number names no unit either: "دار
# الإيواء … ١١ عاملة" (a shelter, eleven workers), "مقابل ٢٠٠ ألف" (for 200 thousand)
_WEAK = re.compile("منزل|بيت|دار|قرب|بجانب|خلف|مقابل|جنب")
# units many thousands share (district, sub-district, province, township, town): a chain
# of these alone ("ရန်ကုန်မြို့၊ လှိုင်သာယာမြို့နယ်", Yangon, Hlaing Tharyar township) names
# no home, so a chain needs a finer part too (a village, street, ward, house or number)
_COARSE = re.compile(
    "উপজেলা|থানা|জেলা|तहसील|जिला|ज़िला|जिल्ला|थाना|नगरपालिका|गाउँपालिका|ضلع|تحصیل|محافظة|"
    "استان|شهرستان|ወረዳ|ዞን|ክፍለ ከተማ|ស្រុក|ខណ្ឌ|ខេត្ត|ក្រុង|រាជធានី|မြို့နယ်|မြို့|တိုင်း|ပြည်နယ်|"
    "ता\u2024|जि\u2024|ਜ਼ਿਲ੍ਹਾ|ਜ਼ਿਲਾ|ਤਹਿਸੀਲ|જિલ્લો|તાલુકો|జిల్లా|మండలం|மாவட்டம்|දිස්ත්‍රික්කය|"
    "ເມືອງ|ແຂວງ|ນະຄອນຫຼວງ|ولسوالۍ|ولایت"
)
_SEP = re.compile(r"\s*[,،၊、፣]\s*|\s+")
_UNIT_COLON = re.compile(rf"(?<![^\s,،၊、])({_ADMIN_WORD}):(?=\s)")


# postpositions and verbs of Urdu, Hindi, Nepali and Bengali that end an address's part
_FUNCTION_WORD = re.compile(  # within a part, or opening it ("، وأن …")
    r"(?:^|\s)(?:کی|کے|کا|میں|سے|ہے|ہیں|تھا|تھی|کو|نے|पर|की|के|का|में|से|है|था|थी|को|ने|मा|बाट|छ|"
    r"এর|থেকে|থাকে|ছিল|করে|ও|এবং|ဖြစ်သည်|သည်|တွင်|၌|သို့|ကို|"
    # Marathi, Gurmukhi, Gujarati, Telugu
    r"हिला|तिला|याला|त्याला|याने|हिने|मध्ये|येथे|आणि|ਨੇ|ਨੂੰ|ਦੀ|ਦਾ|ਦੇ|ਤੋਂ|ਵਿੱਚ|ਅਤੇ|ਹੈ|ਸੀ|"
    r"ને|નો|ની|નું|માં|થી|અને|છે|లో|కి|ను|మరియు|నుండి|నుంచి|"
    # Arabic and Persian: "… شارع الحمرا، وأن جواز سفرها …" (and that her passport …)
    r"وأن|بأن|أن|وقد|حيث|التي|الذي|كانت|كان|وهي|وهو|ولكن|لكن|که|است|بود|را|و)(?=[\s။]|$)"
)


_LAST_NUMBER = re.compile(r"\d+(?:[/-]\d+)?[^\W\d_]?(?=\s+\S)(?!.*\d)")


def chains(text: str) -> list[tuple[int, int]]:
    """Runs of parts naming administrative units or a home, in scripts without capitals."""
    if not _SCRIPTS.search(text):
        return []
    text = _ABBREVIATION.sub("\\1\u2024", text)
    text = _UNIT_COLON.sub("\\1\u2024", text)  # "গ্রাম: চরকাউয়া": a unit's colon, as a dot
    if not _ADMIN.search(text):
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    for first in _ADMIN.finditer(text):
        if first.start() < pos:
            continue
        start = _word_start(text, first.start())
        if span := _chain_at(text, start):
            if town := _TOWN_FIRST.search(text, max(0, start - 32), start):
                span = (town.start("town"), span[1])  # "محل نگهداری: تهران، خیابان …"
            if "\u0e80" <= text[start] <= "\u0eff":
                span = _lao_units(text, span)
            out.append(span)
            pos = span[1]
    return out


# the town written first, after a colon, before the units: "…: تهران، خیابان آزادی"
_TOWN_FIRST = re.compile(r"(?:^|[:：៖፦]\s*)(?P<town>[^\s\d,،:]{2,24})\s*[,،]\s*$")


def _chain_at(text: str, start: int) -> tuple[int, int] | None:  # noqa: PLR0912 - one per part kind
    """The chain of parts from ``start`` when two of them name units, with the town that
    closes it."""
    end, units, last_unit, tail, near, strong, fine = start, 0, start, 0, 0, 0, 0
    numbered = False
    at = start
    while at < len(text):
        part = _PART.match(text, at)
        if part is None:
            break
        words = part.group(0)
        if cut := _FUNCTION_WORD.search(words):
            # "موضع کندائی کی رہائشی": the sentence goes on after the unit's name
            if admin := _ADMIN.findall(words[: cut.start()]):
                units += 1
                strong += sum(not _WEAK.fullmatch(a) for a in admin)
                fine += sum(not _COARSE.fullmatch(a) for a in admin)
                end = last_unit = part.start() + cut.start()
            elif units:
                end = part.start() + cut.start()
            break
        admin = _ADMIN.findall(words)
        if numbered and admin and all(_COARSE.fullmatch(a) for a in admin):
            break  # "ग्राम …, मकान नं. 112, ज़िला कटिहार": past the house, a district stays
        numbered = numbered or bool(_MARK.search(words))
        if n := len(admin) + bool(_MARK.search(words)):
            units += n
            near += len(_NEAR.findall(words))
            strong += sum(not _WEAK.fullmatch(a) for a in admin)
            fine += n - sum(bool(_COARSE.fullmatch(a)) for a in admin)
            last_unit = end = part.end()
            tail = 0
            if (num := _LAST_NUMBER.search(words)) and not _ADMIN.search(words, num.end()):
                last_unit = end = part.start() + num.end()  # "پلاک ۵ نگهداری می‌شد"
                break
        elif tail < 1 and units >= 1:
            tail += 1
            end = part.end()
        else:
            break
        sep = _SEP.match(text, part.end())
        if sep is None or not sep.group(0):
            break
        at = sep.end()
    if units - near < 1 or units < 2 or strong < 1 or fine < 1:
        return None  # "قرب الإسكندرية مقابل ديون": landmarks only; see _WEAK, _COARSE
    if tail and not _closes(text, end):
        end = last_unit
    return start, end


_LAO_WORD = re.compile("[\u0e80-\u0eff]+")


def _lao_units(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A Lao chain to the last word holding a unit: Lao sets phrases, not words, apart by
    spaces, so a part of several "words" runs into the sentence ("…ວຽງຈັນ ຖືກ ທ້າວ …")."""
    end, bare = span[0], False
    for w in _LAO_WORD.finditer(text, *span):
        if _ADMIN.search(w.group(0)) or bare:
            end = w.end()
        # a unit's word written apart from its name ("ເມືອງ ໄຊເສດຖາ") takes the next word
        bare = _ADMIN.fullmatch(w.group(0)) is not None
    return span[0], max(end, span[0] + 1)


# a home or a landmark near one, in the scripts chains read: with a number, what makes a
# chain a home rather than a village ("গ্রাম: …, ইউনিয়ন: …" in a place field names a place)
_HOME = re.compile(
    "منزل|بيت|دار|قرب|بجانب|خلف|مقابل|جنب|বাড়ি|বাসা|मकान|घर|گھر|مکان|خانه|پلاک|ផ្ទះ|အိမ်|ቤት"
)


def names_home(chain: str) -> bool:
    """True when a chain holds a number or a home: a place field keeps one that does not."""
    return bool(_MARK.search(chain) or _HOME.search(chain))


def _word_start(text: str, at: int) -> int:
    if "\u1780" <= text[at] <= "\u17ff" or "\u0e80" <= text[at] <= "\u0eff":
        return at  # Khmer and Lao write the words before a unit onto it: "…ធ្វើការនៅភូមិ…"
    while at > 0 and not text[at - 1].isspace() and text[at - 1] not in ",،၊、:：៖፦(":
        at -= 1
    return at


def _closes(text: str, end: int) -> bool:
    """True when a sentence or clause ends after the town that closes an address."""
    rest = text[end : end + 2]
    return not rest or rest[0] in ".;!?।॥۔။។፡።),،၊؛؟"
