"""A name in quotes beside the words that say someone is called by it: 'the family calls
her "Kumi"', 'aquí me decían "Lola"', 'Ardit më thërret „Nisi"', 'বাড়িতে "রুমি" ডাকে',
'お店では「ミキ」と呼ばれていた' (pure).

A nickname is often an ordinary word ("Prof", "Dheere", tall), so no list tells it; the
quotes and a calling verb in the same sentence do. What is quoted must have a name's
shape (name_fields' test in scripts with capitals: "the Farm" is none), be no big place or
nation, and the verb may not be said of a place or a group ("an area called 'Little
Manila'").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.name_fields import CASED, is_name_value
from producers.intake.scrubbing.nicknames import NOT_PERSONS
from producers.intake.scrubbing.text import NAME, Span, words

# the verbs and nouns that say what someone is called, in the languages partners write
_CALLED = re.compile(
    r"(?i)\bcall(?:s|ed|ing)?\b|\bknown\b|nickname|"
    r"dec[ií]an|dicen|llama(?:n|ban)|apod[oa]|chama(?:m|vam)|apelid|appel|surnom|"
    r"chiama(?:no|vano)|soprannom|nenn(?:en|ten)|spitzname|noem(?:en|den)|bijnaam|"
    r"mówi(?:ą|li)|nazywa|ksyw|звал|зовут|называ|кличк|прозвищ|thërr|"
    r"ডাক|bolte|kehte|bulate|भन्छन्|कहते|बुलाते|yiraahdaan|yeeraan|"
    r"叫[我他她做作]|呼ば|呼ん|เรียก|ເອີ້ນ|ຮ້ອງ|ហៅ|ခေါ်|صدا|می‌گفتند|ينادو|يسمو|بيقولو|"
    r"ეძახ|tawag|panggil|sebut|wanamwita|wananiita|huitwa|derler|diyorlar|lakap|"
    r"kallad|kallas|kaldes|kaldt|kalt|мянуш|клічк|"
    r"φωνάζ|παρατσούκλι|קוראים|קראו"
)
_QUOTED = re.compile(
    r"[\"“„«「『'‘”](?P<name>[^\W\d_][^\"”“«»「」『』'’‘\n.,;:!?()\d]{0,24}?)"
    r"(?:[\"”“»」』]|['’](?![^\W\d_]))"  # not the apostrophe of "It's"
)
# an article before the quotes makes it a thing's name: 'the "Bravo" line'
_ARTICLE_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:the|a|an|el|la|le|der|die|das|il)\s*$")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
_CJK_NEAR = 3  # in Chinese and Japanese the verb touches the quotes: 「ミキ」と呼ばれ, 叫我"小李"
_HONORIFIC = re.compile("(?:さん|ちゃん|くん|様|先生)$")
_ROLES = frozenset(("ママ", "ボス", "社長", "マスター", "店長", "オーナー", "老板", "大哥", "大姐"))
_SENTENCE_END = re.compile(r"[.!?。।။።\n]")
_NEAR = 60  # characters between the verb and the quote, within one sentence
_MOST_WORDS = 3


def called_quoted(text: str) -> list[Span]:
    """NAME spans for quoted names beside a calling verb in their sentence."""
    if not any(q in text for q in "\"“„«「『'‘”"):
        return []
    quoted = list(_QUOTED.finditer(text))
    if not quoted:
        return []
    # the verbs are looked for only around the quotes (the alternation is costly on a page)
    verbs: list[tuple[int, int]] = []
    windows = sorted({(max(0, m.start() - _NEAR - 20), m.end() + _NEAR + 20) for m in quoted})
    searched = 0
    for start, end in windows:
        verbs += [v.span() for v in _CALLED.finditer(text, max(start, searched), end)]
        searched = max(searched, end)
    if not verbs:
        return []
    verbs = sorted(set(verbs))
    spans: list[Span] = []
    for m in quoted:
        name = m.group("name").strip()
        name = _HONORIFIC.sub("", name)  # 「ケンさん」: the name less its honorific
        if name in _ROLES:
            continue  # 「ママ」: a bar's mama-san, a role alone names no one
        near = _CJK_NEAR if _CJK.search(name) else _NEAR
        verb = _verb_near(text, m.start(), m.end(), verbs, near)
        if verb is None or _of_a_thing(text, verb[0]):
            continue  # no verb, or one said of a place or a group ("the area is called")
        # "called him 'Beni'": said of a person, a place's name is a nickname too
        personal = _PERSON_AFTER.match(text, verb[1]) is not None
        if not _shaped(name, places=personal):
            continue  # no name's shape ('told to "Be Patient"'), or a nation
        if _ARTICLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        s = m.start("name") + m.group("name").index(name)
        spans.append((s, s + len(name), NAME))
    return spans


def _verb_near(
    text: str, start: int, end: int, verbs: list[tuple[int, int]], near: int
) -> tuple[int, int] | None:
    """The calling verb beside the quotes (in their sentence), as a span, or None."""
    for vs, ve in verbs:
        if ve <= start and start - ve <= near:
            between = text[ve:start]
        elif vs >= end and vs - end <= near:
            between = text[end:vs]
        else:
            continue
        if not _SENTENCE_END.search(between):
            return vs, ve
    return None


_AUXILIARIES = words("is was are were be been being also itself locally commonly often they")


def _of_a_thing(text: str, verb: int) -> bool:
    """The verb is said of a place, a scheme or a group: "the area is called"."""
    before = [w for w in text[max(0, verb - 40) : verb].split() if fold(w) not in _AUXILIARIES]
    return bool(before) and fold(before[-1].strip(",;:()")) in NOT_PERSONS


# the person the verb is said of, right after it: "called him", "calls her", "llamaban a"
_PERSON_AFTER = re.compile(r"(?i)\s+(?:him|her|me|them|us|lo|la|le|ihn|sie|mich|hem|henne)\b")


def _shaped(name: str, *, places: bool = False) -> bool:
    if not name or len(name.split()) > _MOST_WORDS:
        return False
    lex = lexicon()
    if fold(name) in lex.nations or (fold(name) in lex.big_places and not places):
        return False
    if CASED.search(name):
        words = [fold(w) for w in name.split()]
        if all(w in lex.english and w not in lex.named for w in words):
            return False  # 'told to "Be Patient"'
        return is_name_value(name)
    return len(name.split()) <= 2
