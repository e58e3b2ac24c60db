"""The round tuned on batches 1-23 with 24-25 held out (hscrub26): names in scripts
without capitals told by what stands around them. Made-up text, none from a batch; each
class with hard negatives beside it."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Ko before a name that is the subject, or what "is" says, or before an age or a paper
        ("ပွဲစားမှာ ကိုမင်းထက် ဖြစ်သည်။", "မင်းထက်"),
        ("အမျိုးသမီးကို ကိုသန်းနိုင် က ခေါ်သွားသည်။", "သန်းနိုင်"),
        ("ကိုဝေယံ (၂၃ နှစ်) ကို တွေ့သည်။", "ဝေယံ"),
        ("ကိုနေလင်း (မှတ်ပုံတင် ၉/မထလ(နိုင်)၁၂၃၄၅၆) ကို လွှဲသည်။", "နေလင်း"),
    ],
)  # fmt: skip
def test_a_burmese_name_after_ko_goes(text: str, name: str) -> None:
    """Attack: a Burmese name written onto "ကို" (Ko), with no role word before it.
    Must hold: the name is gone, the title stays."""
    out = scrub(text).text
    assert name not in out
    assert "ကို[NAME]" in out


@pytest.mark.parametrize(
    "text",
    [
        "သူ ကိုယ်တိုင် က ပြောသည်။",  # he himself said
        "လူ ကိုးယောက် က ထွက်ပြေးသည်။",  # nine people fled
        "သူ ကိုင်ထား သည်။",  # he held it
    ],
)
def test_words_opening_with_ko_stay(text: str) -> None:
    """Hard negatives: "ကို" also opens ordinary words (self, nine, hold) before a subject
    particle. Must hold: nothing is taken."""
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("상담 메모: 피해자 윤서진은 브로커 한도윤에게 속았다. 도윤의 연락처는 없다.", "도윤"),
        ("피해자 이민우와 상담. 우리는 민우 씨와 다시 만남.", "민우"),
        ("王建华被骗到工厂。建华的母亲报警。", "建华"),
        ("実習生グエン・ティ・マイ（ベトナム国籍）は帰国した。マイさんの兄が連絡した。", "マイ"),
    ],
)  # fmt: skip
def test_a_found_cjk_name_goes_again_by_its_given_name(text: str, given: str) -> None:
    """Attack: a Korean, Chinese or Japanese name found once comes back by its given name
    alone, glued to a particle or an honorific. Must hold: no mention is left."""
    assert given not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("パーティーでマイクを使った。", "マイク"),  # party, microphone: no name was found
        ("実習生グエン・ティ・マイは帰国した。マイクで話した。", "マイク"),  # a longer word
        ("피해자 이민우와 상담. 우리는 민우회 사무실에 갔다.", "민우회"),  # an association
    ],
)
def test_a_given_name_inside_another_word_stays(text: str, kept: str) -> None:
    """Hard negatives: a found name's given name as the start of a longer word of its
    own script. Must hold: that word stays."""
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("நூற்பாலையில் வேலை செய்த கவிதா (பிறந்த தேதி 21.05.2006) வீடு திரும்பினார்.",
         "கவிதா", "செய்த"),
        ("நேற்று இரவு கேரளத്തിൽ നിന്ന് കൊണ്ടുപോയ ഷീബ (ജനനം 12-06-1993) തിരിച്ചെത്തി.",
         "ഷീബ", "കൊണ്ടുപോയ"),
    ],
)  # fmt: skip
def test_the_word_before_a_birth_word_inside_a_sentence_goes(
    text: str, name: str, kept: str
) -> None:
    """Attack: a one-word name before its birth word, deep in a sentence, so that no mark
    shows where the name starts. Must hold: the last word goes, the clause before stays."""
    out = scrub(text).text
    assert name not in out
    assert kept in out


def test_a_person_word_before_a_birth_word_stays() -> None:
    """Hard negative: "a minor girl (born …)" names no one. Must hold: the words stay."""
    out = scrub("गाँव से आई एक नाबालिग लड़की (जन्म 2008) को छुड़ाया गया।").text
    assert "नाबालिग लड़की" in out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("상담 기록: 피해자 동생 강만호 연락처 없음.", "강만호"),  # read as a number and a unit
        ("영수 씨가 먼저 전화했다.", "영수"),  # a given name before "씨"
    ],
)  # fmt: skip
def test_a_korean_name_kiwi_splits_or_titles_goes(text: str, name: str) -> None:
    """Attack: a Korean name the analyser cuts into a surname, a numeral and a unit, or a
    given name alone before "씨". Must hold: the name is gone."""
    assert name not in scrub(text).text


@pytest.mark.parametrize("text", ["대표님 말씀이 있었다.", "서울시 씨름 대회가 열렸다."])
def test_a_role_before_nim_stays(text: str) -> None:
    """Hard negatives: "님" after a role (the director) and a word opening with "씨"
    (wrestling). Must hold: nothing is taken."""
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("นายหน้าชื่อ เจ๊ส้ม เบอร์โทร 081-555-0199", "ส้ม", "เบอร์โทร"),
        ("ນາຍໜ້າ ທ້າວ ຄຳແສງ ເບີໂທ 020 5555 0199.", "ຄຳແສງ", "ເບີໂທ"),
        ("ผู้เสียหายชื่อนางสาวบุษบา ทองดี เกิดวันที่ 3 มี.ค. 2547", "ทองดี", "นางสาว"),
        ("นายหน้าชื่อเจ๊ส้ม ติดต่อทางไลน์", "ส้ม", "เจ๊"),
        ("ลูกสาว (ชื่อจริง กมลวรรณ สุขสม) หายไป", "กมลวรรณ", "ชื่อจริง"),
    ],
)  # fmt: skip
def test_thai_and_lao_titles_and_phone_words_stay_beside_the_name(
    text: str, name: str, kept: str
) -> None:
    """Attack: a Thai or Lao name after "named" or a role, with its title glued on or a
    phone word after it. Must hold: the name (and its surname) goes, the title, the word
    "real name" and the phone word stay."""
    out = scrub(text).text
    assert name not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "kept", "name"),
    [
        ("Гаряча лінія: жінка з Харкова, 12.03.1990 р. н., її звуть Оксана Мельник.",
         "Харкова", "Мельник"),
        ("Дівчина з Рівного, 17 років, зникла; брат Тарас Бойко шукає її.", "Рівного",
         "Бойко"),
    ],
)  # fmt: skip
def test_a_place_after_from_in_cyrillic_stays(text: str, kept: str, name: str) -> None:
    """Attack on precision: a town or country in the genitive after "from" (з, из), which
    a capitalised-run rule takes for a name. Must hold: the place stays, the person's
    name beside it still goes."""
    out = scrub(text).text
    assert kept in out
    assert name not in out


def test_a_hebrew_name_with_a_geresh_before_its_birth_word_goes() -> None:
    """Attack: a foreign name written in Hebrew with a geresh ("צ'") before "ילידת" (born).
    Must hold: both words of the name are gone, the birth word stays."""
    out = scrub("מקלט: אישה מאוקראינה, דריה פלצ'נקו, ילידת 3.7.1993, הגיעה לישראל.").text
    assert "פלצ'נקו" not in out
    assert "דריה" not in out
    assert "ילידת" in out


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("ഏജൻസി ഉടമ ബിനോയ് തോമസ് 5 ലക്ഷം രൂപ വാങ്ങി.", "ബിനോയ്", "ഉടമ"),  # owner
        ("ઈંટના ભઠ્ઠા પર મુકાદમ કિશન રાઠવા પૈસા રાખે છે.", "કિશન", "મુકાદમ"),  # labour boss
        ("এজেন্ট হাবিবুর তার পাসপোর্ট রেখে দিয়েছে।", "হাবিবুর", "এজেন্ট"),  # agent
        ("ਸ਼੍ਰੀਮਤੀ ਹਰਜੀਤ ਕੌਰ ਨੇ ਸ਼ਿਕਾਇਤ ਕੀਤੀ।", "ਹਰਜੀਤ", "ਸ਼੍ਰੀਮਤੀ"),  # Mrs
    ],
)  # fmt: skip
def test_an_indic_title_or_role_names_the_person_after_it(text: str, name: str, kept: str) -> None:
    """Attack: a name after a title or a labour-brokering role in Malayalam, Gujarati,
    Bengali and Gurmukhi, with no capital to mark it. Must hold: the name goes, the
    title or role stays."""
    out = scrub(text).text
    assert name not in out
    assert kept in out
