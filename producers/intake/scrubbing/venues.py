"""A name that names a public place or body is no one's to hide (pure).

Partners hold meetings in halls, schools and palaces named after public figures ("the
Kwame Nkrumah Memorial Hall", "Lycée Victor Hugo", "Sala im. Marii Konopnickiej", "зала „Христо
Ботев“", "Centro della Memoria «Peppino Impastato»") and work with foundations ("Fundación
Luz del Sur", "Фонд «Светлана»"): the name rules read a person there. A name span is
dropped when a venue's or a body's word stands right before it (with "of", "im.", "wa",
"della" or an opening quote between) or right after it (one capitalised word may come
between: "… Nkrumah Memorial Hall", "… Machel Presidential Palace"), and when such a word
opens the span itself. Only name spans are dropped; a street named after someone is an
address's business (its rules come first).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, words

# venues in lower case: halls, schools, universities, hospitals, palaces, memorials,
# stadiums, airports, libraries and museums, in the languages partners write; and bodies
# (foundations, associations)
VENUE_WORDS = words(
    """
    hall halls auditorium school college university academy institute hospital clinic
    palace memorial monument mausoleum stadium airport library museum theatre theater
    centre center centro centrum центр lycée lycee école ecole collège colegio escuela
    escola liceo liceu
    liceul lyceum gymnasium gimnazjum universidad universidade université universita
    università universitas hôpital hopital ospedale aeropuerto aeroporto aéroport
    estadio estádio stade stadion palacio palácio palais palazzo sala sali salle zala
    zali aula ukumbi shule chuo hospitali uwanja sekolah universiti gedung balai
    зала зали залі залата зал зале школа школи школы училище университет університет
    памятник памятника пам'ятник паметник паметника дворец палац музей
    foundation fundación fundacion fundação fundacao fondation fondazione stiftung
    stichting fundacja nadácia nadace fond фонд фонда фондът фундація vakfı vakfi
    derneği dernegi shirika taasisi association asociación asociacion associação
    associazione society alliance coalition
    project proyecto projeto projet progetto projekt programme program programa
    inn hotel motel ranch plantation restaurant café cafe
    ltd llc inc gmbh plc pvt corp s.l s.a s.r.l srl sarl bv
    """
)
# vessels, whose names are no crew's: before the name only ("Bambang Kerja Kapal" is a
# person's page, "the longliner 'Sea Star 12'" a ship)
VESSEL_WORDS = words("vessel longliner trawler ship boat kapal tàu barco navio bateau")
# what may stand between a venue's word and the name: "of", "im.", "wa", "della …", a quote
_GATE = VENUE_WORDS | VESSEL_WORDS
_JOINERS = words(
    """
    of the de do da dos das del della dello degli di du des im im. imienia imeni имени
    імені на wa ya la le el al ng ni
    """
)
_QUOTES = "«„“\"'‘‹"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# no line break: a venue's words are on the name's line ("Sokha Chhim\nProgramme Officer"
# signs a letter, it names no programme)
_GAP = re.compile(r"(?:[^\S\n\r]|[" + _QUOTES + r"])+")
_MOST_BEFORE = 48
_MOST_HOPS = 4
_ABBREVIATED = 5  # letters and dot of an abbreviated venue's word at most ("Univ.", "Hosp.")
# a firm's form with dots, which a text's words split: "Agrícola Rosales S.L."
_DOTTED_FIRM = re.compile(r"\bS\.(?:[LA]|R\.L)\b")


def _venue(word: str) -> bool:
    return word.lower().rstrip(".") in VENUE_WORDS


def _venue_before(text: str, start: int) -> bool:
    """A venue's word ends right before ``start``, joining words or a quote apart, with
    nothing but spaces and quotes between the words ("Lycée Toussaint", "Sala im. Jana",
    "ukumbi wa Julius", "зала „Васил", "Casa della Legalità «Giovanni"). In lower case
    only before a joining word or a quote: "at the hospital Maria said" names her."""
    window = text[max(0, start - _MOST_BEFORE) : start]
    toks = list(_WORD.finditer(window))
    end = len(window)
    quoted = False
    for hop, tok in enumerate(reversed(toks[-_MOST_HOPS:])):
        gap = window[tok.end() : end]
        if not _GAP.fullmatch(gap):
            return False
        quoted = quoted or any(q in gap for q in _QUOTES)
        word = tok.group(0)
        if word.endswith(".") and len(word) > _ABBREVIATED:
            return False  # a sentence ends there: "… Moi International Airport. Wanjiku …"
        if _venue(word) or word.lower() in VESSEL_WORDS:
            return word[:1].isupper() or hop > 0 or quoted
        if word.lower() not in _JOINERS and not (quoted and word[:1].isupper()):
            return False
        end = tok.start()
    return False


# written in lower case after the name they carry, these still name a place
_NAMED_PLACES_LOWER = frozenset({"airport", "stadium", "aeropuerto", "aéroport", "aeroporto"})


def _venue_after(text: str, end: int) -> bool:
    """A capitalised venue's word right after ``end``, one capitalised word apart at most
    ("… Nkrumah Memorial Hall", "… Machel Presidential Palace")."""
    window = text[end : end + 40]
    at = 0
    for hop, tok in enumerate(_WORD.finditer(window)):
        if hop > 1 or not _GAP.fullmatch(window[at : tok.start()]):
            return False
        word = tok.group(0)
        if hop == 0 and word in _NAMED_PLACES_LOWER:
            return True  # "Jomo Kenyatta airport": a place named for someone
        if not word[:1].isupper():
            return False
        if _venue(word):
            return True
        at = tok.end()
    return False


def _holds_venue(text: str, start: int, end: int) -> bool:
    """A run read whole as a name that holds a venue's word no list gives as a name: "Kwame
    Nkrumah Memorial Hall" ("Hall" alone may be a surname: "Jerome Hall")."""
    named = lexicon().named
    return any(
        _venue(w) and w[:1].isupper() and fold(w.rstrip(".")) not in named
        for w in _WORD.findall(text, start, end)[1:]
    )


def unvenued(text: str, spans: list[Span], text_words: set[str] | None = None) -> list[Span]:
    """``spans`` less the name spans that name a public place or body; looked for only
    when a venue's or a vessel's word is among ``text_words`` (its lower-case words)."""
    if (
        text_words is not None
        and _GATE.isdisjoint(text_words)
        and _DOTTED_FIRM.search(text) is None
    ):
        return spans
    out: list[Span] = []
    for start, end, kind in spans:
        if kind == NAME and end > start:
            first = _WORD.match(text, start)
            if (
                (first is not None and _venue(first.group(0)) and end > first.end())
                or _holds_venue(text, start, end)
                or _venue_before(text, start)
                or _venue_after(text, end)
            ):
                continue
        out.append((start, end, kind))
    return out
