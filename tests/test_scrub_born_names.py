"""A name set off before its birth date, in scripts without capitals (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("शिकायत: गीतिका रावल (जन्म तिथि 12/03/2006) को दिल्ली ले जाया गया।", "गीतिका रावल"),
        ("گزارش: دختر جوان، نیلوفر کاظم‌زاده، متولد ۱۳۸۵، در کرج کار می‌کند.", "نیلوفر کاظم‌زاده"),
        ("புகார்: சுமதிப்ரியா வேலுசாமி, பிறந்த தேதி 04.05.2001, துபாய் சென்றார்.", "சுமதிப்ரியா வேலுசாமி"),
        ("መረጃ፡ ሰናይት ገብረኪዳን፣ የትውልድ ቀን 1992 ዓ.ም፣ ወደ ዱባይ ሄደች።", "ሰናይት ገብረኪዳን"),
        ("ਰਿਪੋਰਟ: ਹਰਮਨਜੋਤ ਢਿੱਲੋਂ, ਜਨਮ ਮਿਤੀ 03-09-2004, ਨੂੰ ਦੁਬਈ ਭੇਜਿਆ।", "ਹਰਮਨਜੋਤ ਢਿੱਲੋਂ"),
        ("အမှုမှတ်တမ်း - မနှင်းဆီဖြူ၊ မွေးနေ့ ၂၀၀၁ ခုနှစ်၊ ထိုင်းသို့ ရောက်သွားသည်။", "နှင်းဆီဖြူ"),
    ],
)
def test_a_name_before_its_birth_date_goes(text: str, gone: str) -> None:
    out = scrub(text).text
    assert gone not in out
    for word in gone.split():
        assert word not in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # whose birth it is, a birth register's number, a sentence before a birth word
        ("किशोरीको जन्म मिति २०६२ साल हो।", "किशोरीको जन्म मिति"),
        (
            "ভিকটিমের জাতীয় পরিচয়পত্র নেই, জন্ম নিবন্ধন নম্বর ২০০৮১২৩৪।",
            "ভিকটিমের জাতীয় পরিচয়পত্র নেই, জন্ম নিবন্ধন নম্বর",
        ),
        ("वह दिल्ली में एक घर में काम करती थी (जन्म 2001)।", "काम करती थी (जन्म"),
    ],
)
def test_words_before_a_birth_word_that_name_no_one_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a parent, a child, a sister or a husband named by their kin word
        ("बच्चे के पिता हरिकिशन बैठा ने शिकायत की।", "हरिकिशन बैठा", "के पिता"),
        ("ভিকটিমের পিতা নজরুল মোল্লা থানায় গেছেন।", "নজরুল মোল্লা", "পিতা"),
        ("ወ/ሮ ዘነበች ልጃቸው ሮማን ፍቅሩ በዱባይ ትገኛለች።", "ሮማን ፍቅሩ", "ልጃቸው"),
        ("அவரது மகள் தேன்மொழி சென்னையில் வேலை செய்கிறார்.", "தேன்மொழி", "மகள்"),
        # an Amharic title written short with a slash: "ወ/ሮ" (Mrs)
        ("የስልክ ጥቆማ፡ ወ/ሮ ዘውዲቱ ገብሬ ደወሉ።", "ዘውዲቱ ገብሬ", "ወ/ሮ"),
        # a place after its preposition stays: "in Addis Ababa"
        ("እህቷ ሮማን በአዲስ አበባ ትገኛለች።", "ሮማን", "በአዲስ አበባ"),
    ],
)
def test_a_name_after_a_kin_word_goes(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a name made of a word and a saint or a virtue, with the person's own name before
        ("እቲ ደላሎ ሓጎስ ገብረኪዳን ወልደሩፋኤል ይብሃል።", "ሓጎስ ገብረኪዳን ወልደሩፋኤል", "እቲ ደላሎ"),
        ("ኣብ ሊብያ ዝርከብ ሃብቶም ተስፋይ ገንዘብ ይሓትት።", "ሃብቶም ተስፋይ", "ዝርከብ"),
        # "hope" alone is a word
        ("ተስፋ ኣሎና።", "", "ተስፋ ኣሎና"),
    ],
)
def test_ethiopian_compound_names_go(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert all(word not in out for word in gone.split())
    assert kept in out
