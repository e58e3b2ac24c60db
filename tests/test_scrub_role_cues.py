"""Roles of labour brokering as cues before a name in scripts without capitals, and
Arabic-script pilgrim titles left outside a name: made-up text, none from a batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("கங்காணி முருகேசன் சம்பளத்தை கொடுக்கவில்லை.", "முருகேசன்"),
        ("შუამავალი გიორგი ტელეფონს არ პასუხობს.", "გიორგი"),
        ("कारखान्याचा मुकादम संजय पवार पैसे घेऊन गेला.", "संजय"),
        ("ସର୍ଦ୍ଦାର ରମେଶ ନାୟକ ଟଙ୍କା ନେଇଥିଲା।", "ରମେଶ"),
        ("کارفرما، مجید کریمی، پاسپورت را نگه داشت.", "مجید"),
        ("המתווך אבי כהן לקח את הדרכונים.", "אבי"),
    ],
)  # fmt: skip
def test_a_name_after_a_brokering_role_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a pilgrim's title opening a name stays, as "Alhaji" does
        ("واسطه، حاج کریم، پول را گرفت.", "حاج"),
        ("قاچاقچی، حاجی ولی، آنها را به ایران برد.", "حاجی"),
    ],
)  # fmt: skip
def test_a_pilgrim_title_stays(text: str, kept: str) -> None:
    out = scrub(text).text
    assert kept in out
    assert "[NAME]" in out
