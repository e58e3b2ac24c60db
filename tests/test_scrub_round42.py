"""The round tuned on batch 42 (after its blind score): a hotel's name with the room a
person is held in, and a dotted username after a platform named in any language's words.
Made-up text, none from a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("She was held at the Golden Reef Hotel, room 214 until May.",
         "She was held at the [ADDRESS] until May."),
        ("They stayed at Hotel Miramar, room 9, in Durrës.",
         "They stayed at [ADDRESS], in Durrës."),
    ],
)  # fmt: skip
def test_a_room_goes_with_its_hotel(text: str, want: str) -> None:
    assert scrub(text).text == want


def test_a_hotel_named_without_a_room_stays() -> None:
    text = "The Golden Reef Hotel, a large building, was inspected in May."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ang recruiter naggamit sa Messenger nga jenny.davao.work para sa mga trabaho.",
         "jenny.davao.work"),
        ("Nia uza Facebook ho naran lina.dili.servisu atu buka feto.", "lina.dili.servisu"),
    ],
)  # fmt: skip
def test_a_dotted_username_after_a_platform_goes(text: str, gone: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert "[HANDLE]" in out


def test_a_version_or_a_domain_after_a_platform_stays() -> None:
    text = "Facebook said version 2.4 of its app fixed it; see about.fb.com for more."
    out = scrub(text).text
    assert "2.4" in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a short Cyrillic given name declined (Олена, Ганна): the case form is read back
        ("До Олени Коваль на вокзалі підійшов чоловік.", "Олени"),
        ("Жительницу Гомеля Ганну Коваль завербовали.", "Ганну"),
        # "a certain" in Russian, Ukrainian and Polish cues the name after it
        ("Рабочие договаривались с неким Сидоровым, владельцем склада.", "Сидоровым"),
        # a Korean owner's title before a name with its particle
        ("염전 주인 이상만은 수당까지 가로챘다.", "이상만"),
        # Turkish: a name in the genitive before what only a person has
        ("Yusuf'un ağabeyi ile iletişim kurulabilir.", "Yusuf"),
        ("Emine'nin annesi polise başvurdu.", "Emine"),
    ],
)  # fmt: skip
def test_declined_and_possessed_names_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # a declined town ends a run of names: the town stays
        "Жительницу Гомеля Ганну Коваль завербовали.",
        # a place or a country in the genitive owns no kin
        "Ankara'nın ifadesine göre yeni kimlik sistemi geliyor.",
        "Türkiye'nin kimlik sistemi değişti.",
    ],
)
def test_towns_and_countries_in_case_forms_stay(text: str) -> None:
    out = scrub(text).text
    for town in ("Гомеля", "Ankara'nın", "Türkiye'nin"):
        if town in text:
            assert town in out
