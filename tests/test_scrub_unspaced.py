"""Numbers and handles written onto words of scripts without spaces
(scrubbing/unspaced.py): made-up sentences, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("受害人护照号码E73920415被老板扣留。", "E73920415"),
        ("中介的微信号是hr_zhang2024，请注意。", "hr_zhang2024"),
        ("身分證字號A223344556由仲介保管。", "A223344556"),
        ("ブローカーのLINEはkenji_88で連絡していた。", "kenji_88"),
        ("นายหน้าให้ติดต่อไลน์somchai_th99เท่านั้น", "somchai_th99"),
    ],
)
def test_a_number_or_handle_touching_such_letters_goes(text: str, secret: str) -> None:
    assert secret not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "他在2019年3月去了缅甸，工资3000元。",  # no run across the words between numbers
        "船员20人，每天工作18小时，欠薪14个月。",
        "台中市北屯區崇德路二段188巷5號3樓附近有工廠。",  # no phone made of a house's numbers
    ],
)
def test_counts_dates_and_money_stay(text: str) -> None:
    out = scrub(text, names=False).text
    assert "[PHONE]" not in out
    assert "[ID]" not in out
