"""Scrubbing round tuned on batches 1-32 (batch 32 scored blind first: BLIND.md)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Záznam z linky: Ukrajinka Oksana Melnyková (nar. 3. 5. 1988) pracuje.", "Oksana"),
        ("Seorang pekerja, Md. Shahin Alam, nombor pasport BN7139720, mengadu", "Shahin"),
        ("handler ko si Sir Jomar, FB niya Jomar Dela Cruz Recruitment. ako po si", "Recruitment"),
        ("khong cho ve. fb cua e la Ngoc Han Nguyen, zalo 0912.594.291.", "Nguyen"),
        ("Արմեն անունով տղամարդ, Viber-ում՝ «Armen Dubai Job» անունով։", "Dubai Job"),
        ("Він представився як Андрій, їздив авто з номером AT 6964 KC, а жінкам", "6964"),
    ],
)
def test_what_batch_32_showed_goes(text: str, identifier: str) -> None:
    assert identifier not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # an ad or a channel quoted in Cyrillic after a platform, a word after "Facebook"
        "її завербували через оголошення у Viber на «роботу покоївкою» в Польщі",
        "завербований через Telegram-канал «Робота Польща».",
        "Akun Facebook korban: tidak ada.",
        # an embassy, a contractor, a payment app
        "Attaché memo, KBRI Kuala Lumpur: the case was closed.",
        "wages at the Al Wafa Contracting site, Lusail.",
        "he takes payment on Cash App, the police said.",
    ],
)
def test_what_only_looks_like_it_stays(text: str) -> None:
    assert scrub(text).text == text
