"""Emails, URLs and handles: the identifiers people are reached by online.

Handles are @names, user_names, a username after a platform's name, a display name after
a platform's profile or page, Skype "live:" ids and dotted usernames ("tiffy.bby2007").
Each rule runs only where what it matches could be (an "@", a dot between word
characters, a platform's name).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import (
    EMAIL,
    HANDLE,
    URL,
    Span,
    Text,
    after,
    all_spans,
    words,
)
from schemas.taxonomy import Typology

_TLDS = (
    "com|org|net|info|biz|io|co|gov|edu|int|mil|app|dev|site|online|xyz|top|club|shop|"
    "live|news|link|me|tv|ly|to|cc|ws|example|[a-z]{2}"
)  # "example": the reserved name (RFC 2606) partners' own examples and training use
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"']+"
    rf"|\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_DOT = r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s*"
_AT = r"\s*(?:\[at\]|\(at\)|\{at\}|\sat\s)\s*"
_EMAIL = re.compile(r"\b[\w.+%-]+@[\w-]+(?:\.[\w-]+)+\b")
# written out to dodge filters: "jane dot doe at mail dot com", "jane[at]mail[dot]com"
_EMAIL_SPELT = re.compile(
    rf"\b[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:{_TLDS})\b",
    re.IGNORECASE,
)
_TLD_END = re.compile(rf"\.(?:{_TLDS})$", re.IGNORECASE)
_SPELT_DOT = re.compile(r"\bdot\b|\[dot\]|\(dot\)|\{dot\}", re.IGNORECASE)
_DOTTED = re.compile(r"\.\w|://")

# --- handles: @name, user_names with underscores, a username after a platform's name ---
_AT_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?")
# (a particle of a script without spaces may touch the end: "ID는 sm_park77이다")
_TYPOLOGY_CODES = frozenset(t.value for t in Typology)
_UNDERSCORED = re.compile(r"(?<![\w@])[A-Za-z0-9]+(?:[_][A-Za-z0-9]+)+(?![A-Za-z0-9_])")
_PLATFORMS = (
    r"telegram|tg|snapchat|snap|instagram|insta|ig|tiktok|facebook|fb|line|wechat|weixin|"
    r"viber|skype|twitter|kik|imo|zalo|vk|onlyfans|discord|signal|kakao|kakaotalk|"
    r"messenger|threema|whatsapp|roblox|fortnite|minecraft|xbox|psn|twitch|reddit|grindr|"
    r"tinder|bumble|badoo|omegle|wickr"
)
_PLATFORM = re.compile(
    rf"(?P<cue>\b(?:{_PLATFORMS}|username|user\s*name|user|handle|profile|account)\b"
    r"(?:\s+(?:id|as|is|name|named|called|handle|user|account|page|profile|channel|group|"
    r"chat|number|no\.?|niya|nya|ko|mo|ku)(?!\w))*\s*[:\-]?\s*[\"'“‘]?)"
    r"(?P<handle>(?=[\w.]*[a-z])[A-Za-z0-9][\w.]{2,40}[A-Za-z0-9])(?![\w@])",
    re.IGNORECASE,
)
# a display name after a platform's page or profile: "Facebook profile Cosmin Dobre Official"
_PROFILE = re.compile(
    rf"\b(?i:{_PLATFORMS}|vk|linkedin|youtube)\s+(?:(?i:profile|page|account|channel|group)"
    r"\s*(?:(?i:called|named|as|na|ni|llamad[oa]|chamad[oa]|nomm[ée]e?)\s+|:\s*)?"
    r"|(?i:called|named|na|llamad[oa]|chamad[oa]|nomm[ée]e?)\s+"
    # whose: Tagalog "FB niya …", Malay and Indonesian "fb nya …", Vietnamese "fb cua e la …"
    r"|(?i:niya|nya|ko|mo|ku|c[uủ]a\s+\w+\s+l[aà])\s+)[\"'“‘]?"
    r"(?P<handle>[A-Z][\w.'’-]{1,30}(?:\s+[A-Z0-9][\w.'’-]{0,30}){0,3})"
)
_QUOTED_PROFILE = re.compile(
    rf"\b(?i:{_PLATFORMS}|linkedin|youtube)(?:\s+(?i:profile|page|account|channel|group))?"
    # a case ending or a few words between: "Viber-ում՝ «Armen Dubai Job»"
    # in Latin letters: a quoted Cyrillic ad or channel ("«Робота Польща»") is no one's
    r"[^\n„\"“‘«.;]{0,12}?[„\"“‘«](?P<handle>[A-Za-zÀ-ɏ][^\"”’»\n]{1,58}[\w.!])[\"”’»]"
)
# Skype ids ("live:.cid.7f3a91b2c4e5", "live:lucy_22") and handle-shaped words anywhere:
# letters and digits joined by dots or underscores ("tiffy.bby2007", "lucky.lady.22")
_SKYPE = re.compile(r"(?<![\w.])live:[\w.-]{3,60}")
_DOTTED_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
_PLATFORM_STARTS = words(
    """
    telegram tg snapchat snap instagram insta ig tiktok facebook fb line wechat weixin
    viber skype twitter kik imo zalo vk onlyfans discord signal kakao kakaotalk messenger
    threema whatsapp username user handle profile linkedin youtube account roblox fortnite
    minecraft xbox psn twitch reddit grindr tinder bumble badoo omegle wickr
    """
)
# a Discord tag, a name and four digits ("kingdan#4471"), and an Indian UPI payment
# address, a name at a bank's or an app's handle ("priya88@okaxis", "9876543210@ybl")
_DISCORD = re.compile(r"(?<![\w.@#])(?P<name>[A-Za-z0-9_.]{2,32})#\d{4}(?![\w#])")
_UPI = re.compile(
    r"(?<![\w.@])[\w.-]{2,40}@(?:ok)?(?:axis|hdfcbank|icici|sbi|ybl|paytm|apl|ibl|upi|axl|"
    r"kotak|pnb|boi|barodampay|yesbank|federal|idfcbank|airtel|jio|freecharge|ptyes|ptaxis|"
    r"pthdfc|ptsbi|waicici|wahdfcbank|wasbi|waaxis)(?![\w@]|\.\w)",
    re.IGNORECASE,
)
# a handle after a platform's name written in Thai or Lao ("ไลน์ไอดี ton.jobthai": LINE
# id, "ເຟສບຸກ noy.thai.job": Facebook), where ``\b`` does not work between marks
_SCRIPT_PLATFORM = re.compile(
    r"(?:ไลน์ไอดี|ไอดีไลน์|ไลน์|ไอดี|เฟซบุ๊ก|เฟสบุ๊ค|เฟสบุ๊ก|ไอจี|ติ๊กต็อก|ເຟສບຸກ|ໄລນ໌|ວັອດແອັບ)"
    r"\s*[:：]?\s*[(\"'“‘]?(?P<handle>(?=[\w.]*[A-Za-z])[A-Za-z0-9][\w.]{2,40}[A-Za-z0-9])(?![\w@])"
)
# a display name quoted after the words that say it is one ("displayed as 'Kingsley Boss
# 💰'", "display name was later changed to 'Mai 🌺 Tokyo'"), or right after a platform and a
# colon ("Viber: «Оксана Робота Польща 🇵🇱»"), in any script, emoji kept: a short name, no
# sentence inside (a message quoted after "WhatsApp:" has its commas and stops)
_DISPLAY_QUOTED = re.compile(
    r"(?:\b(?i:display(?:ed)?(?:\s+name)?|profile\s+name|account\s+name|fb\s+name|"
    r"saved\s+as|shows?\s+(?:up\s+)?as|appears?\s+as|changed\s+to)"
    rf"|\b(?i:{_PLATFORMS})\s*:)"
    r"[^\n„\"“‘«'.;:]{0,40}?[„\"“‘«'](?P<handle>[^\s\"”’»'.,;!?][^\"”’»'\n.,;!?]{0,56}[^\s\"”’»'.,;!?])"
    r"[\"”’»']"
)
_MOST_DISPLAY_WORDS = 6
# a handle written before its platform: "'jay.modelscout' on Instagram"
_ON_PLATFORM = re.compile(rf"[\"'’”]?\s+(?:on|via|at|en|em|sur)\s+(?i:{_PLATFORMS}|vk|youtube)\b")


# an organisation's mailbox, named for what it is for, not for whom: "info@", "office@",
# "referrals@" (role accounts; a person's address names its person)
ROLE_MAILBOXES = words(
    """
    info office help contact contacts admin enquiries enquiry inquiries hotline helpline
    support referrals referral intake press media secretariat reception hello team
    general mail post noreply no-reply webmaster safeguarding duty casework advice
    """
)


def role_mailbox(address: str) -> bool:
    """An organisation's role account ("info@onatuntun.org"), which names no one; not one
    at a mail service ("info@gmail.com" is someone's)."""
    local, _, host = address.partition("@")
    return local.lower() in ROLE_MAILBOXES and _MAIL_HOST.search(host) is None


def organisations_contacts(text: str) -> list[tuple[int, int]]:
    """Where the text gives an organisation's role mailbox ("info@onatuntun.org"): no
    rule's span inside it stands (the learned recogniser took its words for a name's).
    Websites stay removed: the batches label a recruiter's front ("www.globalcare-
    ukjobs.in") an identifier, and a handle may look like a domain ("blessing.travels.ng")."""
    if "@" not in text:
        return []
    return [(m.start(), m.end()) for m in _EMAIL.finditer(text) if role_mailbox(m.group(0))]


def emails(t: Text) -> list[Span]:
    """Email addresses, also written out to dodge filters ("jane dot doe at mail dot com");
    an organisation's role mailbox is none."""
    spans: list[Span] = []
    if "@" in t.text:
        spans += [
            (m.start(), m.end(), EMAIL)
            for m in _EMAIL.finditer(t.text)
            if not role_mailbox(m.group(0))
        ]
    if "dot" in t.low and _SPELT_DOT.search(t.text):
        spans += [
            (m.start(), m.end(), EMAIL)
            for m in _EMAIL_SPELT.finditer(t.text)
            if _spelt_on_purpose(m.group(0))
        ]
    if t.words & _SAID_AT and t.words & _SAID_DOT:
        spans += _said_emails(t.text)
    return spans


def _spelt_on_purpose(spelt: str) -> bool:
    """ "jane[at]mail[dot]com", "jane dot doe at mail dot com", "jane at gmail dot com";
    not "they looked at home dot com"."""
    return (
        bool(set(spelt) & set("[({"))
        or spelt.lower().count(" dot ") > 1
        or (_MAIL_HOST.search(spelt) is not None)
    )


# an address dictated on a call, in the words of its language: "k, dot, mensah,
# eighty-eight, at yahoo dot com", "mirek kropka kacz, małpa, wp kropka pl"
_SAID_AT = words("at małpa malpa arroba собака chiocciola arobase")
_SAID_DOT = words("dot kropka punto ponto point точка nokta titik tečka pont")
_SAID_DOMAIN = re.compile(
    rf"(?i)(?<![^\W\d_])(?:{'|'.join(_SAID_AT)})[\s,]+[\w-]+"
    rf"(?:[\s,]+(?:{'|'.join(_SAID_DOT)})[\s,]+[\w-]+)*"
    rf"[\s,]+(?:{'|'.join(_SAID_DOT)})[\s,]+(?:{_TLDS})\b"
)
# the local part before "at": lower-case words, digits, letters and "dot"s said one by one
_SAID_PART = re.compile(r"([a-z0-9ąćęłńóśźżа-яё_-]+)[\s,]*$")
# one word before "at" is an address's local part only at a mail host ("looked at home dot
# com" is none)
_MAIL_HOST = re.compile(
    r"(?i)\b(?:gmail|yahoo|hotmail|outlook|live|icloud|mail|wp|onet|interia|yandex|proton|aol|gmx|ymail)\b"
)
_SAID_MARKS = words("underscore dash hyphen guion podkreślnik подчёркивание")
_NOT_A_PART = words(
    "is its it es est ist jest to my mi mon email e-mail mail mejl correo address "
    "or and o y ou et i oder und lub albo или або write send"
)
_MOST_PARTS = 7


def _said_emails(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _SAID_DOMAIN.finditer(text):
        start = m.start()
        for _ in range(_MOST_PARTS):
            part = _SAID_PART.search(text, max(0, start - 40), start)
            if part is None or part.group(1) in _NOT_A_PART:
                break
            if part.start() > 0 and text[part.start() - 1] in "'’.@/":
                break  # "it's", or the end of a written address before it
            start = part.start(1)
        parts = text[start : m.start()].replace(",", " ").lower().split()
        said = any(p in _SAID_DOT or p in _SAID_MARKS or len(p) == 1 or p.isdigit() for p in parts)
        if said or (len(parts) == 1 and _MAIL_HOST.search(m.group(0))):
            spans.append((start, m.end(), EMAIL))
    return spans


def handles(t: Text) -> list[Span]:
    spans: list[Span] = []
    if "@" in t.text:
        spans += all_spans(_AT_HANDLE, t.text, HANDLE)
    if "_" in t.text:
        # tahub's own typology codes, pasted from its forms and exports ("6 forced_labour,
        # 3 domestic_servitude"), are written like usernames and are none
        spans += [
            sp
            for sp in all_spans(_UNDERSCORED, t.text, HANDLE)
            if t.text[sp[0] : sp[1]].lower() not in _TYPOLOGY_CODES
        ]
    lex = lexicon()
    common = lex.common
    for m in t.matches(_PLATFORM, _PLATFORM_STARTS):
        handle = m.group("handle")
        low = handle.lower()
        if m.group("cue")[:7].lower() == "account" and not (
            m.group("cue")[-1] in "\"'“‘" or "." in handle or "_" in handle
        ):
            continue  # "account 0123…" is a bank's; "account 'jay.scout'" a platform's
        if not handle.isascii():
            continue  # the platforms' usernames are ASCII: "Facebook ofreciéndole" is a word
        if low not in common and not handle.isdigit() and not english(low, lex):
            spans.append((m.start("handle"), m.end("handle"), HANDLE))
    spans += [
        (m.start("handle"), m.end("handle"), HANDLE)
        for m in t.matches(_PROFILE, _PLATFORM_STARTS)
        if not _ordinary_page(m.group("handle"))
    ]
    # a display name quoted after a platform, whole: "profilu FB „Krzysiek Praca Holandia”"
    spans += [
        (m.start("handle"), m.end("handle"), HANDLE)
        for m in t.matches(_QUOTED_PROFILE, _PLATFORM_STARTS)
        if not _ordinary_page(m.group("handle"))
    ]
    if "#" in t.text:
        spans += [
            (m.start(), m.end(), HANDLE)
            for m in _DISCORD.finditer(t.text)
            if fold(m.group("name")) not in common and not english(m.group("name").lower(), lex)
        ]
    if "@" in t.text:
        spans += all_spans(_UPI, t.text, HANDLE)
    if "live:" in t.low:
        spans += all_spans(_SKYPE, t.text, HANDLE)
    spans += [
        (m.start("handle"), m.end("handle"), HANDLE)
        for m in _DISPLAY_QUOTED.finditer(t.text)
        if len(m.group("handle").split()) <= _MOST_DISPLAY_WORDS
    ]
    if max(t.text) >= "\u0e01":
        spans += [
            (m.start("handle"), m.end("handle"), HANDLE) for m in _SCRIPT_PLATFORM.finditer(t.text)
        ]
    return spans + _dotted_handles(t.text)


def _ordinary_page(name: str) -> bool:
    """A page named in ordinary words and places ("Jobs Taiwan Fast") names no person."""
    lex = lexicon()
    folded = [fold(w.strip("\"'’‘“”«»")) for w in name.split()]
    return all(
        (
            w in lex.common
            or w in lex.places
            or english(w, lex)
            or (w[-1:] == "s" and w[:-1] in lex.english)
        )
        and w not in lex.given
        and w not in lex.surnames
        for w in folded
    )


_PLATFORM_BEFORE = re.compile(rf"(?i)\b(?:{_PLATFORMS})\b[^\n.;:!?]*$")
_PLATFORM_REACH = 30


def _dotted_handles(text: str) -> list[Span]:
    """Handle-shaped words, looked for only around a dot between word characters."""
    spans: list[Span] = []
    end = 0
    for d in _DOTTED.finditer(text):
        at = d.start()
        if at < end or d.group(0) == "://" or not after(text, at, ""):
            continue
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        end = at + 1
        while end < len(text) and (text[end].isalnum() or text[end] in "._"):
            end += 1
        if (start and text[start - 1] in "@/:-") or (end < len(text) and text[end] in "@/-"):
            continue  # part of an email, a URL or a longer code
        word = text[start:end].rstrip(".")
        if _DOTTED_HANDLE.fullmatch(word) and (
            _handle_shaped(word)
            or (
                (
                    _ON_PLATFORM.match(text, start + len(word))
                    # a platform named just before, in any language's words between:
                    # "Messenger nga marites.cebu.jobs", "Facebook ho naran zeca.kupang"
                    or (
                        _PLATFORM_BEFORE.search(text, max(0, start - _PLATFORM_REACH), start)
                        and sum(any(c.isalpha() for c in p) for p in word.split(".")) > 1
                    )
                )
                and not _TLD_END.search(word)
            )
        ):
            spans.append((start, start + len(word), HANDLE))
    return spans


def _handle_shaped(word: str) -> bool:
    """Dotted letters and digits that read as a username, not a domain, a number or an
    abbreviation: "tiffy.bby2007" but not "no.5", "v1.2", "H.No" or "example.com"."""
    parts = word.split(".")
    lettered = sum(any(c.isalpha() for c in p) for p in parts)
    return (
        lettered >= 2
        and any(c.isdigit() for c in word)
        and sum(c.isalpha() for c in word) >= 4
        and not _TLD_END.search(word)
    )


_URL_EDGES = " \n\t<>\"'"
_ABBREVIATION = re.compile(r"[A-Za-z]\.[A-Za-z]{2,3}\.?")
_LONGEST_URL = 400


def urls(text: str) -> list[Span]:
    """URLs, looked for only in the whitespace-delimited chunks that hold a dot between
    word characters, "www" or "://" (the URL pattern costs ~10 µs a text run everywhere)."""
    spans: list[Span] = []
    end = 0
    for d in _DOTTED.finditer(text):
        if d.start() < end or not (d.group(0) == "://" or after(text, d.start(), "")):
            continue
        start = max(text.rfind(c, 0, d.start()) for c in _URL_EDGES) + 1
        ends = [i for c in _URL_EDGES if (i := text.find(c, d.end())) != -1]
        stop = min(ends, default=len(text))
        end = stop
        if stop - start > _LONGEST_URL:  # junk, and the URL pattern is slow on it: all goes
            spans.append((start, stop, URL))
            continue
        for m in _URL.finditer(text, start, stop):
            url = m.group(0)
            if _ABBREVIATION.fullmatch(url):
                continue  # "H.No." (house number), not a domain
            if m.start() > 0 and text[m.start() - 1] == "@":
                continue  # an e-mail's host: the e-mail is judged whole, by ``emails``
            spans.append((m.start(), m.start() + len(url.rstrip(".,;:!?)]")), URL))
    return spans
