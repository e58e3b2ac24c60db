"""Scrubbing round tuned on batches 1-39 (batch 39 scored blind first: BLIND.md): the
senders of chats pasted into a summary. The texts are made up in the forms batch 39's
misses showed."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.chat_senders import chat_senders


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        (
            "Messenger\nRamesh Dai Qatar: bhai kaam cha\nसुनिल: कति लाग्छ?\nRamesh Dai Qatar: 2 lakh",
            "Dai Qatar",
        ),
        ("微信聊天记录\n阿梅姐：工作很轻松\n小花🌸：要护照吗？", "小花"),
        ("LINE\nเจ๊ติ๋ม งานญี่ปุ่น: งานนวด\nน้องฝน: กี่บาทคะ", "เจ๊ติ๋ม"),
        (
            "Zalo – nhóm việc làm\nAnh Tú Xuất Khẩu: Đơn hàng mới\nLan: bao nhiêu tiền ạ",
            "Xuất Khẩu",
        ),
        (
            "Telegram – group 'Jobs 2024'\nHR Meera (Dubai): Dear all, visa free\nKiran: how much",
            "HR Meera",
        ),
        ("[카카오톡] 대화\n하늘언니💄 : 일본 가면 돈 번다\n수진 : 정말요?", "하늘언니"),
    ],
)
def test_the_senders_of_a_pasted_chat_are_removed(text: str, sender: str) -> None:
    assert sender not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # a call about WhatsApp is no chat: its labels are roles
        "Caller: He only talks on WhatsApp.\nVolunteer: Okay.\nCaller: Yes.",
        # a chat heading above a form's fields and roles
        "WhatsApp forwarded by outreach\nLocation given: bus stand\nWorker's notes: seen twice\n"
        "Caller: thanks",
        # the heading not first: a note that quotes one line of a chat
        "Case note.\nWhatsApp\nVolunteer: called back\nOperator: referred",
    ],
)
def test_labels_that_are_roles_or_fields_are_no_senders(text: str) -> None:
    assert chat_senders(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Client name: E. Tzoc\nDOB: 05/1989\nCountry: GT",
        "Ημερομηνία γέννησης: 02/2004\nΥπηκοότητα: -",
    ],
)
def test_a_month_and_year_of_birth_in_numbers_is_removed(text: str) -> None:
    assert "/" not in scrub(text).text


def test_a_month_and_year_without_a_birth_cue_stay() -> None:
    text = "Arrived 05/2019 and worked until 11/2021 at the farm."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("He gave her a ticket that turned out to be fake, booking ref. QXJ7LM.", "QXJ7LM"),
        ("비행기표는 실장님이 끊어줄 거야. 예약번호 KX7Q2M", "KX7Q2M"),
    ],
)
def test_a_booking_reference_after_its_cue_is_removed(text: str, ref: str) -> None:
    assert ref not in scrub(text).text


def test_a_word_in_capitals_after_a_booking_cue_stays() -> None:
    text = "The booking reference AGENCY was never given."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        # exported from a phone: the time stamps make it a chat, with no heading
        (
            "[03/02/24 08:15] Mas Anto Kapal: ada kerja di Korea\n[03/02/24 08:17] Yanto: berapa?",
            "Mas Anto",
        ),
        (
            "14/06/2023, 10:02 pm - Kwame Travels: visa ready\n14/06/2023, 10:05 pm - Efua: ok",
            "Kwame",
        ),
        ("[١٣/٠٤/٢٠٢٤ ٩:٠٥ ص] أم خالد - توظيف: عندي شغل\n[١٣/٠٤/٢٠٢٤ ٩:٠٧ ص] سلمى: كم؟", "أم خالد"),
        # a sender in a script without capitals with a role in Latin letters after it
        ("Viber chat\nරුවන් මාමා - Agent: රස්සාවක් තියෙනවා\nනිමල්: කීයද?", "රුවන්"),
    ],
)
def test_the_senders_of_an_exported_chat_are_removed(text: str, sender: str) -> None:
    assert sender not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # years in brackets are a timeline, not a chat's time stamps
        "Timeline:\n[2023] Recruitment: approached in Accra\n[2024] Exploitation: 14-hour days",
        # a duty log's times before what happened
        "Duty log\n[09:30] Call received: caller upset\n[09:45] Police informed: unit sent",
    ],
)
def test_stamped_lines_that_are_no_chat_keep_their_labels(text: str) -> None:
    assert chat_senders(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a note signed after a dash at the end of its last sentence, on the same line
        ("Both girls were moved to the second house. Nobody called back. — Adaeze", "Adaeze"),
        ("वह रविवार को फ़ोन करेगी। — सुनीता (सामाजिक कार्यकर्ता)", "सुनीता"),
        ("ኣብ መዕቆቢ ይርከብ። — ዮርዳኖስ፣ ሰራሕተኛ ማሕበራዊ ጉዳይ", "ዮርዳኖስ"),
    ],
)
def test_a_signature_after_a_dash_ending_the_text_is_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


def test_a_dash_after_an_initial_in_a_subject_line_is_no_signature() -> None:
    text = "Betreff: Klientin T. – Aussagebereitschaft"
    assert "Aussagebereitschaft" in scrub(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Stimată doamnă Ciobanu,\n\nVă scriu în legătură cu fiica dumneavoastră.", "Ciobanu"),
        ("Gerb. p. Kazlauskiene,\n\nJūsų dukra yra saugi.", "Kazlauskiene"),
        ("Шановна пані Оксано,\nваша донька в безпеці.", "Оксано"),
        ("ბატონო ლევან,\n\nგწერთ თქვენი ძმის თხოვნით.", "ლევან"),
        ("Սիրելի տիկին Հակոբյան,\n\nԳրում եմ Ձեր որդու խնդրանքով։", "Հակոբյան"),
        ("جناب آقای کریمی،\nپسرتان در امان است.", "کریمی"),
        ("Dear Sheikh Faisal,\n\nThe workers are safe.", "Faisal"),
    ],
)
def test_whom_a_letters_salutation_line_addresses_is_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Dear Colleagues,\n\nPlease find attached the list.",
        "Dear Sir/Madam,\nWe write about two workers.",
        "Szanowny Panie Dyrektorze,\nw nawiązaniu do pisma.",
        "Hello team!\nUpdate below.",
        "Good morning all,\nthe van left at six.",
    ],
)
def test_a_salutation_to_a_role_or_a_group_keeps_its_words(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Vive in via delle Rose 21, al secondo piano.", "delle Rose 21"),
        ("Il habite chaussée de Louvain 402, troisième étage.", "Louvain 402"),
        ("Kwatera: ul. Fabryczna 3, pokój 7.", "pokój 7"),
        ("Ubytovna, Nádražní 1044, pokoj 9. Je nás tam šest.", "Nádražní 1044"),
        ("Живела је у Булевару краља Петра 45, стан 3.", "краља Петра 45"),
        ("Живее на ул. Христо Ботев 12, ет. 2.", "Христо Ботев 12"),
    ],
)
def test_streets_with_particles_and_their_flats_are_removed(text: str, address: str) -> None:
    assert address not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "на улици 5 људи је чекало аутобус",  # "in the street", not a street
        "She moved to the second floor last week.",  # a floor with no street
    ],
)
def test_street_and_floor_words_alone_are_no_address(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ο διακινητής, γνωστός ως «Τσίλης», κρατούσε τα διαβατήρια.", "Τσίλης"),
        ("Посредник, известен като „Шефа“, взимаше парите.", "Шефа"),
        ("Recrutorul, poreclit Bursucul, le-a luat pașapoartele.", "Bursucul"),
        ("Rekrutuesi, i njohur si Cimi, mbante pasaportat.", "Cimi"),
        ("המעסיק, קראו לו אבו סמיר, לקח את הדרכונים.", "אבו סמיר"),
        ("السائق الملقب أبو خليل، أخذ الجوازات.", "أبو خليل"),
        ("Accused no. 2 is Rajesh @ Raju, who ran the lodge.", "Raju"),
        ("The supervisor is a man the workers call Tank. He keeps the cards.", "Tank"),
    ],
)
def test_nicknames_after_their_cues_in_more_languages_are_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Everyone called Police when the van left.",
        "Most of the workers call Lagos home now.",
    ],
)
def test_what_a_group_calls_that_is_no_person_stays(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Туулган күнү: 2001-жылдын 17-июну. Ош шаарынан.", "17-июну"),
        ("Жәбірленуші 2004 жылғы 9-қазанда туған.", "9-қазанда"),
        ("Хохирогч (төрсөн 1999 оны 11 сарын 3) Улаанбаатараас.", "1999 оны 11"),
        ("जन्म मिति २०६० फागुन ५, घर सिन्धुली।", "फागुन ५"),
        ("Date of birth 3 Kartik 2049 BS, from Sindhuli.", "Kartik 2049"),
        ("জন্ম ৫ ফাল্গুন ১৪০৮, বাড়ি সিলেট।", "ফাল্গুন"),
    ],
)
def test_birth_dates_of_more_calendars_and_forms_are_removed(text: str, date: str) -> None:
    assert date not in scrub(text).text


def test_a_date_of_this_year_in_the_kyrgyz_form_stays() -> None:
    text = "Ал 2024-жылдын 5-мартында Москвага кеткен."  # left for Moscow: an event
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("The minibus, LK71 RTE, collected them at five.", "LK71 RTE"),
        ("Їздить на білому бусі КА 5521 ТО щоп'ятниці.", "КА 5521 ТО"),
        ("She was taken in a matatu KCB 442Z to Mombasa.", "KCB 442Z"),
        ("The Bolero MH12 KT 9931 belongs to the contractor.", "MH12 KT 9931"),
    ],
)
def test_vehicle_plates_of_a_telling_shape_are_removed(text: str, plate: str) -> None:
    assert plate not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "She flew on KQ 100 to Nairobi after the M25 was closed.",
        "The UK 2024 report and HR Manager 2023 notes are attached.",
    ],
)
def test_codes_that_are_no_plates_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("She met him on Discord as nightowl_k#2087, then on Snapchat.", "nightowl_k#2087"),
        ("He used the Roblox name TinyTitanX to message the boy.", "TinyTitanX"),
        ("The money went to UPI meera.jobs21@oksbi. She paid twice.", "meera.jobs21@oksbi"),
        ("[03/03/24, 09:12] Rocky Manpower: come tomorrow", "Rocky Manpower"),
        ("chat pasted: 03/03/2024, 09:12 - Rocky Manpower: come tomorrow", "Rocky Manpower"),
    ],
)
def test_game_and_payment_handles_and_one_exported_line_are_removed(text: str, handle: str) -> None:
    assert handle not in scrub(text).text


def test_a_word_before_a_numbered_hash_is_no_discord_tag() -> None:
    assert "Invoice" in scrub("See Invoice#2024 for the fees.").text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ወላጆቿ ደህና ናቸው።\n\nሰላም ታደሰ", "ታደሰ"),
        ("Hij is veilig.\n\nGroet,\nMarloes", "Marloes"),
        ("அவர் பாதுகாப்பாக இருக்கிறார்.\nஅன்புடன்,\nகலா சுப்பையா, சமூக பணியாளர்", "கலா"),
        ("She is safe and asks you not to pay.\n\nNadia Haddad", "Nadia Haddad"),
    ],
)
def test_a_letter_signed_on_its_last_line_loses_the_signature(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "We will call again.\n\nThank you",
        "We will call again.\n\nMigrant Desk",
        "Report ends.\n\nAnnex 2",
        "ወላጆቿ ደህና ናቸው።\n\nአመሰግናለሁ",
    ],
)
def test_a_last_line_that_is_no_name_stays(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chiede aiuto. Numero di Ousman: 351 284 7716.", "Ousman"),
        ("Simu ya Mzee Juma: 0754 128 396.", "Juma"),
        ("Essimu ya Nakato: 0701 552 918.", "Nakato"),
        ("Охины ээж. Болдын утас: 9911 2345.", "Болдын"),
    ],
)
def test_whose_number_a_note_gives_is_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Number of Victims: 5",
        "Number of Days: 14",
        "Contact of Police: 999",
        "Número de Teléfono: pendiente",
    ],
)
def test_a_number_of_a_thing_names_no_one(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("ცხოვრობდა მისამართზე რუსთაველის ქუჩა №12. საქმე გადაეცა.", "№12"),
        ("Jetonte në Rruga e Kavajës 88 me dy vajza.", "Kavajës 88"),
    ],
)
def test_streets_with_a_number_sign_or_an_albanian_article_are_removed(
    text: str, address: str
) -> None:
    assert address not in scrub(text).text


def test_an_organisations_role_mailbox_stays_and_a_persons_address_goes() -> None:
    text = "Referrals: referrals@harbour-trust.org.uk; caseworker: m.okafor@harbour-trust.org.uk"
    out = scrub(text).text
    assert "referrals@harbour-trust.org.uk" in out
    assert "okafor" not in out


@pytest.mark.parametrize("text", ["Write to info@gmail.com tonight.", "Mail help@yahoo.com now."])
def test_a_role_word_at_a_mail_service_is_someones_address(text: str) -> None:
    assert "@" not in scrub(text).text
