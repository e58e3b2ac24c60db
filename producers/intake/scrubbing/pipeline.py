"""Scrubbing free text: identifiers become typed placeholders before anything is stored.

Every rule reads the original text and reports spans; earlier rules take precedence and a
later span that overlaps one widens it: emails, handles, URLs, dates of birth, street
addresses, document and phone numbers, personal names, and last what a learned recogniser
(``learned``) finds that no rule took. The rules lean towards over-scrubbing: a lost
figure in a summary costs little, a leaked identifier of a survivor a great deal. Scores
on labelled text: ``tahub privacy evaluate`` (producers/intake/data/BLIND.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from producers.intake.scrubbing import learned
from producers.intake.scrubbing.address_edges import joined, trimmed
from producers.intake.scrubbing.address_hotels import hotel_rooms, with_hotel
from producers.intake.scrubbing.address_lines import lined, town_part
from producers.intake.scrubbing.address_looks import looks
from producers.intake.scrubbing.address_units import with_units
from producers.intake.scrubbing.addresses import address_spans
from producers.intake.scrubbing.addresses_homes import homes
from producers.intake.scrubbing.addresses_labelled import (
    chains,
    labelled,
    names_home,
    street_after_label,
)
from producers.intake.scrubbing.addresses_landmarks import PLACING, landmark_homes
from producers.intake.scrubbing.addresses_numbered import numbered_homes, unit_chains
from producers.intake.scrubbing.birthdates import dob_spans
from producers.intake.scrubbing.birthyears import birth_year_spans
from producers.intake.scrubbing.born_names import born_spans
from producers.intake.scrubbing.calendar_dates import calendar_date_spans
from producers.intake.scrubbing.case_refs import unreferenced
from producers.intake.scrubbing.chat_senders import chat_senders
from producers.intake.scrubbing.cjk_nicknames import cjk_nickname_spans
from producers.intake.scrubbing.contact_names import contact_name_spans
from producers.intake.scrubbing.contacts import emails, handles, organisations_contacts, urls
from producers.intake.scrubbing.dates_written import written_date_spans
from producers.intake.scrubbing.fields import within_fields
from producers.intake.scrubbing.han_foreign import han_foreign_spans
from producers.intake.scrubbing.han_names import han_name_spans
from producers.intake.scrubbing.ja_names import ja_name_spans
from producers.intake.scrubbing.ko_names import ko_name_spans
from producers.intake.scrubbing.law_refs import uncited
from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.name_called import called_quoted
from producers.intake.scrubbing.name_cued_after import cued_after
from producers.intake.scrubbing.name_documented import documented_names
from producers.intake.scrubbing.name_edges import untitled
from producers.intake.scrubbing.name_fields import field_names, said_none
from producers.intake.scrubbing.name_greetings import greeted, saluted
from producers.intake.scrubbing.name_letters import letter_names
from producers.intake.scrubbing.name_lists import list_rows, listed, virtue_lists
from producers.intake.scrubbing.name_mentions import mentions
from producers.intake.scrubbing.name_pairs import paired
from producers.intake.scrubbing.name_shapes import shape_spans
from producers.intake.scrubbing.name_twins import glued_latin, twins
from producers.intake.scrubbing.names import find as find_names
from producers.intake.scrubbing.national_ids import mrz_spans, national_id_spans
from producers.intake.scrubbing.numbers import numbers
from producers.intake.scrubbing.phone_owners import genitive_owners, phone_owners
from producers.intake.scrubbing.spoken_numbers import spoken_numbers
from producers.intake.scrubbing.street_words import WORD_STARTERS
from producers.intake.scrubbing.text import (
    ADDRESS,
    DIGIT,
    EMAIL,
    HANDLE,
    NAME,
    UPPER,
    URL,
    Span,
    Text,
    script_of,
)
from producers.intake.scrubbing.th_kin_titles import th_titled
from producers.intake.scrubbing.th_names import th_name_spans
from producers.intake.scrubbing.transcripts import (
    answered_names,
    labelled_names,
    speaker_names,
    spelled_names,
    staff_names,
)
from producers.intake.scrubbing.unspaced import unspaced_spans
from producers.intake.scrubbing.unspaced_mentions import unspaced_mentions
from producers.intake.scrubbing.venues import unvenued

_KIND = {EMAIL: "email", HANDLE: "handle", URL: "url"}
_THAI_OR_LAO = re.compile("[\u0e01-\u0edf]")


@dataclass
class ScrubResult:
    text: str
    found: Counter[str] = field(default_factory=Counter)


def scrub(text: str, *, names: bool = True, place: bool = False) -> ScrubResult:
    """``text`` with identifiers replaced by typed placeholders ([NAME], [PHONE]…);
    ``place`` when it is a place field (the learned recogniser does not run there)."""
    t = Text(text)
    spans: list[Span] = []  # in order of precedence
    # cheap tests first: each rule runs only where what it matches could be
    spans += emails(t)
    # and a pasted chat's senders, and "zero nine one seven, four four two, …"
    spans += handles(t) + chat_senders(text) + spoken_numbers(t)
    if "." in text or "://" in text:
        spans += urls(text)
    spans += dob_spans(t) + mrz_spans(text)  # a passport's names line: "P<PHLDELA<CRUZ<<…"
    if DIGIT.search(text):
        spans += birth_year_spans(text)
        # any order, any CLDR month, other calendars; forms of other scripts ("១២ ខែមេសា …")
        spans += calendar_date_spans(text) + written_date_spans(text)
        spans += [(s, e, ADDRESS) for s, e in address_spans(text, t)]
        # identity numbers with letters first ("၁၂/ဗဟန(နိုင်)၀၆၃၁၅၉", "УБ94071528"), then numbers
        spans += national_id_spans(text) + numbers(t)
        spans += unspaced_spans(text)  # "身份证号410523199803123417）": no word boundary
    elif t.words.intersection(WORD_STARTERS):  # without a number: "off Ring Road, …"
        spans += [(s, e, ADDRESS) for s, e in address_spans(text, t, WORD_STARTERS)]
    # an address after its label, or a chain of administrative units, in any script
    spans += [(s, e, ADDRESS) for s, e in labelled(text) + street_after_label(text)]
    spans += [(s, e, ADDRESS) for s, e in homes(text, t.low)]  # "vive en …, casa 23, …"
    spans += [(s, e, ADDRESS) for s, e in landmark_homes(text, t.words)]  # "zinc house behind …"
    if DIGIT.search(text):  # "मकान नं. 221, …", "бл. 14, вх. Б, ап. 37", "Hotel X, kamer 17"
        spans += [
            (s, e, ADDRESS) for s, e in numbered_homes(text) + unit_chains(text) + hotel_rooms(text)
        ]
    # in a place field, a chain of units with no number or home names a village
    spans += [(s, e, ADDRESS) for s, e in chains(text) if not place or names_home(text[s:e])]
    # an address's CJK label stays ("寮の住所は…"); its towns go with it (address_lines, below)
    spans = [
        sp
        for sp in ((*trimmed(text, s, e), p) if p == ADDRESS else (s, e, p) for s, e, p in spans)
        if sp[0] < sp[1]
    ]
    spans = joined(text, spans)  # "Karşıyaka Mah. 47. Sokak No: 9": one address
    if names:
        spans += [(s, e, NAME) for s, e in find_names(text, t.words)]
        # the words of an email, handle or link found above that name its owner
        contacts = [(s, e, _KIND[p]) for s, e, p in spans if p in _KIND]
        spans += [(s, e, NAME) for s, e in contact_name_spans(text, contacts)]
        # "陈彪", no cue needed; a foreign name spelt in characters: "西蒂·努爾哈雅蒂"
        spans += [(s, e, NAME) for s, e in han_name_spans(text) + han_foreign_spans(text)]
        spans += [(s, e, NAME) for s, e in cjk_nickname_spans(text)]  # "黃[先生]", "阿强"
        spans += [(s, e, NAME) for s, e in ja_name_spans(text)]  # UniDic's 人名: "山口恵子"
        spans += [(s, e, NAME) for s, e in ko_name_spans(text)]  # Kiwi's NNP: "박만식"
        spans += [(s, e, NAME) for s, e in th_name_spans(text)]  # PyThaiNLP's lists
        if max(text) >= "\u0e01" and _THAI_OR_LAO.search(text):
            spans += [(s, e, NAME) for s, e in th_titled(text)]  # "เจ๊แดง", "ເອື້ອຍແດງ"
    if names and not place:
        # last: the learned recogniser adds what no rule took (learned.py). Not in place
        # fields: there the rules tell a person's home from its town (scrub_place), and
        # the model, trained on both, took whole places that its writers kept
        spans += learned.beside(text, spans)  # less what the rules read as another kind
        # and last, two capitalised words no rule took whose spelling is a name's
        spans += shape_spans(text, spans)
    if names:  # a name set off before its birth date: "सरिता तामाङ (जन्म मिति …"
        spans = _set_off(text, spans)
        # "রহিম নামে", "ዮሐንስ የተባለ", "Бакыт деген", "박 실장"; "Hi Tom,", "Dear Grace,"
        # and a form's name field: "ФИО: Абдуллаева Гульнора Рустамовна", a letter's
        # signature and an e-mail header's sender: "Yours faithfully,\nDr Leila Haddad"
        # and a transcript's answer to "your name?", a name by a speaker label or spelled
        spans += (
            cued_after(text)
            + greeted(text)
            + saluted(text)
            + field_names(text)
            + letter_names(text)
            + answered_names(text)
            + labelled_names(text)
            + spelled_names(text)
            + staff_names(text)
            + speaker_names(text)  # "INT: … / Filmon: …"
            + called_quoted(text)  # 'the family calls her "Kumi"'
            + phone_owners(text)  # "Numero di Lamin: 351 …"
            + genitive_owners(text)  # "Бауыржанның телефоны: …", "ராஜேஷின் கைபேசி எண்: …"
        )
    if names:  # people listed with a found name: "Hieu, Tuan, [NAME] and Long"
        spans += listed(text, spans) + list_rows(text, spans)
        spans += virtue_lists(text)  # "Precious, Favour e Blessing"
        spans += paired(text, spans)  # "[NAME] (জন্ম …) ও শিউলিকে", "गीता र [NAME]"
    # a name that names a hall, a school or a palace is no one's: "Lycée Victor …";
    # a title opening a name stays: "Mama [NAME]", "Alhaji [NAME]" (name_edges.py)
    # and a form's lines are its fields: no span runs into the next (nor are its words
    # sought again past it)
    spans = within_fields(
        text, untitled(text, unvenued(text, spans, t.words) if names else spans, place=place)
    )
    # the found names' words again, declined ("… Somchain puhelin", "ნინოს …"), in another
    # script beside them ("ဇော်လင်းထက် (Zaw Lin Htet)"), Latin names glued to Han ("渔工Tran …")
    if names:
        # and a Korean, Chinese or Japanese name by its given name ("박준호 … 준호의")
        spans += (
            mentions(text, spans)
            + twins(text, spans)
            + glued_latin(text)
            + unspaced_mentions(text, spans)
        )
    # the flat, floor or door written beside an address any rule found ("…, app. 5"),
    # then the towns and postcodes of its line ("г. Гомель, [ADDRESS]", "[ADDRESS], Accra")
    # and an informal address's landmark and the home's looks ("…, white house, blue gate")
    # and the hotel a room is in ("the Premier Stay Hotel, [room 318]")
    spans = lined(text, with_hotel(text, looks(text, with_units(text, spans, ADDRESS), t.words)))
    # a law's numbers are no house, document or phone: "UU No. 21 Tahun 2007", "§ 232"
    # and a file's or a court's reference in a text that names no one ("Dossier GH-TML-…")
    spans = unreferenced(text, uncited(text, t.words, spans)) if DIGIT.search(text) else spans
    return _apply(
        text, _to_word_ends(text, _unkept(text, said_none(text, within_fields(text, spans))))
    )


def _set_off(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the names set off before a birth date or a document: in scripts
    without capitals ("सरिता तामाङ (जन्म मिति …") and capitalised ("Wanjiku Mwangi
    (passport …")."""
    spans = spans + born_spans(text, spans)
    return spans + documented_names(text, spans)


def _unkept(text: str, spans: list[Span]) -> list[Span]:
    """Less the spans inside an organisation's role mailbox ("info@onatuntun.org")."""
    kept = organisations_contacts(text)
    return [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b for a, b in kept)]


_MOST_TAIL = 24


def _to_word_ends(text: str, spans: list[Span]) -> list[Span]:
    """Spans that end on a combining mark's letter reach the end of that word: a pattern's
    ``\\w`` stops before a mark ("Tèmítọ́pẹ́" written with U+0301 read as "Tèmítọ"), which
    left the mark and the rest of the name behind ("[NAME]́pẹ́")."""
    out: list[Span] = []
    for start, last, placeholder in spans:
        end = last
        # (a Turkish or Azerbaijani case ending after an apostrophe stays outside:
        # "[NAME]'nin", as the labelling brief has it since batch 61)
        if placeholder == NAME and _declined(text, start, end):
            end = _word_end(text, end)  # "[Айпери]нин", "[செல்வி]யின்": the ending goes too
        if end < len(text) and unicodedata.category(text[end])[0] == "M":
            end = _word_end(text, end)
        out.append((start, end, placeholder))
    return out


# scripts whose names may stop inside a word only where a case ending is glued to them;
# Devanagari's postpositions stay apart (name_edges), and Han, Thai, Lao, Khmer, Burmese
# and Japanese write no spaces, so a name there ends inside a run of letters
_DECLINING = re.compile("[A-Za-zÀ-ɏЀ-ӿԀ-ԯ\u0530-\u058f\u10a0-\u10ff\u0b80-\u0dff\u0c00-\u0c7f]")


def _declined(text: str, start: int, end: int) -> bool:
    """A name span that stops inside a word of its own script: the rest is its ending."""
    if start >= end or end >= len(text) or not text[end].isalpha():
        return False
    last, nxt = text[end - 1], text[end]
    if not (_DECLINING.match(last) and _DECLINING.match(nxt)):
        return False
    return script_of(last) == script_of(nxt)


def _word_end(text: str, end: int) -> int:
    stop = min(len(text), end + _MOST_TAIL)
    while end < stop and (text[end].isalnum() or unicodedata.category(text[end])[0] == "M"):
        end += 1
    return end


def _apply(text: str, spans: list[Span]) -> ScrubResult:
    """Replaces spans; overlapping spans become one, named by the rule that comes first."""
    ranked = sorted((start, end, rank, p) for rank, (start, end, p) in enumerate(spans))
    found: Counter[str] = Counter()
    pieces: list[str] = []
    pos = 0
    i = 0
    while i < len(ranked):
        start, end, rank, placeholder = ranked[i]
        i += 1
        while i < len(ranked) and ranked[i][0] < end:  # overlaps the group so far
            end = max(end, ranked[i][1])
            if ranked[i][2] < rank:
                rank, placeholder = ranked[i][2], ranked[i][3]
            i += 1
        pieces += (text[pos:start], placeholder)
        pos = end
        found[placeholder] += 1
    pieces.append(text[pos:])
    return ScrubResult("".join(pieces), found)


def is_known_place(name: str) -> bool:
    """True when every comma-separated part of ``name`` is a place the gazetteer knows."""
    places = lexicon().places
    parts = [p.strip() for p in name.split(",")]
    return all(p and fold(p) in places for p in parts)


def scrub_place(name: str) -> ScrubResult:
    """A place name as intake stores it: kept when the gazetteer knows it, else scrubbed
    like a summary (names too, since "house of Chukwuma Obi" is a place name to a form)."""
    if is_known_place(name):
        return ScrubResult(name)
    out = scrub(name, place=True)
    if (owner := _OWNER.match(out.text)) and fold(owner.group("name")) in lexicon().given:
        # a place field opening with a listed given name's home: "Amir's flat above …"
        # and its address apart: "[NAME]'s flat above the barber, [ADDRESS], Hounslow"
        text = NAME + out.text[owner.end("name") :]
        return ScrubResult(text, out.found + Counter({NAME: 1}))
    home = _HOME_OF.match(out.text)
    rest = out.text[home.end() :].strip(" ,.") if home else ""
    if (
        rest
        and not is_known_place(rest)
        and not _TOWN.fullmatch(rest)
        and not _in_town(rest)
        and not (_placed_by_rules(rest) and not _LANDMARKED.search(name))
    ):
        # a person's home is one whole: "finca de Juan Mejía, vereda El Tambo", "rumah Bu
        # Ratna dekat masjid", "kwa Mzee Juma, karibu na msikiti": what is left around the
        # name tells where that person lives ("house of [NAME], Benin City" names a city);
        # the towns closing the field stay, as after any address
        towns = _closing_towns(name)
        return ScrubResult(", ".join([ADDRESS, *towns]), Counter({ADDRESS: 1}))
    return out


def _closing_towns(name: str) -> list[str]:
    """The known towns and regions at the end of a place field, in order ("…, Bagamoyo",
    "…, Kilosa District")."""
    parts = [p.strip() for p in name.split(",")]
    towns: list[str] = []
    while len(parts) > 1 and (is_known_place(parts[-1]) or town_part(parts[-1])):
        towns.insert(0, parts.pop())
    return towns


_OWNER = re.compile(
    rf"(?P<name>[{UPPER}][^\W\d_]+)(?:'s|’s)\s+(?i:house|home|flat|room|place|shop|farm|"
    r"compound|apartment|shack|hut)\b"
)


# a placeholder alone or after an abbreviation ("cel. [PHONE]"); not after a word that
# places the home ("bahay ni [NAME] sa [ADDRESS]": its writer kept that home whole)
_PLACEHOLDER_PART = re.compile(r"(?:[^\W\d_]+\.\s*)?\[[A-Z]+\]")


# a home placed by a landmark ("casa de …, frente a la escuela, barrio …") or by a unit
# finer than a village ("…, Purok 4, Barangay …", "…, vereda El Tambo") goes whole
_LANDMARKED = re.compile(rf"(?i)(?<![^\W\d_])(?:{PLACING}|purok|sitio|vereda|hamlet)\s")


def _placed_by_rules(rest: str) -> bool:
    """What follows a person's home is an address (or a phone) the rules replaced, and
    towns: "house of [NAME], [ADDRESS]", "casa de doña [NAME], cel. [PHONE]". Each part
    was judged already, so the home's words and the name's title stay."""
    parts = [p.strip() for p in rest.split(",")]
    return (
        any(_PLACEHOLDER_PART.match(p) for p in parts)
        and all(
            _PLACEHOLDER_PART.fullmatch(p)
            or _TOWN.fullmatch(p)
            or is_known_place(p)
            or town_part(p)
            # a postcode's town after the address: "[ADDRESS] Lyon"
            or (
                (m := _PLACEHOLDER_PART.match(p)) is not None
                and is_known_place(p[m.end() :].strip())
            )
            for p in parts
        )
    )


def _in_town(rest: str) -> bool:
    """Named parts of a known town, no landmark: "[NAME], Kampung Baru, KL" (a quarter
    of a city) tells no more than the town does."""
    parts = [p.strip() for p in rest.split(",")]
    last = parts[-1]
    if (
        len(parts) >= 2
        and (fold(last) in lexicon().places or _ABBREVIATED_TOWN.fullmatch(last) is not None)
        and all(_TOWN.fullmatch(p) for p in parts[:-1])
    ):
        return True
    # or rural units by their word ("Amaigbo village, Orlu", "aldea Chuicutama",
    # "barrio Las Flores, Estelí", "outside Robertson"): the units of a village tell
    # no more than the village, which no writer labelled an address alone; units finer
    # than a village (a vereda, a purok, a hamlet) stay part of the home, as batch 6 has it
    return any(_RURAL_UNIT.fullmatch(p) for p in parts) and all(
        _TOWN.fullmatch(p) or _RURAL_UNIT.fullmatch(p) for p in parts
    )


_ABBREVIATED_TOWN = re.compile(r"[A-Z]{2,5}")
_RURAL = (
    r"village|barrio|bairro|aldea|caser[íi]o|comunidad|colonia|zona rural de|"
    r"thôn|xã|huyện|bản|kampung|desa|dusun|barangay|kebele|outside|"
    r"povoado|distrito|municipio|município|district|province|provincia|village of"
)
# a rural unit by its word before or after its name: "aldea Chuicutama", "Amaigbo village"
_RURAL_UNIT = re.compile(
    rf"(?:(?i:{_RURAL})\s+)?[{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,2}}"
    rf"(?:\s+(?i:village|district|ward|province)|(?:\s+\([A-Z]{{2}}\))?)"
)


# a town alone after a person's home: "house of [NAME], Ikorodu" names a town, no more
_TOWN = re.compile(
    rf"(?:[{UPPER}][\w'’-]*|[^\W\d_a-zA-Z{UPPER}][\w'’-]*)(?: [{UPPER}][\w'’-]*){{0,2}}"
)


# a place that begins with a person's home, farm or shop, in many languages: "house of
# [NAME]", "casa de", "finca de", "chez", "rumah", "bahay ni", "kwa", "بيت", "nhà", or
# "[NAME]'s farm"
_HOME_WORDS = (
    r"house|home|flat|farm|compound|shop|place|residence|casa|finca|hacienda|fazenda|"
    r"ch[áa]cara|s[íi]tio|rancho|granja|quinta|ferme|maison|chez|demeure|domicile|rumah|"
    r"kediaman|bahay|tahanan|kwa|nyumbani|nyumba|shamba|gidan|ile|nh[àa]|ban|"
    r"بيت|منزل|دار|مزرعة|bayt|beit|dar|mazraat?|manzil|haveli|ghar|घर|বাড়ি|ঘর|"
    r"дом|будинок|dom|haus|hof|huis|boerderij|casa|cascina|podere"
)
_HOME_OF = re.compile(
    rf"(?i:(?:the|la|el|a|o|le)\s+)?(?i:{_HOME_WORDS})\s+"
    r"(?:(?i:of|de|do|da|du|des|del|di|van|von|ni|ng|ya|wa|la|cua|của)\s+)?"
    rf"(?:[^\W\d_]+\.?\s+){{0,2}}(?:\[NAME\]|[{UPPER}][^\W\d_]+(?:\s+[{UPPER}][^\W\d_]+)+)"
    r"|\[NAME\](?:'s|’s)\s+(?i:house|home|farm|place|compound|shop|flat)\b"
)
