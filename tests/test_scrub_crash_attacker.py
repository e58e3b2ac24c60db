"""Text that passes the checks must never crash the scrubber: an exception there fails
the request, so a bulk file (or a whole `tahub import`) with one such row stored
nothing, on every retry. A learned address span whose last comma-part was only a space
character that is no ASCII space ("Rua das Flores 12,\\u3000, Lisboa": an ideographic
space from a CJK keyboard) raised IndexError. Every Unicode space is tried; a random
hostile alphabet is searched briefly."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from producers.intake.scrub import scrub
from producers.intake.submission import Submission, parse

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
BASE = {"occurred_on": "2024-01", "occurred_precision": "month",
        "typologies": ["forced_labour"], "tlp": "TLP:GREEN"}  # fmt: skip


@pytest.mark.parametrize("space", SPACES, ids=lambda s: f"U+{ord(s):04X}")
def test_an_address_part_of_spaces_alone_is_scrubbed(space: str) -> None:
    for text in (f"She lived at Rua das Flores 12,{space}, Lisboa.",
                 f"Lived at 12 Main Street,{space * 2}, Springfield"):  # fmt: skip
        out = scrub(text).text
        assert "12" not in out


HOSTILE = st.lists(
    st.sampled_from(
        [*"Maria Anna,;:.'’\"()-0123456789", *SPACES, "阿", "强", "先生", "씨", "님", "김",
         "\u0301", "\u200d", "\ufeff", "ि", "अंकित", "और", "،", "、", "。", "known as ",
         "Rua das Flores 12", "Street", "\x00", "ẞ", "İ", "ﬁ", "\U0001f600", "١٢٣"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(text=HOSTILE)
def test_text_that_passes_the_checks_never_crashes_the_scrubber(text: str) -> None:
    sub = parse(BASE | {"summary": text})
    if isinstance(sub, Submission) and sub.summary:
        scrub(sub.summary)
