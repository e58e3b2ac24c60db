"""Contacts and numbers touching letters of scripts written without spaces.

Chinese, Japanese and Thai write a number or a handle onto the words around it
("身份证号410523199803123417）称", "居留證號碼FC03182745由雇主保管", "微信号为ljob_hr888，"):
to the patterns of ``contacts`` and ``numbers`` those letters are word characters, so no
word boundary opens or closes the token and it stays. They are read again in a copy of
the text in which each such letter is a separator that is neither a word character nor a
space (so "2019年3月…3000元" does not become one run of digits): one character for one,
so the spans found there are spans of the original.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.contacts import handles
from producers.intake.scrubbing.numbers import numbers, public_numbers
from producers.intake.scrubbing.text import Span, Text

# Han, kana, Thai, Lao and their punctuation (CJK symbols, full-width forms)
# (full-width digits and Latin letters are a number's or a handle's: "电话１３９…")
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uffef]"
)
_APART = "\x07"  # a control character: no letter, digit, space or punctuation of a number
# a Latin letter or digit touching such a letter: only then is a second reading needed
_TOUCHING = re.compile(
    "[A-Za-z0-9_\uff10-\uff19][\u0e00-\u0eff\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
    "|[\u0e00-\u0eff\u3000-\u30ff\u3400-\u9fff\uff00-\uffef][A-Za-z0-9@+\uff10-\uff19]"
)


def unspaced_spans(text: str) -> list[Span]:
    """Handles and numbers found once the letters of scripts without spaces are apart."""
    if not _TOUCHING.search(text):
        return []
    spaced = Text(_UNSPACED.sub(_APART, text))
    # a hotline's number is judged by the words before it, which the copy has not
    public = public_numbers(text)
    return handles(spaced) + [
        sp for sp in numbers(spaced) if not any(s < sp[1] and sp[0] < e for s, e in public)
    ]
