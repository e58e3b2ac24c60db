"""Names told by a cue after them: "called", "named", a title after (made-up sentences,
none from a labelled batch). Each positive was left whole before name_cued_after."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # Bengali "named", Amharic and Tigrinya "called", Tamil "the one called"
        ("গতকাল সেলিম নামে একজন লোক মেয়েটিকে ঢাকায় নিয়ে যায়।", "সেলিম", "একজন লোক"),
        ("ሰናይት የተባለች ሴት ልጆቹን ወደ ዱባይ ወሰደች።", "ሰናይት", "ሴት ልጆቹን"),
        ("ኣብ ካርቱም ተስፋልደት ዝበሃል ሰብ ገንዘብ ሓተተ።", "ተስፋልደት", "ገንዘብ"),
        ("வேலை தருவதாக ரவிசங்கர் என்பவர் பணம் வாங்கினார்.", "ரவிசங்கர்", "பணம்"),
        ("ಕಾರ್ಖಾನೆಯ ಮಾಲೀಕ ಶಿವರಾಜ ಎಂಬಾತ ಕೂಲಿ ನೀಡಲಿಲ್ಲ.", "ಶಿವರಾಜ", "ಕೂಲಿ"),
        # Kyrgyz, Kazakh, Mongolian, Turkish: the capitalised name before "called"
        ("Жумушка Азамат деген бир адам чакырган.", "Азамат", "бир адам"),
        ("Оны Ержан есімді жігіт алып кетті.", "Ержан", "жігіт"),
        ("Ажилд Төмөрбаатар гэх хүн авч явсан.", "Төмөрбаатар", "хүн"),
        ("Kızları Kemal adlı bir aracı İstanbul'a götürdü.", "Kemal", "bir aracı"),
        # a Korean surname before its title, a Japanese name before "called himself"
        ("브로커는 자신을 최 과장이라고 소개했다.", "최", "소개했다"),
        ("ケンジと名乗る男が旅券を取り上げた。", "ケンジ", "旅券"),
        # a name a list knows before an honorific written after it (Sinhala "brother")
        ("ඒජන්සියේ කසුන් අයියා මුදල් ඉල්ලුවා.", "කසුන්", "මුදල්"),
    ],
)
def test_a_name_before_its_cue_goes(text: str, name: str, kept: str) -> None:
    out = scrub(text).text
    assert name not in out, out
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "in the name of marriage", "a case in his name": a genitive before "নামে"
        ("দালালরা চাকরির নামে টাকা নেয়।", "চাকরির নামে"),
        ("তার নামে থানায় মামলা হয়েছে।", "তার নামে"),
        # an honorific between the name and "name of" stays
        ("उसे गीता दीदी नाम की औरत ले गई।", "दीदी नाम की औरत"),
    ],
)
def test_what_only_looks_like_a_name_before_a_cue_stays(text: str, kept: str) -> None:
    out = scrub(text).text
    assert kept in out, out
