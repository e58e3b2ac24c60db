"""Made-up cases of the round tuned on batch 60: police ranks and Oromo titles before a
name, the agent of an irregular English participle, a mute e that English drops before
-ed, a Spanish place word that is a surname after a given name, a Cyrillic initial on a
name, a name found in Thai found again where a word is written onto it, Zulu and Xhosa
months, Yoruba dates without tone marks, Shona's honorific written onto a name."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Crime ref 44 relates to him. DC Imogen Threlfall is the officer.", "Imogen"),
        ("The bureau is run by Naveed Masih.", "Naveed Masih"),
        ("She met Jocelyn Mercado in Kuwait.", "Mercado"),
        ("Ergamte Obboo Tolasaa Guutaa jedhamuun.", "Tolasaa"),
        ("Макаод ажилд Д.Батбаяр гэгчээр зуучлуулж.", "Батбаяр"),
        (
            "ผู้แจ้งระบุว่า นายสมชาย นายหน้าจากจังหวัดอุดรธานี พาแรงงาน เบอร์โทรของนายสมชาย คือ",
            "สมชาย",
        ),
        ("akaendeswa naVaTendai Chikore achivimbiswa basa.", "Tendai"),
        ("ozalwe ngomhla we-18 kuCanzibe 2006, wathathwa.", "2006"),
        ("ti a bi ni ọjọ 9 oṣu Kẹta ọdun 2007, ni", "2007"),
    ],
)
def test_round_60_names_and_dates_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a place word that opens a place's name stays a place
        ("The stall is in Mercado Central, near the bus stop.", "Mercado Central"),
        # English words with -ed and -s still read as English
        ("Madam takes my phone every night.", "takes"),
        # the name of a bank account is no person's name
        ("โอนเข้าบัญชีกสิกรไทย ชื่อบัญชี นายวีระพงษ์ ศรีสุข", "ชื่อบัญชี"),
        # a lower-case town after a Cyrillic abbreviation is no initial and name
        ("Тэр г.Улаанбаатар хотод ажилладаг.", "Улаанбаатар"),
    ],
)
def test_round_60_words_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a count of people by nationality after an address's label is no home
        ("11 women in residence: 4 Nigerian, 3 Albanian, 2 Romanian. Two admissions.", "Albanian"),
        # a treaty's number is no house number
        ("The Convention on Action against Trafficking (CETS No. 197) applies.", "197"),
        # a Nguni prefix glued to a year opening a sentence is no document
        ("Kusho uSipho Dlamini. Ngo-2023 kutholwe izisulu.", "2023"),
        # "the law" after a Nguni prefix is no name
        ("Isaziso: uMthetho uvikela izisulu.", "Mthetho"),
    ],
)
def test_round_60_counts_treaties_and_years_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


def test_round_60_a_labelled_address_with_a_street_still_goes() -> None:
    text = "Residence: 4 Adeola Street, Nigerian Quarter. Two admissions."
    assert "Adeola" not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("કામ કરાવતો કોન્ટ્રાક્ટર ભરત પટેલનો મોબાઇલ નંબર આપ્યો.", "ભરત"),
        ("ವೇತನವನ್ನು ಮೇಲ್ವಿಚಾರಕ ಮಂಜುನಾಥ್ ತಡೆಹಿಡಿದಿದ್ದಾನೆ.", "ಮಂಜುನಾಥ್"),
    ],
)
def test_round_60_a_role_before_a_name_in_gujarati_and_kannada(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # Malagasy surnames by their opening, either side of the given name
        ("Miora Rasoanaivo dia nentin'i olona.", "Miora"),
        ("Rasoanirina Volatiana no niantso.", "Volatiana"),
        # Fijian, Tongan and Samoan names of the lists
        ("E a kauti mai vei Jone Ravuama me cakacaka.", "Ravuama"),
        ("Na tinana o Salote Naivalu e tukuna.", "Salote"),
    ],
)
def test_round_60_malagasy_and_pacific_names_go(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


def test_round_60_a_malagasy_shaped_word_alone_stays() -> None:
    assert "Ravenala" in scrub("Ny Ravenala dia hazo.").text
