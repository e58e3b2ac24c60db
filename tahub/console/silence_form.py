"""The silence form's fields to what ``SilenceAdmin.add`` takes (pure): matcher rows,
hours as text, author and reason. Every rule about a silence is the admin's
(``alerts.admin``, ``alerts.silences``): text that is not a number of hours goes on as
NaN, which its range check refuses with the API's own words."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tahub.console.subs_form import Form

MATCH_ROWS = 3


@dataclass(frozen=True)
class SilenceInput:
    matchers: dict[str, str]
    hours: float
    author: str
    reason: str


def silence_from_form(form: Form) -> SilenceInput:
    matchers = {}
    for i in range(MATCH_ROWS):
        name, value = form.get(f"match_field_{i}").strip(), form.get(f"match_value_{i}").strip()
        if name and value:
            matchers[name] = value
    try:
        hours = float(form.get("hours", "24"))
    except ValueError:
        hours = math.nan
    return SilenceInput(matchers, hours, form.get("author"), form.get("reason"))
