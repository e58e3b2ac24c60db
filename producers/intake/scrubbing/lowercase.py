"""Names written without capitals: before an age, after a cue, set off after a person.

"lisa marie turner, 15", "name given as ram bahadur thapa", "a care worker from zimbabwe,
tendai moyo, on a visa", and in text written without capitals, names after a cue ("recruited
by john banda") or one name after a naming word ("a man named osas").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.cues import AGE_AFTER, appositive, cued_before
from producers.intake.scrubbing.lexicon import MIN_EVIDENCE, Lexicon, english, fold
from producers.intake.scrubbing.text import NOT_AFTER_LETTER, without_capitals, words
from producers.intake.scrubbing.tokens import Tok
from producers.intake.scrubbing.wordlists import AMBIGUOUS, FUNCTION, KIN_TITLES, NOT_NAMES, TITLES

_COMMA_OR_BRACKET = re.compile(r"[,(]")


def lower_runs(text: str, lex: Lexicon) -> list[list[Tok]]:
    """Lower-case names: 2–4 lexicon words before an age ("lisa marie turner, 15"), after
    a cue ("name given as ram bahadur thapa") or set off by commas after a person
    ("a care worker from zimbabwe, tendai moyo, on a visa"). Read back from each comma
    or bracket, the only places such a name can end."""
    out: list[list[Tok]] = []
    for m in _COMMA_OR_BRACKET.finditer(text):
        at = m.start()
        if at and text[at - 1] == " ":
            at -= 1
        first = at
        while first > 0 and text[first - 1].isalpha():
            first -= 1
        last = fold(text[first:at])
        if (
            not last
            or text[first].isupper()
            or (last not in lex.surnames and last not in lex.given)
        ):
            continue
        cur: list[Tok] = []
        for w in reversed(text[max(0, at - 60) : at].split(" ")[-4:]):
            norm = fold(w)
            if (
                not w.isalpha()
                or w[0].isupper()
                or len(norm) < MIN_EVIDENCE
                or norm in lex.common
                or not (norm in lex.given or norm in lex.surnames or _unknown_word(norm, lex))
            ):
                break
            cur.insert(0, Tok(at - len(w), at, w, norm, False))
            at -= len(w) + 1
        while cur and not (cur[0].norm in lex.given or cur[0].norm in lex.surnames):
            if appositive(text, cur[0].start):
                break  # "from malawi, tiyamike banda,": an unknown given name set off
            cur.pop(0)
        if 2 <= len(cur) <= 4 and _lower_is_name(cur, text, lex):
            out.append(cur)
    return out


def _unknown_word(norm: str, lex: Lexicon) -> bool:
    return norm not in lex.places and norm not in NOT_NAMES and not english(norm, lex)


_LOWER_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def lower_cued(text: str, lex: Lexicon) -> list[list[Tok]]:
    """In text written without capitals, 2–4 lexicon words after a cue ("recruited by john
    banda in lilongwe"). Looked for only when capitals are rare."""
    if not without_capitals(text):
        # a writer saying who they are in lower case, in a text with capitals elsewhere
        # ("Hi its lina. i am in apartment 502, Block C"): a listed given name only
        return _lower_named(text, lex, only_self=True)
    toks = []  # lexicon names among the words, in order
    for m in _LOWER_WORD.finditer(text):
        norm = fold(m.group(0))
        if norm not in lex.common and (norm in lex.given or norm in lex.surnames):
            toks.append(Tok(m.start(), m.end(), m.group(0), norm, False))
    out: list[list[Tok]] = []
    i = 0
    while i < len(toks) - 1:
        j = i + 1
        while j < len(toks) and j - i < 4 and text[toks[j - 1].end : toks[j].start] == " ":
            j += 1
        cur = toks[i:j]
        if (
            len(cur) >= 2
            and not all(english(t.norm, lex) for t in cur)
            and cued_before(text, cur[0].start)
        ):
            out.append(cur)
            i = j
        else:
            i += 1
    return (
        out
        + _lower_named(text, lex)
        + _given_then_unknown(text, toks, lex)
        + _vietnamese(text, lex)
        + _kin_of(text, lex)
    )


# whose kin or home: "kids of marites balagtas", "wife of juma said": two words no list
# knows, neither English nor a place, after a word for kin or a home and "of"
_KIN_OF = re.compile(
    r"\b(?:kids|children|child|son|sons|daughter|daughters|wife|husband|mother|father|"
    r"sister|brother|family|house|home|niece|nephew|grandchild|granddaughter|grandson)"
    r"\s+of\s+([^\W\d_]{3,20})\s([^\W\d_]{3,20})\b"
)


def _kin_of(text: str, lex: Lexicon) -> list[list[Tok]]:
    out: list[list[Tok]] = []
    for m in _KIN_OF.finditer(text):
        pair = [Tok(m.start(g), m.end(g), m.group(g), fold(m.group(g)), False) for g in (1, 2)]
        if all(
            t.norm not in lex.common
            and t.norm not in FUNCTION
            and t.norm not in lex.big_places  # a surname may be a village's name too
            and t.norm not in NOT_NAMES
            and not english(t.norm, lex)
            for t in pair
        ):
            out.append(pair)
    return out


# Vietnamese: a kin word said before a name, a family name, then the syllables of the
# middle and given names ("anh phạm quốc huy,", "chị nguyễn thị lan bị đưa")
_VI_LETTERS = re.compile("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]")
_VI_CUED = re.compile(
    rf"{NOT_AFTER_LETTER}(?:anh|chị|ông|bà|cô|chú|bác|cháu|em|tên|nạn nhân)\s+"
    r"([^\W\d_]{1,7}(?:\s[^\W\d_]{1,7}){1,3})"
)
_VI_FUNCTION = words(
    "bị đã được là sinh ở và có không của cho với đi về từ tại năm người đang sẽ cũng "
    "vào ra lên xuống này đó làm"
)


def _vietnamese(text: str, lex: Lexicon) -> list[list[Tok]]:
    if not _VI_LETTERS.search(text):
        return []
    out: list[list[Tok]] = []
    for m in _VI_CUED.finditer(text):
        parts = m.group(1).split(" ")
        if fold(parts[0]) not in lex.surnames:
            continue
        n = 1
        while n < len(parts) and parts[n] not in _VI_FUNCTION:
            n += 1
        if n >= 2:
            start = m.start(1)
            end = start + len(" ".join(parts[:n]))
            out.append([Tok(start, end, text[start:end], fold(text[start:end]), False)])
    return out


def _given_then_unknown(text: str, toks: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    """After a cue, a listed given name and a surname no list knows ("anak ni josie
    manalo", "chị lan vũ"): the second word neither a word of any list nor a place."""
    out: list[list[Tok]] = []
    for t in toks:
        if t.norm not in lex.given or not cued_before(text, t.start):
            continue
        nxt = _LOWER_WORD.match(text, t.end + 1)
        if nxt is None or text[t.end] != " ":
            continue
        norm = fold(nxt.group(0))
        if len(norm) >= MIN_EVIDENCE and norm not in lex.common and _unknown_word(norm, lex):
            out.append([t, Tok(nxt.start(), nxt.end(), nxt.group(0), norm, False)])
    return out


# a word that says the next one is a name, in text without capitals: also a partner in
# chat ("her bf jay"), "un tal pancho", "la tal de neide", "der typ heißt ivo", "adı kemal"
_NAMING = re.compile(
    r"\b(?:named|called|nicknamed|aka|a\.k\.a\.?|alias|known\s+as|name\s+is|madam|mama|"
    # "mera naam salman hai", "agent ka naam pappu" (Hindi and Urdu in Latin letters),
    # "ai qe quhet landi" (Albanian), "все зовут батя"
    r"(?:mera|meri|ka|ki|uska|uski|iska|unka|apna)\s+naam|quhet|зовут|"
    r"se[ñn]or|se[ñn]ora|pastor|"
    r"mr\.?|mrs\.?|ms\.?|miss|auntie|aunty|(?P<chat>bf|boyfriend|gf|girlfriend|pimp|"
    r"(?:un|el|la|o|a)\s+tal(?:\s+de)?|hei(?:ß|ss|s)t|adı|se\s+llama|tonton|tata)|"
    # a name someone gives themselves, whatever word it is: "he calls himself prince"
    r"(?P<own>calls?\s+(?:him|her)self|called\s+(?:him|her)self|goes\s+by)|"
    # kin, friends and bosses named in chat: "mi sobrina yesi", "boss tony", "моя подруга
    # настя", Tagalog "si", Vietnamese "tên là", Indonesian "nama sy"; a name that is an
    # English word too stays ("my boss said")
    r"(?P<kin>sobrin[oa]|amig[oa]|prim[oa]|herman[oa]|irm[ãa]o?|oga|boss|"
    r"подруга|подружка|друг|сестра|брат|менеджер|podruga|siostra|kolega|kierownik|"
    r"si|tên\s+là|nama\s+(?:saya|sy|aku|ku)|brother|sister|cousin|friend|bestie)|"
    # a writer saying who they are: "its me abena", "mimi ni wanjiru", "em là linh",
    # "soy karla", "hier ist nicole", "это маша"; only a listed given name follows
    r"(?P<self>it'?s\s+me|it’s\s+me|this\s+is|mimi\s+ni|jina\s+langu\s+ni|naitwa|em\s+là|"
    r"tôi\s+là|soy|me\s+llamo|eu\s+sou|je\s+suis|ich\s+bin|hier\s+ist|это|меня\s+зовут|"
    # "hi its lina", "olá sou a joana", Vietnamese typed without its marks "em la lan"
    r"(?<=[Hh]i\s)it'?s|(?<=[Hh]ey\s)it'?s|sou\s+[ao]|em\s+la|"
    r"син|сын|дочка|донька|дочь)|"
    # Romanian: "un italian pe nume salvatore", "zice că o cheamă alina"
    r"pe\s+nume|(?:o|îl|il|mă|ma)\s+cheam[ăa]|se\s+nume[șş]te)"
    # the name in a look-ahead: a cue read as the name of the one before it ("boss name
    # is ali": "name" after "boss") must not hide the name after it
    r"(?=\s+['‘’\"]?(?P<name>[^\W\d_][\w'’-]{1,30}))"
)


# what a partner named in chat does, not who: "her bf said", "my boss will" ("Said", "Will")
_DOES = words("said says told took left came went will can did does got kept paid")


def _lower_named(text: str, lex: Lexicon, *, only_self: bool = False) -> list[list[Tok]]:
    """One lower-case name after a naming word ("a man named osas", "a lady called madam
    joy"): a lexicon name, a name that is a word too, or a word no list knows."""
    out: list[list[Tok]] = []
    for m in _NAMING.finditer(text):
        if only_self and m.group("self") is None:
            continue
        at, word = m.start("name"), m.group("name")
        if fold(word) in TITLES or fold(word) in KIN_TITLES:  # "called madam joy"
            nxt = _LOWER_WORD.match(text, m.end("name") + 1)
            if nxt is None or text[m.end("name")] != " ":
                continue
            at, word = nxt.start(), nxt.group(0)
        norm = fold(word)
        if word[0].isupper() or norm in FUNCTION:
            continue
        if m.group("self") is not None:  # "this is urgent", "soy de": a listed name only
            if norm in lex.given or norm in lex.neutral:
                out.append([Tok(at, at + len(word), word, norm, False)])
            continue
        # after a chat's word for a partner or a man, a listed given name even when it is
        # an English word too ("her bf jay"); not after "madam" ("madam cora, may fb page")
        partner = m.group("chat") is not None or m.group("kin") is not None
        if (
            norm in AMBIGUOUS
            or (m.group("own") is not None and norm not in _DOES)
            or (partner and norm in lex.given and norm not in _DOES)
            or (  # "called joy"; not "called back"
                not english(norm, lex)
                and (
                    norm in lex.given
                    or norm in lex.surnames
                    or norm in lex.neutral
                    or (norm not in lex.common and _unknown_word(norm, lex))
                )
            )
        ):
            out.append(_with_surname(text, Tok(at, at + len(word), word, norm, False), lex))
    return out


def _with_surname(text: str, t: Tok, lex: Lexicon) -> list[Tok]:
    """A named word and the listed surname after it: "agent ka naam pappu chauhan hai"."""
    nxt = _LOWER_WORD.match(text, t.end + 1)
    if nxt is None or text[t.end] != " ":
        return [t]
    norm = fold(nxt.group(0))
    if norm in lex.surnames and norm not in lex.common and not english(norm, lex):
        return [t, Tok(nxt.start(), nxt.end(), nxt.group(0), norm, False)]
    return [t]


def _lower_is_name(cur: list[Tok], text: str, lex: Lexicon) -> bool:
    end = cur[-1].end
    if AGE_AFTER.match(text, end):
        return True
    if not text.startswith(",", end) or all(english(t.norm, lex) for t in cur):
        return False  # only whole: "thapa," not "bahadur"
    return cued_before(text, cur[0].start) or (
        (cur[0].norm in lex.given or _unknown_word(cur[0].norm, lex))
        and cur[-1].norm in lex.surnames
        and appositive(text, cur[0].start)
    )
