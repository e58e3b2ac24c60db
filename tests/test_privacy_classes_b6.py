"""Classes of identifiers generalised after blind batch 6, on made-up text.

The sets in tests/data/privacy_madeup_b6_*.jsonl were written before the scrubber was
changed (none of their sentences is from a batch) and scored first as they were: addresses
3/27, names 16/26, birth dates 7/12; the holdout set after the changes, 54/58. They are
weaker evidence than a blind batch (their writer tuned the scrubber), so they guard the
classes, not the estimate for new text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from producers.intake.scrub import scrub, scrub_place
from tests.privacykit import assert_made_up_set

DATA = Path(__file__).parent / "data"
# each set: every identifier removed, and at most this share of its other words lost
SETS = {
    "privacy_madeup_b6_addresses.jsonl": 0.025,
    "privacy_madeup_b6_names.jsonl": 0.01,
    "privacy_madeup_b6_dobs.jsonl": 0.015,
    # written after the changes above and scored once before its misses were read: 54/58,
    # 3.89% of words lost (with "1987 doğumlu" then unlabelled); then tuned on (classes:
    # RT/RW, Vietnamese hamlets, a town before a Cyrillic street, Bengali titles, Swahili
    # and Turkish roles, Urdu postpositions ending a chain)
    "privacy_madeup_b6_holdout.jsonl": 0.03,
    # streets in other scripts, street words from Faker's address providers: 2/9 first
    "privacy_madeup_b6_street_scripts.jsonl": 0.026,  # 2 words; 77 since tokens keep their marks
    # written at b81fa45, scored once before its misses were read: 50/57, 1.49% lost;
    # then tuned on (Khmer units glued to the words before, declined and Arabic labels
    # with clitics, a lane off a street, Vietnamese "bản", Burmese sentence ends)
    "privacy_madeup_b6_holdout2.jsonl": 0.01,
    # addresses of 12 countries' formats, written at 07b13b4 and scored once before its
    # misses were read: 14/24 (as the scrubber before this round); then tuned on (below)
    "privacy_madeup_b6_holdout3.jsonl": 0.04,
}
# what is still missed, known: a home told only by a landmark, in text without capitals
KNOWN_MISSES = {"g19"}


@pytest.mark.parametrize("name", sorted(SETS))
def test_made_up_sets_are_scrubbed(name: str) -> None:
    assert_made_up_set(DATA / name, SETS[name], KNOWN_MISSES)


@pytest.mark.parametrize(
    "text",
    [
        "Address: she was moved from house to house, never told where.",
        "Her address: not given. She came from Accra.",
        "Адрес: неизвестен.",
        "Address of the shelter: confidential.",
        "Time: 3 pm, Venue: Accra Conference Centre.",
        "Note - the girl was 14.",
        "Adresse : inconnue. Elle a travaillé à Cotonou puis à Lomé en 2020.",
        "She worked in three districts of Phnom Penh before moving to Kampot.",
        "पता नहीं चल पाया कि वह 2022 में कहाँ गई।",
        "Score was 2+2 in 2024; 4FGH+ is no code.",
        "The 2nd Street Police Station and the Ministry received 45 reports in 2023.",
    ],
)
def test_labels_without_an_address_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # after a label and a colon, to the end of the sentence, in any script
        ("Domicilio: Barrio Los Ángeles, casa 14, Estelí. Vive con su tía.", "casa 14, Estelí"),
        ("住所：大阪府堺市北区1-2-3。", "大阪府堺市"),
        ("Anwani: Kijiji cha Mwembeni, Kata ya Bomani, Tanga.", "Mwembeni"),
        # a chain of administrative units without a label
        ("সে থাকত গ্রাম নলডাঙ্গা, উপজেলা কালিয়া, নড়াইল। পরে ঢাকায় যায়।", "নলডাঙ্গা"),
        ("ग्राम सेमरी, तहसील मऊ, जिला चित्रकूट से उसे ले जाया गया।", "सेमरी"),
        # a digital address, a floor in Roman numerals, a numbered Turkish street
        ("The girl was held at AS-044-1178, Bantama, for a month.", "Bantama"),
        ("Ze werkte op de Van Woustraat 4-II, 1073 LL Amsterdam als schoonmaker.", "Woustraat"),
        ("Adres Yıldız Mah. 2041 Sok. No:3 Daire:2, Keçiören/Ankara idi.", "Yıldız"),
        # "No." before a street with no street word, then the town
        ("They kept her at No. 7 Adeyemi Bero, Ikeja for a year.", "Adeyemi"),
        # text without capitals
        ("nakatira sila sa purok 2, brgy bagong silang, lipa, batangas ngayon", "silang"),
        # entrance, floor and flat after a Cyrillic street, and the town (Bulgarian)
        ("Тя живееше на ул. Васил Левски 14, вх. В, ет. 4, ап. 12, София, при него.", "ап. 12"),
        # Khmer units written onto the words before them; Arabic labels with clitics;
        # declined labels; a lane off a street
        ("គាត់ធ្វើការនៅភូមិព្រែកតាកូវ ឃុំព្រែកតាកូវ ក្រុងតាខ្មៅ។", "ព្រែកតាកូវ"),
        ("وعنوانها: حي الزهور، شارع الجامعة، بناية 7.", "الزهور"),
        ("Mieszkała pod adresem: ul. Lipowa 3 m. 2, Lublin.", "Lipowa"),
        ("Ia tinggal di Jl. Anggrek Gg. Mawar No. 21, Kupang.", "Anggrek"),
        # continental forms: a Czech postcode, a Nordic stairway and flat; an area named
        # before its word, then the core; a postcode after "C.P."; a lane's slash number
        ("Bydlela na adrese Korunní 810/104, 101 00 Praha 10 u majitele.", "Korunní"),
        ("Hän asui osoitteessa Hämeentie 31 A 7, 00500 Helsinki yksin.", "Hämeentie"),
        ("Found in Kirkos Sub-City, Woreda 08, House No. 512, Addis Ababa.", "Kirkos"),
        ("Domicilio: Av. Juárez #12 int. 4, Col. Centro, C.P. 44100, Guadalajara.", "44100"),
        ("Dia tinggal di No. 8, Jalan USJ 2/3, 47600 Subang Jaya bersama majikan.", "Subang"),
        # a number before the street word (Arabic); a town written first (Persian): the
        # street goes, the town stays (batch 7's writer left such towns out)
        ("كانت تقيم في ٤٥ شارع الهرم، العمرانية، الجيزة مع الأسرة.", "الهرم"),
        ("محل سکونت: مشهد، خیابان امام رضا، کوچه ۸، پلاک ۳.", "خیابان"),
        # plus codes, full and short with their town
        ("The compound is at plus code 6FR5+G3 Tamale, by the river.", "6FR5"),
        ("She was kept at 7FG8+VXR, Kumasi for weeks.", "VXR"),
    ],
)
def test_addresses_of_the_classes_go(text: str, address: str) -> None:
    assert address not in scrub(text).text


@pytest.mark.parametrize(
    "place",
    [
        "maison de Kossi Agbeko, derrière le marché, Lomé",
        "shamba la Mzee Omari Bakari, karibu na kanisa",
        "rumah Ibu Sri Wahyuni dekat sekolah",
    ],
)
def test_a_persons_home_in_a_place_field_goes_whole(place: str) -> None:
    # its town stays (team decision, 2026-12-05)
    want = "[ADDRESS], Lomé" if place.endswith(", Lomé") else "[ADDRESS]"
    assert scrub_place(place).text == want


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # inflected Slavic names: the base form is what the lists give
        ("Mieszkała u Grzegorza Lewandowskiego przez rok.", "Grzegorza"),
        ("Pracoval pro Tomáše Novotného v Plzni.", "Tomáše"),
        # a surname that touches a found name, and a list across an age
        ("The broker, Ama Serwaa Oppong Kyei, fled.", "Kyei"),
        ("Rescued were Ali Hassan (aged 13) and Dawit Lemma, both from Afar.", "Dawit"),
        # names after a cue in Khmer, Amharic, Urdu, Burmese, Korean, Vietnamese
        ("កុមារាឈ្មោះ ហេង សុភ័ក្រ អាយុ ១៤ ឆ្នាំ", "សុភ័ក្រ"),
        ("ተጎጂዋ መሰረት በቀለ ወደ ዱባይ ሄደች።", "መሰረት"),
        ("ملزم حاجی نواز شریف کو گرفتار کیا گیا۔", "نواز"),
        ("ပွဲစား ဦးမင်းထွန်း က ခေါ်သွားသည်။", "မင်းထွန်း"),
        ("용의자 최영호는 체포되었다.", "최영호"),
        ("bà trần thị mai đã bị bắt.", "mai"),
        ("dinala siya ni rosario dimaculangan sa bayan", "dimaculangan"),
        # a Vietnamese name by its middle name; kin "of" two unknown words in lower case
        ("Em bị Hà Thị Mai Anh lừa bán sang Lào.", "Mai Anh"),
        ("the wife of jumanne mkwawa sells the girls", "mkwawa"),
    ],
)
def test_names_of_the_classes_go(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Vivía en Lima y trabajaba en el ghetto di Borgo Mezzanone.",
        "Bachpan Bachao Andolan and the Labour Department will follow up.",
        "Employer Begum Shahnaz Riaz paid nothing.",
        "ተጎጂው በደላላ ተታሎ ወደ ሳዑዲ ተልኳል።",
    ],
)
def test_words_near_names_stay(text: str) -> None:
    out = scrub(text).text
    for word in ("Vivía", "Borgo", "Bachpan", "Andolan", "Begum", "ተታሎ"):
        if word in text:
            assert word in out, word


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mtoto huyu aliyezaliwa tarehe 2 Agosti 2009 alipelekwa Mombasa.", "2009"),
        ("المولودة بتاريخ 5/6/2007 وصلت إلى عمّان.", "2007"),
        ("Задержанная Ольга Петренко, 7 мая 2003 г.р., гражданка Молдовы.", "2003"),
        ("Родена е на 11.09.2006 г. във Видин.", "2006"),
        ("Rođen je 3. 2. 2004. u Mostaru.", "2004"),
        ("သူ၏ မွေးနေ့မှာ ၂၀၀၇ ခုနှစ် ဧပြီလ ၃ ရက် ဖြစ်သည်။", "၂၀၀၇"),
        # a month between a day and a year is no given name ("Mei", "Juni")
        ("Amezaliwa tarehe 4 Mei 2010 huko Arusha.", "Mei"),
    ],
)
def test_birth_dates_of_the_classes_go(text: str, date: str) -> None:
    assert date not in scrub(text).text


def test_a_handle_touching_a_particle_goes() -> None:
    assert "kim_ys88" not in scrub("브로커의 라인 ID는 kim_ys88이다.").text
