"""Citations of laws and their articles are no identifiers (pure).

"UU No. 21 Tahun 2007", "Artigo 149", "§ 232", "Section 45 … Act 2015", "RA 10364",
"artículo 129-A", "CETS No. 197" (a treaty): partners cite the law a case falls under,
and its numbers read to the number and address rules as a house number, a document or a
phone. A number that a law's word (article, section, law, act, code, convention, §)
opens, with its "No." and the year it was passed, is kept; a span of a number rule whose
every digit lies in such a citation is dropped. Names, contacts and birth dates are never
dropped here.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from producers.intake.scrubbing.text import ADDRESS, ID, NOT_AFTER_LETTER, PHONE, Span, words

# a law, an article or a section, in the languages partners write, in lower case; not
# words an address or a phone may follow too ("sec" a sector, "para" for, "code" and
# "cp" a postcode's)
LAW_WORDS = words(
    """
    article art artigo artículo articulo articolo artikel artykuł artykul članak clanak
    madde maddesi pasal section paragraph paragraf paragrafo párrafo parágrafo
    статья статьи статье статті стаття ст law ley lei legge loi gesetz act código
    codigo codice kodeks uu perppu ra decree decreto décret dekret tck stgb d.lgs dlgs
    convention convenio convenção konvention cets ets
    """
)
_LAW = "|".join(sorted((re.escape(w) for w in LAW_WORDS), key=len, reverse=True))
_NUMBER = r"\d{1,5}[a-z]?(?:[-/]\w{1,4}|\.\d{1,4})*"
_CITATION = re.compile(
    rf"(?i)(?:{NOT_AFTER_LETTER}(?:{_LAW})\.?|§§?)\s*"
    r"(?:(?:no|nr|n|nº|n°|núm|num|number|número|numéro)\.?\s*)?"
    r"(?:b\.\s?e\.\s*)?"  # a Thai act's Buddhist-era year: "Act B.E. 2560 (2017)"
    rf"{_NUMBER}(?:\s*(?:,|and|y|e|et|i|und|ve|dan)\s*{_NUMBER})*"
    r"(?:\s*,?\s*(?:tahun|of|de|del|do|da|from|year|yılı|года|року)?\s*(?:19|20)\d\d"
    r"|\s*\((?:19|20)\d\d\))?"
    r"(?![\w/-])"
)
# "sec" is a sector's word too: a section only with its act after it ("Sec 79 JJ Act",
# "sec. 12 of the Prevention of Trafficking Act")
_SECTION = re.compile(
    rf"(?i){NOT_AFTER_LETTER}secs?\.?\s*{_NUMBER}(?=(?:\s+[\w&.'’-]+){{0,5}}?\s+act\b)"
)
_NUMBER_KINDS = frozenset({ADDRESS, ID, PHONE})
_DIGIT = re.compile(r"\d")


def citations(text: str, text_words: set[str]) -> list[tuple[int, int]]:
    """Where laws and articles are cited; looked for only when a law's word or "§" is
    in the text."""
    if "§" not in text and not LAW_WORDS.intersection(text_words):
        return []
    found = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    if "act" in text_words:
        found += [(m.start(), m.end()) for m in _SECTION.finditer(text)]
    return found


def uncited(text: str, text_words: set[str], spans: list[Span]) -> list[Span]:
    """``spans`` less the number rules' spans whose digits all lie in a citation."""
    cited = citations(text, text_words)
    if not cited:
        return spans
    return [sp for sp in spans if sp[2] not in _NUMBER_KINDS or not _all_cited(text, sp, cited)]


def _all_cited(text: str, span: Span, cited: list[tuple[int, int]]) -> bool:
    start, end, _ = span
    digits = [m.start() for m in _DIGIT.finditer(text, start, end)]
    starts = [s for s, _ in cited]  # in order, apart: the citation before a digit holds it
    return bool(digits) and all(
        (i := bisect_right(starts, d) - 1) >= 0 and d < cited[i][1] for d in digits
    )
