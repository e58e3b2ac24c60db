"""Scrubbing round tuned on batches 1-38 (batch 38 scored blind first: BLIND.md):
transcripts of calls and interviews, where numbers, dates and addresses are said in words.
The texts are made up in the forms batch 38's misses showed."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.name_called import called_quoted
from producers.intake.scrubbing.spoken_numbers import written_number_at


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # digits said one by one, in groups, with a correction or a repeat
        ("Caller: his number is nueve cuatro uno, dos cero siete, treinta y seis, doce.", "siete"),
        ("Caller: उसका नंबर नौ आठ सात दो, पाँच चार दो, तीन शून्य छह... नहीं, तीन शून्य आठ।", "आठ"),
        ("Caller: mobile is oh-seven-seven, double-four, one-nine-three, double-oh-two.", "three"),
        ("Rozmówca: Plus czterdzieści osiem, sześć, dwadzieścia dwa, osiemnaście, trzy.", "sześć"),
        (
            "Hívó: plusz negyvenegy, hetvenkilenc, négyszáztizennyolc, huszonkettő, hatvan.",
            "hatvan",
        ),
        ("— Восемь, девятьсот шестьдесят пять, триста двенадцать, сорок, семьдесят семь.", "сорок"),
        ("Mpigaji: Sifuri saba mbili tatu, nne tano moja, sita nane sifuri.", "nane"),
        ("Penelepon: Kosong satu dua, tiga lapan lima, sembilan dua kosong satu.", "lapan"),
        ("Caller: nau aath, chha ek, nau nau, saat teen, aath paanch.", "paanch"),
        ("Qo'ng'iroq: Plyus yetti, to'qqiz yuz o'n besh, uch yuz qirq bir, o'n sakkiz.", "sakkiz"),
        (
            "Թիվը՝ Պլյուս ինը յոթ մեկ, հիսուն, չորս հարյուր տասնութ, քսաներկու, իննսունմեկ։",
            "քսաներկու",
        ),
        (
            "Telefonuesja: plus katërdhjetë e katër, shtatë, katër, tre, dy, nëntë, tetë, një.",
            "katërdhjetë",
        ),
        ("答：他的电话是一三九，五五一二，八零四七。", "五五一二"),
        # a document number with its letters spelled before it
        ("Caller: passport is W, W for water, teen chaar saat, do nau ek, paanch.", "water"),
        ("Worker: PA, P for Pokhara, zero nine three, four four, one two.", "Pokhara"),
    ],
)
def test_a_number_said_in_words_is_removed(text: str, said: str) -> None:
    assert said not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # amounts, ages and counts said in words identify no one
        "She paid two hundred and fifty thousand pesos, then another forty-five thousand.",
        "The girls were twenty-one, twenty-three, nineteen and seventeen years old.",
        "Nos pagaban ciento veinte euros por semana, a veces cincuenta, a veces setenta.",
        "Им обещали тысячу долларов, а платили двести, триста в месяц.",
        "They worked from six to ten, then from two to nine, seven days a week.",
    ],
)
def test_amounts_and_ages_in_words_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a date of birth said in words, after its cue or as the answer to a question
        ("Caseworker: Date of birth?\nCaller: Third of November two thousand and six.", "November"),
        (
            "Operadora: ¿Su fecha de nacimiento?\nLlamante: El once de febrero del dos mil cinco.",
            "febrero",
        ),
        ("— Дата рождения?\n— Двадцать девятое сентября двухтысячного.", "сентября"),
        ("Konselor: Kamu lahir kapan?\nAnak: Tujuh belas Agustus dua ribu tujuh.", "Agustus"),
        (
            "Q: And your date of birth?\n[Interpreter: He says the twelfth of August, 2007.]",
            "August",
        ),
        ("Wanjiru: born fourteenth June, ninety-six, in Nyeri.", "ninety"),
        (
            "Tổng đài viên: Cháu sinh ngày nào chị?\nNgười gọi: Hai mươi tháng mười, năm 2006.",
            "2006",
        ),
        ("الموظفة: شو تاريخ ميلاد بنتك؟\nالمتصلة: ١٤ شباط ٢٠٠٦.", "شباط"),
    ],
)
def test_a_birth_date_said_in_words_is_removed(text: str, said: str) -> None:
    assert said not in scrub(text).text


def test_a_date_said_without_a_birth_cue_stays() -> None:
    text = "Q: When did you arrive?\nA: The twelfth of August, 2019, by bus."
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Caller: Yes, it's k, dot, mensah, eighty-eight, at yahoo dot com.", "mensah"),
        ("Rozmówca: Albo mejl: mirek kropka kacz, małpa, wp kropka pl.", "kacz"),
    ],
)
def test_an_email_said_in_words_is_removed(text: str, said: str) -> None:
    assert said not in scrub(text).text


def test_a_place_said_at_a_domain_is_no_email() -> None:
    text = "Then they looked at home dot com listings for rooms."
    assert "looked" in scrub(text).text


@pytest.mark.parametrize(
    ("text", "ordinal", "value"),
    [
        ("treinta y tres", False, 33),
        ("négyszáztizennyolc", False, 418),
        ("dos mil cinco", False, 2005),
        ("dwudziestego trzeciego", True, 23),
        ("двухтысячного", True, 2000),
        ("twenty-third", True, 23),
    ],
)
def test_numbers_written_in_words_are_read(text: str, ordinal: bool, value: int) -> None:
    assert written_number_at(text, 0, ordinal) == (value, len(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the answer to a question asking for a name, and the name said again
        ("Operator: Your niece's name?\nCaller: Efua Ansah. She is twenty-two.", "Efua"),
        (
            "Konsultant: Ismingiz nima?\nQo'ng'iroq: Sherzod. Sherzod Karimov. Samarqanddanman.",
            "Karimov",
        ),
        ("ሓታቲ፦ ሽምኪ መን እዩ?\nተሓታቲት፦ ሰላም። ሰላም ተኽለ።", "ተኽለ"),
        ("Inspektorka: Jak se jmenujete?\nPracovník: Batbayar. Batbayar Ganbold.", "Ganbold"),
        ("— اسم کاملت؟\n— ملالی. ملالی احمدزی. مادرم صدایم می‌کرد.", "احمدزی"),
        # a staff member named beside a speaker label, in a transcript of turns
        ("Кеңешчи (Айжан): Атыңыз ким?\nЧалуучу: Бермет.", "Айжан"),
        ("ጠያቂ (ሄለን)፦ ስምሽ ማን ነው?\nተጠያቂ፦ መሠረት።", "ሄለን"),
        # a name spelled letter by letter
        ("Caller: Efua. E-F-U-A.", "E-F-U-A"),
        ("Brian: Brian Otieno Ochieng. Oh-C-H-I-E-N-G.", "C-H-I"),
    ],
)
def test_a_name_told_in_a_transcript_is_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a name asked of a business, an answer that gives none, a refusal
        ("Q: What's the agency's name?\nA: Gulf Star Recruitment. In Doha.", "Gulf Star"),
        ("Operator: And your name?\nCaller: Please, I'd rather not say.", "rather not"),
        ("الموظف: ممكن اسمك؟\nالمتصل: وعليكم السلام. ما أبغى أعطي اسمي.", "أعطي"),
        # a note's heading names its place, not a person
        ("Embassy note (Beirut): worker called twice.\nFollow-up: shelter.", "Beirut"),
        ("Interviewer (Freetown NGO): Tell me more.\nA: We walked.", "Freetown"),
        # acronyms with hyphens are no spelled names
        ("The IOM-UNHCR joint team met at the port.", "IOM-UNHCR"),
    ],
)
def test_what_a_transcript_says_that_is_no_name_stays(text: str, kept: str) -> None:
    assert kept in scrub(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a quoted name beside the words that say someone is called by it
        ('Caller: I think her name is Kumari, the family calls her "Kumi".', "Kumi"),
        ('P: Bueno, aquí en el club me decían "Lola".', "Lola"),
        ('— Anisa Meta. Ardit më thërret „Nisi".', "Nisi"),
        ('উত্তর: বাড়িতে "রুমি" ডাকে।', "রুমি"),
        ('答：他们在园区里叫我"小李"。', "小李"),
        ("お店では「ミキ」と呼ばれていたそうです。", "ミキ"),
        # who took or wrote the call, alone on its line
        ("[Helpline call, Romanised as spoken; operator: Bishnu]\nCaller: Hello", "Bishnu"),
        ("Ficha de atendimento.\nAtendeu: Inês.", "Inês"),
        ("Intervista. Mediatore culturale: Harjit.\nLavoratore: ok", "Harjit"),
    ],
)
def test_a_name_someone_is_called_or_signs_with_is_removed(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dealing on what officers call the 'Dizzy' line across the county.", "Dizzy"),
        ('Was Told By The Office To "Be Patient" and call back.', "Patient"),
        ('Trainer: "It\'s a page that calls itself an agency."', "It's"),
        ("Operator: How can I help you today?\nCaller: my sister.", "How can I help"),
        ("Petugas: Nomor HP Bapak?\nPenelepon: Ada.", "Nomor HP"),
    ],
)
def test_quotes_and_staff_lines_that_name_no_one_stay(text: str, kept: str) -> None:
    assert kept in scrub(text).text


def test_a_quoted_name_of_a_place_or_group_is_no_nickname() -> None:
    assert called_quoted('The area is called "Little Manila" by the workers.') == []
    assert called_quoted('Their gang was called "Black Axe" in the camp.') == []
