"""The senders of a chat pasted into a summary: "Bikash Dai Malaysia: bhai …", "小雨🌙：姐，
要护照吗？", "[11/08/23 21.30] Bang Rizal PT: Lowongan …" (pure).

A messenger shows each message under its sender's display name, and partners paste
conversations as they see them, one "sender: message" a line. The display name is a
handle wherever it stands (every batch is labelled so), whatever it says ("HR Priya
(Bangkok)", "أبو رامي - مكتب سفريات"). A text is read as a chat when a messenger is named
in its first lines ("LINE", "Zalo – nhóm …", "微信聊天记录", "[카카오톡]", "Viber සංවාදය"), or
when its lines are stamped as a messenger exports them ("[11/08/23 21.30] Dimas:"); a
transcript of a call, whose labels are roles ("Caller:", "Operator:"), is none, and a
label that is a role or an ordinary word stays.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import HANDLE, Span, words
from producers.intake.scrubbing.wordlists import PERSONS

# a messenger named in a chat's heading, in the names people write it with
_MESSENGER = re.compile(
    r"(?i)(?<![^\W\d_])(?:whats\s?app|telegram|viber|line|zalo|wechat|weixin|messenger|"
    r"signal|imo|kakao\s?talk|instagram|facebook|tiktok|snapchat|sms|skype|"
    r"телеграм|вайбер|ватсап|вконтакте|vkontakte|одноклассники|واتساب|واتس|تلگرام|تلغرام)"
    r"(?![^\W\d_])"
    r"|微信|聊天记录|카카오톡|라인|ไลน์|เฟซบุ๊ก"
)
_LONGEST_HEADING = 90
# a sender's line: a timestamp in brackets may come first; the name, then a colon
_SENDER = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?"
    r"(?P<sender>[^\s:：\[\]\n][^:：\[\]\n]{0,44}?)[ \t]*[:：][ \t]*(?=\S)"
)
# an exported chat stamps each line with its time before the sender: in brackets
# ("[11/08/23 21.30] ", "[٢٢/٠٥/٢٠٢٣ ١١:٤٠ م] ") or as "11/08/23, 21:30 - "; two such
# lines make a text a chat without a heading
_STAMPED = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{0,24}\d[:.]\d\d[^\]\n]{0,12}\]"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{2,4},?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]?[APap]\.?[Mm]\.?)?"
    r"[ \t]+[-–])[ \t]*"
    r"(?P<sender>[^\s:：\[\]\n][^:：\[\]\n]{0,44}?)[ \t]*[:：][ \t]*(?=\S)"
)
# a stamp with its date ("[14/02/24, 22:31] ", "14/02/2024, 22:31 - "), anywhere: one
# is enough, also in a chat pasted onto one line
_DATED = re.compile(
    r"(?:\[\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:\s?[APap]\.?[Mm]\.?)?\]\s*"
    r"|(?<![\w/.-])\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}[:.]\d{2}(?:\s?[APap][Mm])?\s+[-–]\s+)"
    r"(?P<sender>[^\s:：\[\]\n][^:：\[\]\n]{0,38}?)[ \t]*[:：]\s"
)
_SHORTEST_TURNS = 2
_CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")
# what a transcript or a form labels its lines with: roles, not display names
_ROLES = words(
    """
    caller operator operadora operador caseworker volunteer interviewer interviewee
    llamante mteja client worker officer counsellor counselor inspector interpreter
    victim survivor mother father q a p r me you admin administrator moderator mod bot
    system
    """
)


def chat_senders(text: str) -> list[Span]:
    """HANDLE spans for the senders of a pasted chat's messages."""
    first = text.split("\n", 1)[0]
    lines = list(_STAMPED.finditer(text)) if "\n" in text else []
    found = list(_DATED.finditer(text)) if ":" in text or "：" in text else []
    if len(lines) >= _SHORTEST_TURNS:
        seen = {m.start("sender") for m in found}
        found += [m for m in lines if m.start("sender") not in seen]
    if not found:
        if "\n" not in text or len(first) > _LONGEST_HEADING or not _MESSENGER.search(first):
            return []  # a chat opens with a heading naming its messenger, or stamps its lines
        found = [m for m in _SENDER.finditer(text) if m.start() > 0]
        if len(found) < _SHORTEST_TURNS:
            return []
    lex = lexicon()
    roles = {fold(w) for w in PERSONS} | _ROLES
    common = lex.common | lex.jobs
    # a chat's sender written in lower case is a display name too when it sends twice or
    # more ("[14:02] mihaela: …", "kofi: u still at the house?"): one word, no ordinary
    # one; or once when it is a listed given name ("olena: is it legal??", "jan k.: …")
    turns: dict[str, int] = {}
    for m in found:
        turns[m.group("sender").strip()] = turns.get(m.group("sender").strip(), 0) + 1
    spans: list[Span] = []
    for m in found:
        sender = m.group("sender").strip()
        if _no_sender(sender, roles, common) and not (
            (turns[sender] >= _SHORTEST_TURNS and _lower_name(sender, roles, common))
            or _given_sender(sender, roles, common)
        ):
            continue
        spans.append((m.start("sender"), m.start("sender") + len(sender), HANDLE))
    return spans


def _no_sender(label: str, roles: set[str] | frozenset[str], common: frozenset[str]) -> bool:
    """A role, an ordinary word, a time, or in a script with capitals a label whose words
    do not all open with one ("Location given", "Worker's notes")."""
    word = fold(label)
    if word in roles or word in common or _MESSENGER.fullmatch(label):
        return True
    parts = label.split()
    if any(_initials(w) for w in parts) and all(_no_name_word(w, roles, common) for w in parts):
        return True  # an organisation's desk: "NGO Outreach Desk", "IOM Helpdesk"
    if any(c.isdigit() for c in label[:2]):
        return True
    if _CASED.search(label):
        return any(w[0].islower() for w in label.split()) or "'s" in label
    return False


def _lower_word(label: str, roles: set[str] | frozenset[str]) -> tuple[str, bool] | None:
    """A lower-case word of 3+ letters that is no role, with an initial after it or not
    ("jan k."): its folded form and whether an initial follows; else None."""
    first, _, initial = label.partition(" ")
    word = fold(first)
    if (
        not (first.isalpha() and first.islower() and len(first) > 2)
        or (initial and _INITIAL.fullmatch(initial) is None)
        or word in roles
    ):
        return None
    return word, bool(initial)


def _lower_name(label: str, roles: set[str] | frozenset[str], common: frozenset[str]) -> bool:
    """One lower-case word that is no role, ordinary or English word, with an initial
    after it or not ("jan k."): a display name."""
    read = _lower_word(label, roles)
    return read is not None and read[0] not in common and not english(read[0], lexicon())


_INITIAL = re.compile(r"[^\W\d_]\.?")


def _given_sender(label: str, roles: set[str] | frozenset[str], common: frozenset[str]) -> bool:
    """A listed given name in lower case ("olena"), or a word no English one with an
    initial after it ("jan k.")."""
    read = _lower_word(label, roles)
    if read is None:
        return False
    word, initialled = read
    if initialled:  # a name and an initial: only an English word there is no name
        return not english(word, lexicon())
    return word in lexicon().given and word not in common


_ACRONYM = 5  # letters of an organisation's initials: "ONG", "NGO", "IOM", "OWWA"


def _initials(word: str) -> bool:
    return word.isalpha() and word.isupper() and len(word) <= _ACRONYM


def _no_name_word(word: str, roles: set[str] | frozenset[str], common: frozenset[str]) -> bool:
    """A role, an ordinary word or an organisation's initials, and no listed name: "Rocky
    Manpower" and "Rose Agency" are recruiters' names."""
    folded, lex = fold(word), lexicon()
    if folded in lex.given:
        return False
    return folded in roles or folded in common or _initials(word) or english(folded, lex)
