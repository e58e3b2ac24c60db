"""The round tuned on batches 1-21 (hscrub22): person-naming cues over word lists, a role
before a dash or a copula, more titles and naming phrases, capitals of Latin Extended
Additional, an age in two words, counts the learned recogniser took for addresses, "di"
before a town, cues in scripts without capitals. Made-up text, none from a batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.learned import counted
from producers.intake.scrubbing.lexicon import lexicon
from producers.intake.scrubbing.name_quoted_middle import quoted_middles
from tests.privacykit import assert_linear


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a person said to be named so: a country or a word of another list names there
        ("The driver, a man called Jordan, kept the keys.", "Jordan"),
        # a role before a dash or a copula
        ("Хозяйка — Людмила, тел. не указан.", "Людмила"),
        ("The recruiter was Kestutis Vaitkus, according to the file.", "Kestutis"),
        # titles of French, English, Polish, Somali and Oromo
        ("Le patron est Monsieur Abou à Bouaké.", "Abou"),
        ("Recruiter: Ma'am Liza of the agency.", "Liza"),
        ("Pracodawca, pani Grażyna, zabrała paszport.", "Grażyna"),
        # roles of more languages before a name set off by commas or a dash
        ("Un lavoratore, Gurpal, ha mostrato il contratto.", "Gurpal"),
        ("Водитель — Ашот, охранник не назван.", "Ашот"),
        ("Вербувальниця представилась як Леся, номер не відомий.", "Леся"),
        # Somali "who is called", Portuguese "a certain"
        ("Wiil la yiraahdo Cabdiweli ayaa la geeyay Bosaso.", "Cabdiweli"),
        ("Foi levada por um tal Dinho para o garimpo.", "Dinho"),
        # a capital of Latin Extended Additional opens a word of a name; an age in two words
        ("Ẹ̀rí: Ṣọlá Adébáyọ̀, ọmọ ọdún 15, ni wọ́n gbé lọ.", "Adébáyọ̀"),
        ("Ẹ̀rí: Ṣọlá Adébáyọ̀, ọmọ ọdún 15, ni wọ́n gbé lọ.", "Ṣọlá"),
        # scripts without capitals: Persian "named", Hindi labourer, Georgian "named" before
        # and Armenian "by the name" after, Sinhala "the woman"
        ("پسری به اسم کامران در کارگاه کار می‌کند.", "کامران"),
        ("मजदूर सुरेश का आधार कार्ड मालिक के पास है।", "सुरेश"),
        ("კაცი, სახელად ლევანი, პასპორტს ინახავს.", "ლევანი"),
        ("Գագիկ անունով մի մարդ տարել է անձնագիրը։", "Գագիկ"),
        ("ඇමතුම් දුන් කාන්තාව කුමාරි ය.", "කුමාරි"),
    ],
)  # fmt: skip
def test_the_name_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "di" (in, at) before a town is no particle of the name before it
        ("Korban direkrut oleh Pak Wahyu di Batam.", "di Batam"),
        # a role and a copula before a firm's name in lower case words: no cue
        ("Her employer is a Kenya Airways contractor in Nairobi.", "Kenya Airways"),
        # a count is no address
        ("La línea recibió 340 denuncias en 2024 y 58 casos fueron judicializados.",
         "340 denuncias"),
        # a verb after a Persian title is no family name
        ("پاسپورتش را آقای رضا گرفته است.", "گرفته"),
    ],
)  # fmt: skip
def test_the_words_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("span", "is_count"),
    [
        ("147 recibió 212 llamadas", True),
        ("37 municípios", True),
        ("Присутні 22 особи", True),
        ("La Línea 1818 recibió 212 llamadas", True),  # capitals opening the span only
        (" Waathirika 26 waliokolewa kati", True),  # as a sentence cut leaves it
        ("12 workers from Nepal", True),  # a known country in a count
        ("9 referrals, 4 NRM", True),  # an acronym
        ("umar 10-14 saal", True),  # a range
        ("Storgatan 19, lgh 1102", False),  # a street in capitals
        ("Булевар ослобођења 77, стан 12", False),
        ("ул. Советская, д. 21, стр. 3", False),  # a street word
        ("١٤ شارع الترعة", False),
    ],
)  # fmt: skip
def test_a_count_is_told_from_an_address(span: str, is_count: bool) -> None:
    assert counted(span) is is_count


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a home told by a public landmark, with the parts after it that go on placing it
        ("She was kept at the green house behind the Bilal mosque near Kisekka market, "
         "Kampala, before the flight.", "Kisekka", "before the flight"),
        ("They slept in a tin shack near the bus stand, Kibera, and worked in town.",
         "Kibera", "worked in town"),
        ("Elle logeait dans la chambre derrière la pharmacie du Plateau, Cocody.",
         "Cocody", "Elle logeait"),
        # a short word with no capitals before a dot and a number is an abbreviation in a
        # labelled address ("No. 17"), so the address goes on to its town
        ("ಮನೆ ವಿಳಾಸ: ನಂ. 42, 2ನೇ ಕ್ರಾಸ್, ಗಾಂಧಿ ಬಡಾವಣೆ, ಮೈಸೂರು 570001.", "570001", "ಮನೆ ವಿಳಾಸ"),
        # Greek street words in lower case; Central Asian house words
        ("Κρατούνταν σε διαμέρισμα στην οδό Πατησίων 88, Αθήνα, από τον ύποπτο.",
         "Πατησίων", "από τον ύποπτο"),
        ("Суроға: н. Ваҳдат, деҳаи Симиганҷ, кӯчаи Айнӣ, хонаи 9", "Айнӣ", "Суроға"),
        # address labels of Gujarati and Malayalam ("house:")
        ("સરનામું: 14, સહજાનંદ સોસાયટી, નરોડા, અમદાવાદ 382330.", "382330", "સરનામું"),
        ("വീട്: പാലക്കൽ ഹൗസ്, ചെറായി പി.ഒ., എറണാകുളം 683514. ഏജന്റ് മുങ്ങി.", "683514", "വീട്"),
    ],
)  # fmt: skip
def test_the_home_goes(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    "text",
    [
        "The house near the river was searched by police.",
        "He rented a house near Kumasi last year.",  # a town alone names no home
        "She came home by Friday and said nothing.",
        "Amir's flat above the barber shop was let to three men.",  # an owner's home
    ],
)
def test_a_home_without_a_public_landmark_stays(text: str) -> None:
    assert "[ADDRESS]" not in scrub(text).text


def test_landmark_homes_stay_linear_on_hostile_text() -> None:
    """A home and a landmark repeated: each is read once, in bounded windows."""

    junk = "house near the mosque, Ab, " * 400
    assert_linear(junk)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # Burmese: a name written onto U or Daw, then a space; a glued particle stays
        ("ပွဲစား ဦးမြင့်ဆွေ ဖုန်း မရှိ။", "မြင့်ဆွေ", "ဦး"),
        ("အလုပ်သမား ကိုထွန်းထွန်း (အသက် ၂၂) ကို ခေါ်သွားသည်။", "ထွန်းထွန်း", "အလုပ်သမား"),
        # Hebrew: the suspect, "at (someone's)"; Pashto: the smuggler, the haji title
        ("החשוד, דני כהן, נעצר אתמול.", "דני", "נעצר"),
        ("היא עבדה אצל משה לוי במושב.", "משה", "במושב"),
        ("قاچاقبر حاجي ګل اغا له لارې ایران ته یوړل شول.", "اغا", "له لارې"),
    ],
)  # fmt: skip
def test_the_name_goes_its_particle_stays(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a name set off before its identity document in a bracket, scripts without capitals
        ("उजुरी: हरि थारु (नागरिकता नं. 12-01-74-05512) लाई पठायो।", "थारु", "उजुरी"),
        ("புகார்: முத்து செல்வம் (NIC 199012345678) வேலை இழந்தார்.", "செல்வம்", "புகார்"),
        # the role and its adjective of origin before the name stay
        ("העובד התאילנדי סומצאי (דרכון AA1234567) עבד ללא שכר.", "סומצאי", "התאילנדי"),
    ],
)  # fmt: skip
def test_a_name_before_its_document_goes(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a quoted nickname between the parts of a name: the name goes whole
        ("The foreman Pieter 'Oom Piet' van Wyk kept the passports.", "van Wyk"),
        ("Recruiter Tunde 'Boss' Adeyemi called from Lagos.", "Boss"),
        ("რეკრუტერი — ზურაბ „ზუკა“ ბერიძე, ტელ. 555.", "ზუკა"),
    ],
)
def test_a_name_with_a_quoted_nickname_goes_whole(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Operation 'Kestrel' Team visited the site.",  # a word and an institution
        "प्लेसमेंट एजेंसी का मालिक 'बबलू भैया' है।",  # a role before the quotes
    ],
)
def test_quotes_between_words_that_are_no_name_stay(text: str) -> None:
    # (another rule reads "'Kestrel' Team" as a quoted nickname, as it did before)
    assert quoted_middles(text, lexicon()) == []


def test_quoted_middles_stay_linear_on_hostile_text() -> None:
    junk = "Ab 'cd' Ef 'gh' " * 300
    assert_linear(junk)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a Thai or Lao nickname after a kin title glued on; sibling words and verbs stay
        ("ถูกชักชวนโดย เจ๊หน่อย ผ่านไลน์", "หน่อย", "เจ๊"),
        ("ນາຍໜ້າແມ່ນ ເອື້ອຍຄຳ ຢູ່ວຽງຈັນ", "ຄຳ", "ເອື້ອຍ"),
        ("เธออยู่กับพี่สาว ที่ระยอง", "", "พี่สาว"),
        ("ไลน์ไอดีของเจ๊คือ abc", "", "คือ"),
    ],
)  # fmt: skip
def test_a_thai_nickname_after_its_title_goes(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert not gone or gone not in out
    assert kept in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # identity numbers whose letters the number rules do not read
        ("မှတ်ပုံတင် ၉/မထလ(နိုင်)၁၂၃၄၅၇ ကို ယူထားသည်။", "၁၂၃၄၅၇"),
        ("Регистрийн дугаар ДА88021517, утас байхгүй.", "88021517"),
        ("Паспорт ЕН 302117 забрали.", "302117"),
        ("Ο ύποπτος, ΑΔΤ ΑΒ 771204.", "771204"),
        ("Паспорт серия 4609 № 551207 у работодателя.", "551207"),
        # a number in a bracket glued to a word; a long number after the IMO messenger
        ("외국인등록증(880314-5123456)을 사장이 보관 중.", "5123456"),
        ("Broker's IMO 9779801234567, no other contact.", "9779801234567"),
        ("Contact via imo +977 9841 223 344.", "223 344"),
        # a handle after a platform's name in Thai or Lao
        ("ติดต่อผ่านไลน์ไอดี mai.jobs99 เท่านั้น", "mai.jobs99"),
        ("ຕິດຕໍ່ທາງ ເຟສບຸກ kham.work.la ເທົ່ານັ້ນ", "kham.work.la"),
        # Ethiopian calendar dates after a birth word, in Ge'ez and Latin letters
        ("ተጎጂዋ፣ የትውልድ ቀን 1991 ዓ.ም. ሰኔ 3። ደላላው ወሰዳት።", "ሰኔ 3"),
        ("Worker born 3 Ginbot 1991 E.C. in Jimma.", "Ginbot"),
        # whole dates of other scripts' forms with a year of the span of lives
        ("ជនរងគ្រោះ កើតថ្ងៃទី ០៤ ខែកញ្ញា ឆ្នាំ២០០៧ ត្រូវបាននាំទៅ", "កញ្ញា"),
        ("Wọ́n bí i ní ọjọ́ kejì oṣù kẹsàn-án ọdún 2006 ní Ọ̀yọ́.", "kejì"),
        ("Хохирогч (төрсөн 2000 оны 3-р сарын 9) Солонгос руу явсан.", "сарын 9"),
        ("قرباني (زېږېدنه ۱۳۸۴/۰۷/۲۰) ایران ته وړل شوی.", "۱۳۸۴"),
        ("تاريخ ميلادها ١٤٢٠/٠٣/٠٩هـ حسب الإقامة.", "١٤٢٠"),
    ],
)  # fmt: skip
def test_the_document_or_birth_date_goes(text: str, gone: str) -> None:
    assert gone not in scrub(text).text


def test_a_ships_number_stays() -> None:
    assert "IMO 9123456" in scrub("The vessel (IMO 9123456) docked in Durban.").text


@pytest.mark.parametrize(
    "text",
    [
        "جلسه در تاریخ 1403/02/11 برگزار شد.",  # a Solar Hijri date of this year: an event
        "Case opened 2024/05/12 at the office.",
    ],
)
def test_a_recent_date_in_numbers_stays(text: str) -> None:
    assert "[DOB]" not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a name set off by commas after the words for a person, Arabic script
        ("دختر افغان، مریم حسینی، متولد ۱۳۸۵ در مشهد کار می‌کند.", "حسینی", "متولد"),
        ("شاب سوري، خالد العمر، محتجز في مستودع.", "خالد", "محتجز"),
        ("ابنة خالتها سلمى، عمرها 14 سنة، زُوّجت.", "سلمى", "عمرها"),
        # after "her name is" a common word is a name too ("نور": light)
        ("فتاة عمرها 15 سنة، اسمها نور الشامي، زُوّجت قسراً.", "نور", "اسمها"),
    ],
)  # fmt: skip
def test_an_arabic_script_appositive_goes(text: str, gone: str, kept: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert kept in out


def test_a_clause_between_commas_after_a_person_stays() -> None:
    text = "شاب سوداني، يعمل في مخزن، لم يتقاض أجره."
    assert "يعمل في مخزن" in scrub(text).text
