"""The rounds on batches 50 and 51: units an address stops inside, floors and rooms in more
languages, hotels with particles, Nordic streets written apart, South Slavic and Tajik
surnames, Cyrillic passport numbers, Haitian and Malagasy cues, bracketed nicknames, and
public numbers the learned recogniser must leave (made-up text, not the batch's)."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a floor a rule's address stops inside; floors and rooms in Indonesian and Thai
        ("Έμενε στη Σόλωνος 12, 2ος όροφος.", "Έμενε στη [ADDRESS]."),
        ("Alamat: Jl. Melati No. 5, lantai 3, Surabaya.", "Alamat: [ADDRESS], Surabaya."),
        # a Korean building's name before its 동, a space apart
        ("주소: 중앙로 15, 푸른마을아파트 201동 803호 (직원 숙소)", "주소: [ADDRESS] (직원 숙소)"),
        # a hotel's name with a lowercase particle before the room
        (
            "logée à l'Hôtel de la Gare, chambre 12, 3 rue Victor Hugo, Lyon.",
            "logée à l'[ADDRESS], Lyon.",
        ),
        # Norwegian and Danish streets written apart; an airport's gate is none
        ("De bodde i Thorvald Meyers gate 7, Oslo.", "De bodde i [ADDRESS], Oslo."),
        ("Passengers waited at Departure gate 14 all night.", None),
        ("Meet at the North gate 3 after the shift.", None),
    ],
)
def test_addresses_round_50(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # South Slavic surnames by -ić, with a listed given name; a possessive; a holiday
        (
            "Vlasnik Marko Perić nije platio. Perićev broj: 091 555 1234.",
            "Vlasnik [NAME] nije platio. [NAME] broj: [PHONE].",
        ),
        # Tajik letters and surnames in -зода; Belarusian patronymics
        ("Муҳоҷир Бахтиёр Назарзода аз Ҳисор омад.", "Муҳоҷир [NAME] аз Ҳисор омад."),
        ("Жанчына, Вольга Пятроўна Кавалёва, з Брэста.", "Жанчына, [NAME], з Брэста."),
        # Czech and Fijian titles before a surname
        ("Firma pana Dvořáka jim nezaplatila.", "Firma pana [NAME] jim nezaplatila."),
        ("e kauti mai vei Ratu Josaia Tuilagi", "e kauti mai vei Ratu [NAME]"),
        # Malagasy's article of persons after a preposition
        ("Ny pasipaorony dia nalain'i Rakoto Jean.", "Ny pasipaorony dia nalain'i [NAME]."),
        # nickname cues in Bulgarian and Romanian; a quoted nickname in brackets
        (
            "от сводника Ивайло, по прякор „Вълка“, взе",
            "от сводника [NAME], по прякор „[NAME]“, взе",
        ),
        ("recrutat de un anume Sandu pentru", "recrutat de un anume [NAME] pentru"),
        ("- Ibrahima Diop ('Papa'), Senegal", "- [NAME] ('[NAME]'), Senegal"),
        ("Agrícola Los Olivos ('ALO') en Almería", None),
        # one of the people just spoken of, set off by commas
        ("One of them, Yeniffer Rondón, said it.", "One of them, [NAME], said it."),
        ("One of the boxes, Model Four, broke.", None),
        # Shona's possessive glued to a name; a country after the locative stays
        ("Nhamba yaTendai: 077 123 4567.", "Nhamba ya[NAME]: [PHONE]."),
        ("akaendeswa kuSouth Africa nemukadzi", None),
    ],
)
def test_names_round_50(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passport's number in Cyrillic capitals after its cue; a law's year is none
        ("Пашпарт МР3318204 забраў наймальнік.", "Пашпарт [ID] забраў наймальнік."),
        ("Паспорт серии АН 123456 выдан в 2019.", "Паспорт серии [ID] выдан в 2019."),
        ("Закон про паспорт 2012 року.", None),
        # Haitian "born" before a birth date; "ap fèt" (will take place) is an event
        ("Timoun nan, fèt 12/03/2012, ap travay.", "Timoun nan, fèt [DOB], ap travay."),
        ("Reyinyon an ap fèt 12 janvye 2027 nan lekòl la.", None),
        # public numbers: Spain's free 900, a hotline in Chinese, an organisation's unit
        ("Llame al teléfono gratuito 900 10 50 90 de la Policía.", None),
        ("Su madre: 612 345 678.", "Su madre: [PHONE]."),
        ("可拨打领事保护热线+86-10-12308求助。", None),
        ("Modern Slavery Unit (020 7946 0000) informed.", None),
    ],
)
def test_numbers_and_dates_round_50(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round on 51: floors and units in Polish, French, Icelandic, Basque and Turkish
        # words; Icelandic, Basque and Ladino streets
        (
            "ul. Lipowa 7, hala nr 2, pokój 5, 60-101 Poznań",
            "[ADDRESS] Poznań",
        ),
        ("chez eux, 4 rue des Roses, au deuxième, à Nantes", "chez eux, [ADDRESS], à Nantes"),
        ("bjuggu við Dalveg 9, efri hæð, í Kópavogi.", "bjuggu við [ADDRESS], í Kópavogi."),
        ("Gran Vía etorbidea 8, 2. ezk. helbidean.", "[ADDRESS] helbidean."),
        ("en la kaye Ermou 12, kat 2, en Atenas.", "en la [ADDRESS], en Atenas."),
        ("They took the kat to the vet on Friday.", None),
    ],
)
def test_addresses_round_51(text: str, expected: str | None) -> None:
    assert scrub(text).text == (text if expected is None else expected)
