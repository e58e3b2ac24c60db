"""The person a message greets: "Hi Tom, following up", "Dear Grace,", "hola ana!" (pure).

A caseworker's e-mail or a survivor's chat opens with the name of whom it is written to;
a greeting at the start of a line, then one or two listed names and a comma, a "!", a
colon or the line's end. A greeting of a role ("Hi team,", "Dear Sir,") names no one.
"""

from __future__ import annotations

import re
from functools import cache

from producers.intake.scrubbing.lexicon import Lexicon, english, fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, words
from producers.intake.scrubbing.wordlists import TITLES

GREETINGS = (
    "hi", "hello", "hey", "dear", "hola", "bonjour", "hallo", "olá", "ola", "ciao", "salut",
    "querida", "querido", "estimada", "estimado", "liebe", "lieber", "chère", "cher",
)  # fmt: skip
_GREETED = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?i:{'|'.join(GREETINGS)})[ \t]+"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)[ \t]*(?=[,!:\n]|$)"
)


def greeted(text: str) -> list[Span]:
    if "," not in text and "!" not in text and ":" not in text and "\n" not in text:
        return []
    lex = lexicon()
    out: list[Span] = []
    for m in _GREETED.finditer(text):
        first, *rest = m.group("name").split()
        if fold(first) in lex.given and all(fold(w) in lex.given | lex.surnames for w in rest):
            out.append((m.start("name"), m.end("name"), NAME))
    return out


# the words of a letter's salutation line other than the name: greetings, address forms
# and the adjectives that go with them, in the languages partners write letters in
_SALUTATION_WORDS = words(
    """
    dear hi hello hey good morning afternoon evening to and
    sheikh sheik shaikh haji hajji hajia alhaji pastor reverend father sister brother
    honourable honorable director officer inspector colleague colleagues
    dyrektorze prezesie komisarzu inspektorze profesorze doktorze mecenasie
    dragă dragi stimate stimată stimata domnule doamnă doamna domnișoară
    gerb gerbiamas gerbiamoji gerbiamasis gerbiama p ponas ponia pone ponia
    sehr geehrter geehrte liebe lieber herr frau hallo beste geachte heer mevrouw dhr mw
    kedves tisztelt úr asszony hölgyem uram szanowny szanowna szanowni pan pani panie
    drogi droga vážený vážená pane paní milý milá sayın değerli sevgili bey hanım
    шановний шановна шановні пане пані дорогий дорога уважаемый уважаемая дорогой
    дорогая господин госпожа поштовани поштована драги драга gospodine gospođo
    poštovani poštovana draga dragi αγαπητέ αγαπητή κύριε κυρία
    estimado estimada estimados querido querida señor señora sr sra srta caro cara
    prezado prezada senhor senhora cher chère monsieur madame mme gentile gentilissima
    egregio signor signora sig bonjour hola olá ciao salut
    halo mbak mas ibu bapak pak bu kak yth yang terhormat kumusta ginoong ginang mahal
    kính gửi chào anh chị bác cô ông bà
    հարգելի սիրելի տիկին պարոն ბატონო ქალბატონო ძვირფასო პატივცემულო ბატონი ქალბატონი
    عزيزي عزيزتي السيد السيدة الأستاذ الأستاذة الأخ الأخت المحترم المحترمة الكريم الكريمة
    جناب سرکار خانم آقای آقا عزیز محترم گرامی سلام محترمہ صاحب صاحبہ
    לכבוד שלום יקר יקרה גב' מר
    प्रिय आदरणीय श्रीमान श्रीमती जी नमस्ते প্রিয় শ্রদ্ধেয় জনাব আপা ভাই
    เรียน คุณ ውድ ለወ/ሮ ለአቶ ወ/ሮ አቶ mpendwa ndugu bwana bi ගරු මහත්මිය මහතා
    அன்புள்ள மதிப்பிற்குரிய திரு திருமதி அவர்களுக்கு ជូនចំពោះ លោក លោកស្រី
    """
)
# a salutation alone on a text's first line, or on the line after a blank one or a
# header, ending in a comma or "!" and followed by the letter
_SALUTED = re.compile(r"(?m)^[ \t]*(?P<line>[^\n,،!:]{2,60}?)[ \t]*[,،!][ \t]*\n")
_MOST_NAME_WORDS = 3


def saluted(text: str) -> list[Span]:
    """NAME spans for whom a letter's salutation line addresses ("Dragă doamnă Lăcătușu,",
    "Пані Галино,", "ქალბატონო ნინო,"): what is left of the line after its greeting
    and address words, when it is one to three words that could be a name."""
    if "\n" not in text:
        return []
    lex = lexicon()
    out: list[Span] = []
    for m in _SALUTED.finditer(text):
        if m.start() > 0 and not text[: m.start()].endswith(("\n\n", "\n")):
            continue
        line = m.group("line")
        parts = [(w.start(), w.group()) for w in re.finditer(r"\S+", line)]
        greeting = [fold(w.rstrip(".")) in _salutation() for _, w in parts]
        if not any(greeting) or not greeting[0]:
            continue  # a salutation opens with its greeting or address form
        rest = [(i, w) for (i, w), g in zip(parts, greeting, strict=True) if not g]
        if not 1 <= len(rest) <= _MOST_NAME_WORDS or not all(_could_name(w, lex) for _, w in rest):
            continue
        base, run = m.start("line"), [rest[0]]
        for i, w in [*rest[1:], (-1, "")]:  # one span a run of words ("Kofi", "Ama")
            if i >= 0 and parts.index((i, w)) == parts.index(run[-1]) + 1:
                run.append((i, w))
                continue
            out.append((base + run[0][0], base + run[-1][0] + len(run[-1][1]), NAME))
            run = [(i, w)]
    return out


@cache
def _salutation() -> frozenset[str]:
    return frozenset(fold(w) for w in _SALUTATION_WORDS) | TITLES


def _could_name(word: str, lex: Lexicon) -> bool:
    if not word[0].isalpha() or any(c.isdigit() or c == "/" for c in word):
        return False
    f = fold(word.strip(".'’"))
    if f in lex.given or f in lex.surnames:
        return True
    if _cased(word[0]) and not word[0].isupper():
        return False  # in a script with capitals a name has one
    return f not in lex.common and not english(f, lex)


def _cased(c: str) -> bool:
    # Georgian's capitals (Mtavruli) are not used to write names
    return c.lower() != c.upper() and not "\u10a0" <= c <= "\u10ff"
