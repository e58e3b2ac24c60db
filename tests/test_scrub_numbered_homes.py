"""A home named by a number word, a chain of units, and street words written apart
(made-up text, none from a batch)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a house word, a number word, a number, and the short parts after it
        (
            "Yarinyar tana zaune a gida mai lamba 31, Titin Bello. Mahaifinta ya kira.",
            "Yarinyar tana zaune a [ADDRESS]. Mahaifinta ya kira.",
        ),
        ("Gia đình sống ở nhà số 54, xóm Đồng.", "Gia đình sống ở [ADDRESS]."),
        (
            "ತಾಯಿಯ ವಿಳಾಸ: ಮನೆ ನಂ. 18, ಬಸವ ನಗರ, ಶಾಲೆಯ ಹತ್ತಿರ, ಹಾವೇರಿ.",
            "ತಾಯಿಯ ವಿಳಾಸ: [ADDRESS].",
        ),
        # a clause after the parts stays, and so does the district
        (
            "वह अभी मकान नं. 90, गली नं. 3, रामपुर में है।",
            "वह अभी [ADDRESS] में है।",
        ),
        ("पता: मकान नं. 17, वार्ड 2, ज़िला सीवान।", "पता: [ADDRESS], ज़िला सीवान।"),
        # block, entrance and flat in a row, with the estate before them
        (
            "Живее в ж.к. Люлин, бл. 402, вх. В, ап. 61. Работи в Германия.",
            "Живее в [ADDRESS]. Работи в Германия.",
        ),
        # street words written apart after the name, Baltic and Hungarian
        ("Viņa dzīvo Rīgas ielā 14-2, Jelgavā.", "Viņa dzīvo [ADDRESS], Jelgavā."),
        ("Lakcím: Petőfi utca 7, Szeged.", "Lakcím: [ADDRESS], Szeged."),
        # a German town's adjective before the street, a Catalan and Haitian street word
        ("Sie wohnt in Hernalser Hauptstraße 40, Wien.", "Sie wohnt in [ADDRESS], Wien."),
        ("Treballava al carrer de Sants, 102, Barcelona.", "Treballava al [ADDRESS], Barcelona."),
        ("Li rete Ri Pavée #12, Jacmel.", "Li rete [ADDRESS], Jacmel."),
    ],
)
def test_the_home_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "text",
    [
        "मकान नंबर याद नहीं, वह दिल्ली में है।",  # no number: no home
        "Apartment 4 of the hostel was empty.",
        "फ़ोन नं. 5 बार बजा।",  # a phone, no house word
    ],
)
def test_no_home_no_address(text: str) -> None:
    assert "[ADDRESS]" not in scrub(text).text


def test_a_permit_named_before_its_number_stays() -> None:
    # Colombia's permits for Venezuelans: the name of the document stays, as "CURP [ID]"
    assert scrub("Le retienen el PEP 6017392845.").text == "Le retienen el PEP [ID]."
    assert scrub("Tiene PPT 4417392 vigente.").text == "Tiene PPT [ID] vigente."


def test_a_name_cut_at_a_combining_mark_goes_whole() -> None:
    # "Tèmítọ́pẹ́" written with U+0301 after "ọ": a word pattern stopped at the mark
    assert scrub("Victim Adéyẹmí Tèmítọ́pẹ́, 17, was taken.").text == "Victim [NAME], 17, was taken."


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a villa's number before the street, an Arabic floor told by its ordinal
        ("تعمل في فيلا ٩، شارع النخيل ١٢. لم تتقاض راتبها.", "تعمل في [ADDRESS]. لم تتقاض راتبها."),
        (
            "تسكن في 22 ش النيل، الدور الرابع، شقة 3. لم تتقاض راتبها.",
            "تسكن في [ADDRESS]. لم تتقاض راتبها.",
        ),
        # a house said to have no number, between two streets
        (
            "Vive en Calle Olivos s/n entre calles Hidalgo y Juárez, Col. Centro. Tel 5",
            "Vive en [ADDRESS]. Tel 5",
        ),
        # a Kazakh street word after its name
        ("Ол Сәтпаев көшесі, 41 мекенжайында тұрады.", "Ол [ADDRESS] мекенжайында тұрады."),
        # the street a block stands on, named before its units
        (
            "Adresa: Rruga Ismail Qemali, Pallati 7, Shkalla 1, Ap. 4. Telefononi.",
            "Adresa: [ADDRESS]. Telefononi.",
        ),
    ],
)
def test_the_parts_beside_a_home_go(text: str, kept: str) -> None:
    assert scrub(text).text == kept


def test_a_road_and_the_landmark_a_home_is_by_go() -> None:
    text = "She stayed on Ring Road, behind St. Mary's Anglican Church, for a year."
    assert scrub(text).text == "She stayed on [ADDRESS], for a year."
    # a landmark alone places no home
    assert scrub("She was seen behind the church.").text == "She was seen behind the church."
