"""Capitalised words, the tokens the name finder reads (lower-case words only separate them)."""

from __future__ import annotations

import re
from typing import NamedTuple

from producers.intake.scrubbing.lexicon import Lexicon, english, fold, lexicon
from producers.intake.scrubbing.text import POSSESSIVE, UPPER


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    cap: bool


# a word's combining marks are part of it: "Tèmítọ́pẹ́" (U+0301 over "ọ") is one word, not
# "Tèmítọ" and a lower-case "pẹ́" that would part it from the surname after it
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTERS = rf"(?:[^\W\d_]|[{_MARKS}])"
_CAP_WORD = re.compile(rf"[{UPPER}]{_LETTERS}*(?:[-'’]{_LETTERS}+)*")


# Turkish and Kurmanji endings after an apostrophe, with the buffer letter a vowel takes
# ("Ayşe'nin", "Kaya'yî"; "Murat'ın", "Ayhan'ê"), so no Hausa "Juma'a" or Malagasy "'ny"
_APOSTROPHE_CASE = re.compile(
    r"(.+?[bcçdfgğhjklmnprsştvyz])['’](?:ın|in|un|ün|a|e|ı|i|u|ü|da|de|ta|te|dan|den|tan|"
    r"ten|la|le|daki|deki|ê|î)$"
    r"|(.+?[aeıioöuüâê])['’](?:nın|nin|nun|nün|ya|ye|yı|yi|yu|yü|da|de|dan|den|yla|yle|nda|"
    r"nde|yê|yî)$"
)
_AGED_WORD = re.compile(r"-(?:years?|months?)-old$", re.IGNORECASE)


def capital_words(text: str) -> list[Tok]:
    """Capitalised words that begin a word (lower-case words only separate runs)."""
    out = []
    lex = lexicon()
    for m in _CAP_WORD.finditer(text):
        at = m.start()
        if at and (
            text[at - 1].isalpha() or (text[at - 1] in "'’" and at > 1 and text[at - 2].isalpha())
        ):
            continue  # "McDonald" is one word, "iPhone" none, "d'Ivoire" not a name start
        w = m.group(0)
        if m.end() < len(text) and text[m.end()].isdigit():
            continue  # the letters of a code: "BQXPY4821K", "GB71MONZ…"
        if _AGED_WORD.search(w):
            continue  # "Fourteen-year-old Pooja": an age opening the sentence, no name
        if w.endswith(POSSESSIVE):
            w = w[:-2]  # "Grace's number": the name is "Grace"
        elif suffixed := _APOSTROPHE_CASE.match(w):
            # a Turkish, Azerbaijani or Kurmanji case ending after an apostrophe is no part
            # of the name and ends its run: "Murat Kaya'nın Instagram hesabı"
            w = suffixed.group(1) or suffixed.group(2)
        norm = w.casefold() if w.isascii() else fold(w)
        if norm[-1] in _CASE_LAST and (
            len(norm) >= _MIN_INFLECTED or (len(norm) >= _MIN_SHORT and _declines(norm))
        ):  # a short Cyrillic or Greek name declined: "до Олени", "Ігоря", "τον Νίκο"
            norm = base_form(norm, lex)
        out.append(Tok(at, at + len(w), w, norm, True))
    return out


# case endings of Slavic and Baltic names (Polish, Czech, Slovak, Croatian, Serbian,
# Slovene, Lithuanian), longest first, with what the name ends in: "u Tadeusza Nowaka"
# (Tadeusz Nowak), "Františka Dvořáka" (František Dvořák), "z Janem", "Markovi"
_CASE_ENDINGS = (
    ("owi", ""), ("ovi", ""), ("iem", ""), ("em", ""), ("om", ""), ("ego", ""), ("iego", ""),
    ("ka", "ek"), ("ku", "ek"), ("kovi", "ek"), ("kem", "ek"), ("ce", "ka"), ("ki", "ka"),
    ("ą", "a"), ("ę", "a"), ("y", "a"), ("i", "a"), ("u", "a"),
    ("a", ""), ("u", ""), ("e", ""), ("y", ""), ("i", ""), ("as", ""),
    # Lithuanian genitive: "Vytauto Kazlausko" (Vytautas Kazlauskas)
    ("o", "as"),
    # Russian, Ukrainian, Belarusian: "со слов Светланы", "с Ольгой и Настей", "Андрія
    # Мельника", "Аликом", "від Марини" (Светлана, Ольга, Настя, Андрій Мельник, Алик, Марина)
    # names in -ей, -ий, -ій, -ия, -ія: "Сергеем", "Дмитрием", "Віталієм", "Юлией", "Марії"
    ("еем", "ей"), ("ием", "ий"), ("ієм", "ій"), ("ией", "ия"), ("ії", "ія"), ("ею", "ей"),
    ("ою", "а"), ("ею", "я"), ("ові", ""), ("еві", ""), ("ому", ""), ("ого", ""),
    ("ой", "а"), ("ей", "я"), ("ей", "а"), ("ом", ""), ("ем", ""), ("ым", ""), ("им", ""),
    ("ія", "ій"), ("ия", "ий"), ("ы", "а"), ("и", "а"), ("и", "я"), ("у", "а"), ("ю", "я"),
    ("е", "а"), ("а", ""), ("я", "й"), ("у", ""),
    # towns in -ь: "з Гомеля", "у Перемишлі", "під Львовом" is -ом above (Гомель, Перемишль)
    ("я", "ь"), ("і", "ь"), ("ю", "ь"),
    # a man's name in the genitive: "Телеграм Ігоря", "у Олега" (Ігор, Олег)
    ("я", ""),
    # Finnish surnames in -nen declined: "Laaksosen puhelin", "maksoivat Laaksoselle"
    ("sen", "nen"), ("selle", "nen"), ("sella", "nen"), ("selta", "nen"), ("sesta", "nen"),
    ("seen", "nen"), ("sena", "nen"), ("sta", "nen"),
    # Greek accusative and genitive: "τον Νίκο Παπαδόπουλο", "του Γιάννη" (folded: final
    # sigma reads σ)
    ("ο", "οσ"), ("ου", "οσ"), ("η", "ησ"), ("α", "ασ"),
)  # fmt: skip
# folded as the words they are matched against are: "Ольгой" reads "ольгои" (fold drops
# the breve of "й"), so an ending written "ой" never matched one
_FOLDED_ENDINGS = tuple((fold(ending), fold(stem)) for ending, stem in _CASE_ENDINGS)
_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    last: tuple(e for e in _FOLDED_ENDINGS if e[0][-1] == last)
    for last in {e[-1] for e, _ in _FOLDED_ENDINGS}
}
_CASE_LAST = frozenset(_BY_LAST)
_MIN_INFLECTED = 6
_MIN_BASE = 5  # "vivía" is no "vivi", "borgo" no "borg"
# Cyrillic and Greek names are read from shorter forms: their endings are no Latin
# word's ("Ігорем", "Ігоря": Ігор; "Νίκο": Νίκος)
_MIN_SHORT = 4


def _cyrillic(norm: str) -> bool:
    return "\u0430" <= norm[0] <= "\u045f"  # а … џ, folded: Russian, Ukrainian, Serbian…


def _declines(norm: str) -> bool:
    return _cyrillic(norm) or "\u03b1" <= norm[0] <= "\u03c9"  # or Greek, folded


def base_form(norm: str, lex: Lexicon) -> str:
    """A name as a list gives it when ``norm`` is an inflected form no list knows and no
    ordinary word: "tadeusza" → "tadeusz", "kowalczyka" stays (no list has "kowalczyk")."""
    given, surnames = lex.given, lex.surnames
    least = _MIN_SHORT if _cyrillic(norm) else _MIN_BASE
    for ending, stem in _BY_LAST[norm[-1]]:
        if norm.endswith(ending) and len(norm) - len(ending) + len(stem) >= least:
            base = norm[: -len(ending)] + stem
            if base in given or base in surnames or (base in lex.places and _cyrillic(norm)):
                break  # a declined town reads as its town: it ends a run of names
    else:
        return norm  # most words: no ending gives a listed name (cheap set look-ups only)
    if (
        norm in given
        or norm in surnames
        or norm in lex.common
        or norm in lex.places
        or english(norm, lex)
    ):
        return norm
    return base
