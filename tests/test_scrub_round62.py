"""Made-up cases of the round tuned on batch 62: an Arabic chain of address parts ends
where a clause begins, initials a text says are someone's, a Cyrillic initial before a
hyphenated name, Sindhi "named", Tigrinya "refugee" before a name, listed Bengali-script
names in Assamese spelling."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub
from producers.intake.scrubbing.spellings import spelled


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Polisi menangkap seorang perekrut berinisial JK yang mengirim pekerja.", "JK"),
        ("сэжигтэн Г.Бат-Эрдэнэ цагдаад баригджээ.", "Бат-Эрдэнэ"),
        ("ڪراچي پوليس عبدالرزاق نالي شخص کي گرفتار ڪيو.", "عبدالرزاق"),
    ],
)
def test_round_62_names_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


def test_round_62_an_arabic_chain_ends_where_a_clause_begins() -> None:
    text = (
        "محتجزة في منزل صاحب العمل في الطابق الرابع، بناية الياسمين، شارع الحمرا، "
        "وأن جواز سفرها رقم EP4471902 مصادر."
    )
    out = scrub(text).text
    assert "بناية الياسمين" not in out
    assert "وأن جواز سفرها رقم" in out


def test_round_62_assamese_spellings_of_listed_names() -> None:
    assert "ৰহিম" in spelled(["রহিম"])
