"""ISO 3166-1 alpha-2 country reference, with suggestions for common mistakes."""

from __future__ import annotations

from functools import cache

import pycountry

# Codes in use that ISO has not (yet) assigned officially.
_USER_ASSIGNED = {"XK": "Kosovo"}

# Frequent non-ISO spellings and what was almost certainly meant.
_COMMON_MISTAKES = {
    "UK": "GB",
    "EL": "GR",  # EU protocol code for Greece
    "EN": "GB",
    "KO": "XK",
    "KS": "XK",
    "BU": "MM",  # Burma
    "ZR": "CD",  # Zaire
    "TP": "TL",  # East Timor
    "YU": "RS",
    "USA": "US",
    "GBR": "GB",
}


@cache
def _names() -> dict[str, str]:
    names = {c.alpha_2: c.name for c in pycountry.countries}
    names.update(_USER_ASSIGNED)
    return names


def is_country(code: str) -> bool:
    return code in _names()


def country_name(code: str) -> str:
    return _names()[code]


def suggest(code: str) -> str | None:
    """The alpha-2 code a user probably meant, or None."""
    text = code.strip()
    upper = text.upper()
    if upper in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[upper]
    if upper in _names():
        return upper
    if len(upper) == 3:
        found = pycountry.countries.get(alpha_3=upper)
        if found is not None:
            return str(found.alpha_2)
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def check_country(code: str) -> str:
    """Return ``code`` if it is ISO 3166-1 alpha-2, else raise ValueError with a hint."""
    if is_country(code):
        return code
    hint = suggest(code)
    detail = f"; did you mean {hint!r}?" if hint else ""
    raise ValueError(f"not an ISO 3166-1 alpha-2 country code{detail}")
