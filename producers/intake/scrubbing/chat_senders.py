"""The senders of a chat pasted into a summary: "Bikash Dai Malaysia: bhai …", "小雨🌙：姐，
要护照吗？", "[11/08/23 21.30] Bang Rizal PT: Lowongan …" (pure).

A messenger shows each message under its sender's display name, and partners paste
conversations as they see them, one "sender: message" a line. The display name is a
handle wherever it stands (every batch is labelled so), whatever it says ("HR Priya
(Bangkok)", "أبو رامي - مكتب سفريات"). A text is read as a chat when a messenger is named
in its first lines ("LINE", "Zalo – nhóm …", "微信聊天记录", "[카카오톡]", "Viber සංවාදය"); a
transcript of a call, whose labels are roles ("Caller:", "Operator:"), is none, and a
label that is a role or an ordinary word stays.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.text import HANDLE, Span, words
from producers.intake.scrubbing.wordlists import PERSONS

# a messenger named in a chat's heading, in the names people write it with
_MESSENGER = re.compile(
    r"(?i)(?<![^\W\d_])(?:whats\s?app|telegram|viber|line|zalo|wechat|weixin|messenger|"
    r"signal|imo|kakao\s?talk|instagram|facebook|tiktok|snapchat|sms|skype|"
    r"телеграм|вайбер|ватсап|واتساب|واتس|تلگرام|تلغرام)(?![^\W\d_])"
    r"|微信|聊天记录|카카오톡|라인|ไลน์|เฟซบุ๊ก"
)
_LONGEST_HEADING = 90
# a sender's line: a timestamp in brackets may come first; the name, then a colon
_SENDER = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?"
    r"(?P<sender>[^\s:：\[\]\n][^:：\[\]\n]{0,44}?)[ \t]*[:：][ \t]*(?=\S)"
)
_SHORTEST_TURNS = 2
_CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")
# what a transcript or a form labels its lines with: roles, not display names
_ROLES = words(
    """
    caller operator operadora operador caseworker volunteer interviewer interviewee
    llamante mteja client worker officer counsellor counselor inspector interpreter
    victim survivor mother father q a p r me you
    """
)


def chat_senders(text: str) -> list[Span]:
    """HANDLE spans for the senders of a pasted chat's messages."""
    first = text.split("\n", 1)[0]
    if "\n" not in text or len(first) > _LONGEST_HEADING or not _MESSENGER.search(first):
        return []  # a chat opens with a heading naming its messenger
    found = [m for m in _SENDER.finditer(text) if m.start() > 0]
    if len(found) < _SHORTEST_TURNS:
        return []
    lex = lexicon()
    roles = {fold(w) for w in PERSONS} | _ROLES
    spans: list[Span] = []
    for m in found:
        sender = m.group("sender").strip()
        if _no_sender(sender, roles, lex.common | lex.jobs):
            continue
        spans.append((m.start("sender"), m.start("sender") + len(sender), HANDLE))
    return spans


def _no_sender(label: str, roles: set[str] | frozenset[str], common: frozenset[str]) -> bool:
    """A role, an ordinary word, a time, or in a script with capitals a label whose words
    do not all open with one ("Location given", "Worker's notes")."""
    word = fold(label)
    if word in roles or word in common or _MESSENGER.fullmatch(label):
        return True
    if any(c.isdigit() for c in label[:2]):
        return True
    if _CASED.search(label):
        return any(w[0].isalpha() and not w[0].isupper() for w in label.split()) or "'s" in label
    return False
