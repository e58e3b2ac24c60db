"""Scrubbing round tuned on batches 1-39 (batch 39 scored blind first: BLIND.md): the
senders of chats pasted into a summary. The texts are made up in the forms batch 39's
misses showed."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.chat_senders import chat_senders


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        (
            "Messenger\nRamesh Dai Qatar: bhai kaam cha\nसुनिल: कति लाग्छ?\nRamesh Dai Qatar: 2 lakh",
            "Dai Qatar",
        ),
        ("微信聊天记录\n阿梅姐：工作很轻松\n小花🌸：要护照吗？", "小花"),
        ("LINE\nเจ๊ติ๋ม งานญี่ปุ่น: งานนวด\nน้องฝน: กี่บาทคะ", "เจ๊ติ๋ม"),
        (
            "Zalo – nhóm việc làm\nAnh Tú Xuất Khẩu: Đơn hàng mới\nLan: bao nhiêu tiền ạ",
            "Xuất Khẩu",
        ),
        (
            "Telegram – group 'Jobs 2024'\nHR Meera (Dubai): Dear all, visa free\nKiran: how much",
            "HR Meera",
        ),
        ("[카카오톡] 대화\n하늘언니💄 : 일본 가면 돈 번다\n수진 : 정말요?", "하늘언니"),
    ],
)
def test_the_senders_of_a_pasted_chat_are_removed(text: str, sender: str) -> None:
    assert sender not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # a call about WhatsApp is no chat: its labels are roles
        "Caller: He only talks on WhatsApp.\nVolunteer: Okay.\nCaller: Yes.",
        # a chat heading above a form's fields and roles
        "WhatsApp forwarded by outreach\nLocation given: bus stand\nWorker's notes: seen twice\n"
        "Caller: thanks",
        # the heading not first: a note that quotes one line of a chat
        "Case note.\nWhatsApp\nVolunteer: called back\nOperator: referred",
    ],
)
def test_labels_that_are_roles_or_fields_are_no_senders(text: str) -> None:
    assert chat_senders(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Client name: E. Tzoc\nDOB: 05/1989\nCountry: GT",
        "Ημερομηνία γέννησης: 02/2004\nΥπηκοότητα: -",
    ],
)
def test_a_month_and_year_of_birth_in_numbers_is_removed(text: str) -> None:
    assert "/" not in scrub(text).text


def test_a_month_and_year_without_a_birth_cue_stay() -> None:
    text = "Arrived 05/2019 and worked until 11/2021 at the farm."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("He gave her a ticket that turned out to be fake, booking ref. QXJ7LM.", "QXJ7LM"),
        ("비행기표는 실장님이 끊어줄 거야. 예약번호 KX7Q2M", "KX7Q2M"),
    ],
)
def test_a_booking_reference_after_its_cue_is_removed(text: str, ref: str) -> None:
    assert ref not in scrub(text).text


def test_a_word_in_capitals_after_a_booking_cue_stays() -> None:
    text = "The booking reference AGENCY was never given."
    assert scrub(text).text == text
