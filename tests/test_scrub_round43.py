"""The round tuned on batch 43 (after its blind score): short Cyrillic and Greek names
in case forms, a surname alone after "with", Central Asian "named" after a name, a hotel
with its room in many languages, vehicle plates after their label in more languages,
"Mr" before a word that names other things too, a chat's lower-case senders after a
messenger heading, and an interview's answering speaker after a one-letter "Q:" label.
Made-up text, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Донька поїхала до Німеччини з Олегом, який обіцяв роботу.", "Олегом"),
        ("Вайбер Олега: 0671234567.", "Олега"),
        ("Η καταγγελία αφορά τον Γιώργο Νικολάου, ιδιοκτήτη.", "Γιώργο"),
        ("Свидетели видели его вместе с Каримовым, прорабом.", "Каримовым"),
        ("Бишкектен 16 жаштагы Айдана аттуу кызды алып кетишкен.", "Айдана"),
        ("The owner, Mr Park, kept their passports.", "Park"),
    ],
)  # fmt: skip
def test_names_in_case_forms_and_after_cues_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Мы ехали с Садовым кольцом рядом.",  # an adjective before its noun: no surname
        "In the UK, room 5 of the shelter is free.",  # a country code is no hotel
        "Телеграм-канал о вакансиях закрыли.",  # a messenger is no name
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Laatst gezien in Hotel Zeezicht, kamer 21, Den Haag.",
         "Laatst gezien in [ADDRESS], Den Haag."),
        ("La llevaron al Hotel Aurora, cuarto 9, en el centro.",
         "La llevaron al [ADDRESS], en el centro."),
        ("He asked her to meet him at the Travelodge, room 40, by the station.",
         "He asked her to meet him at the [ADDRESS], by the station."),
    ],
)  # fmt: skip
def test_a_hotel_with_its_room_is_an_address(text: str, want: str) -> None:
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ji buvo išvežta automobiliu, valst. nr. LMN 204.", "LMN 204"),
        ("No. pendaftaran kenderaan majikan: BKT 4471.", "BKT 4471"),
        ("A matrícula do carro é ABC 123 MP.", "ABC 123 MP"),
    ],
)  # fmt: skip
def test_a_plate_after_its_label_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


def test_a_chats_lower_case_senders_go_after_a_messenger_heading() -> None:
    text = (
        "[WhatsApp]\nyaw: are you still there?\nabena_k: yes they lock the door\n"
        "yaw: send location\nadmin: this group is for jobs only"
    )
    out = scrub(text).text
    assert "yaw:" not in out
    assert "admin: this group" in out  # a role stays


def test_an_interviews_answering_speaker_after_q_goes() -> None:
    text = "Q: Who sent you?\nNkechi: A woman from church.\nQ: Where?\nNkechi: In Accra."
    out = scrub(text).text
    assert "Nkechi" not in out
    assert out.startswith("Q: Who sent you?")
