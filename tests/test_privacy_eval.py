"""The privacy evaluator on hand-made records, the scrubber's behaviours, and the blind batches."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from producers.intake import privacy_eval as pe
from producers.intake.scrub import scrub, scrub_place
from producers.intake.submission import Submission, parse, to_incident
from tests.privacykit import assert_linear
from tests.test_intake_rules import valid


def _rec(text: str, *idents: tuple[str, str], field: str = "summary") -> pe.Record:
    return pe.Record("r", field, "en", text, tuple(pe.Identifier(k, t) for k, t in idents))


def test_removed_means_no_exact_text_and_no_token_of_three_or_more() -> None:
    r = _rec("Call Jo Lopez on +1 555 0100 in Calle Mayor 12.", ("name", "Jo Lopez"))
    ctx = pe.context_tokens(r)
    ident = r.identifiers[0]
    assert not pe.removed(ident, r.text, ctx)  # untouched
    assert not pe.removed(ident, "Call [NAME] Lopez on", ctx)  # a surname survives
    assert pe.removed(ident, "Call Jo [NAME] on", ctx)  # "Jo" is shorter than 3
    assert not pe.removed(ident, "call jo lopez", ctx)  # case does not hide it
    assert pe.removed(ident, "Call [NAME] on", ctx)


def test_a_token_that_also_occurs_in_ordinary_text_is_not_a_leak() -> None:
    r = _rec("Calle Mayor 12 is on the calle by the market.", ("address", "Calle Mayor 12"))
    ctx = pe.context_tokens(r)
    assert pe.removed(r.identifiers[0], "[ADDRESS] is on the calle by the market.", ctx)
    assert not pe.removed(r.identifiers[0], "Calle [ADDRESS] is on the calle by", ctx)


def test_score_counts_per_kind_and_words_lost() -> None:
    records = [
        _rec(
            "Ana Lopez, born 3 May 1999, works in Lima.",
            ("name", "Ana Lopez"),
            ("dob", "3 May 1999"),
        ),
        _rec("Write to ana@example.org today.", ("email", "ana@example.org")),
    ]
    outputs = ["[NAME], born 3 May 1999, works in [NAME].", "Write to [EMAIL] today."]
    s = pe.score(records, outputs).summary()
    assert (s["identifiers"], s["removed"]) == (3, 2)
    assert s["per_kind"]["name"] == {"planted": 1, "removed": 1, "removed_share": 1.0}
    assert s["per_kind"]["dob"]["removed"] == 0
    # ordinary words: born works in Lima / Write to today = 7; "Lima" was lost
    assert (s["words"], s["words_lost"]) == (7, 1)
    assert s["words_lost_share"] == round(1 / 7, 4)


def test_records_are_checked_without_repeating_their_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    line = {
        "id": "x",
        "field": "summary",
        "text": "secret words",
        "identifiers": [{"kind": "name", "text": "Someone Else"}],
    }
    bad.write_text(json.dumps(line) + "\n")
    with pytest.raises(ValueError, match="not a substring") as err:
        list(pe.read_records(bad))
    assert "Someone" not in str(err.value)
    assert "secret" not in str(err.value)


def test_place_records_are_scrubbed_as_intake_scrubs_a_place() -> None:
    name = "near +234 803 123 4567"
    sub = parse(valid(exploitation_places=[{"country": "NG", "name": name}]))
    assert isinstance(sub, Submission)
    record = to_incident(sub, org_id="o", submitted_at=datetime.now(UTC), incident="i")
    stored = record["exploitation_places"][0]["name"]
    assert stored == scrub_place(name).text == pe.scrub_field(_rec(name, field="place"))


def test_shipped_batches_are_found() -> None:
    # a newer batch may ship before it is scored blind: it has no floor yet, and no test
    # scrubs it (its first score must be the blind one, recorded in BLIND.md)
    assert set(FLOORS) <= {p.name for p in pe.batches()}


def test_the_command_prints_numbers_and_text_only_when_asked(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tahub.cli import cli

    batch = tmp_path / "tiny.jsonl"
    line = {
        "id": "t-1",
        "field": "summary",
        "lang": "en",
        "text": "Write to secret.person@example.org about the job, qwzxv knows.",
        "identifiers": [
            {"kind": "email", "text": "secret.person@example.org"},
            {"kind": "name", "text": "qwzxv"},  # no cue, no capital: a miss
        ],
    }
    batch.write_text(json.dumps(line) + "\n")
    args = ["privacy", "evaluate", "--file", str(batch)]
    quiet = CliRunner().invoke(cli, [*args, "--json"])
    assert quiet.exit_code == 0, quiet.output
    result = json.loads(quiet.output)["tiny.jsonl"]
    assert (result["identifiers"], result["removed"], result["words_lost"]) == (2, 1, 0)
    assert "qwzxv" not in quiet.output
    assert "Write" not in quiet.output
    loud = CliRunner().invoke(cli, [*args, "--show-misses"])
    assert loud.exit_code == 0, loud.output
    assert "qwzxv" in loud.output


# --- the scrubber's behaviours (made-up text, not from the labelled batches) -------------


# the towns and districts an address's line names stay (team decision of 2026-12-05):
# what is left of each address that names one, its street, house and postcode scrubbed
TOWNS_LEFT = {
    "Flat 4, 17 Bramley Road, Leeds LS6 2QT": "[ADDRESS], Leeds [ADDRESS]",
    "8 rue des Rosiers, 75004 Paris": "[ADDRESS] Paris",
    "Hauptstraße 12, 10115 Berlin": "[ADDRESS] Berlin",
    "H.No. 12-5-88, Sector 4": "[ADDRESS], Sector 4",
    "14B, 3rd Cross Road, Koramangala, Bengaluru 560034": "[ADDRESS], Koramangala, Bengaluru [ADDRESS]",  # noqa: E501
    "Via Roma 12, scala B, interno 7, 80100 Napoli": "[ADDRESS] Napoli",
    "22 Akin Adesola Street, off Bishop Aboyade road, Ikoyi, Lagos": "[ADDRESS], Ikoyi, Lagos",
    "Building 7, Way 2214, Al Khuwair, Muscat": "[ADDRESS] Khuwair, Muscat",
    "calle Sol 15, esquina Luna, Vedado, La Habana": "[ADDRESS], Vedado, La Habana",
    "Kebele 05, House No. 112, Bahir Dar": "[ADDRESS], Bahir Dar",
    "ул. Мира, д. 15, кв. 8, Казань": "[ADDRESS], Казань",
    "Apto 302, Calle 45 # 12-30, Barrio El Prado, Barranquilla": "[ADDRESS], Barranquilla",
    "Km 12 Carretera a Masaya, Managua": "[ADDRESS], Managua",
    "Jl. Mawar Gg. 3 No. 7, Kel. Sukamaju, Depok": "[ADDRESS], Kel. Sukamaju, Depok",
    # districts and provinces by their unit's word, a town after its postcode (2026-12-06)
    "서울특별시 강남구 테헤란로 152": "서울특별시 강남구 [ADDRESS]",
    "Jl. Melati No. 12, RT 03/RW 05, Kel. Cempaka": "[ADDRESS], Kel. Cempaka",
    "hameau de Kerlouan, 29890 Plouescat": "[ADDRESS] Plouescat",
    "Calle Mayor 5, 3º izda, 28013 Madrid": "[ADDRESS] Madrid",
    "quartier Hamdallaye, rue 245, porte 112, Bamako": "[ADDRESS], Bamako",
    "3-chome 5-10 Nishi-Shinjuku, Shinjuku-ku, Tokyo": "[ADDRESS], Shinjuku-ku, Tokyo",
    "Gangnam-daero 396, Gangnam-gu, Seoul": "[ADDRESS], Gangnam-gu, Seoul",
    "Apto 5B, Edificio Mirador, Av. Libertador 2200, Caracas": "[ADDRESS], Caracas",
    "2nd floor, 45 MG Road, Bengaluru, Karnataka 560001": "[ADDRESS], Bengaluru, Karnataka [ADDRESS]",  # noqa: E501
    "Mariahilfer Straße 45/3, 1060 Wien": "[ADDRESS] Wien",
    "Plot 22, Mbezi Beach, Dar es Salaam": "[ADDRESS], Mbezi Beach, Dar es Salaam",
    "Hay al-Nasim, Shari 15, Riyadh": "[ADDRESS], Riyadh",
    "Labour Camp 4, Street 12, Industrial Area, Doha": "[ADDRESS], Industrial Area, Doha",
    "Mustamäe tee 71 korter 12, Tallinn": "[ADDRESS], Tallinn",
    "Strandvegen 12, 2. etasje, Tromsø": "[ADDRESS], Tromsø",
    "Dalvegi 16, Kópavogur": "[ADDRESS], Kópavogur",
    # a big town that is a common word too, a compass quarter, a postcode after a town
    # (2026-12-06, one reading of towns: ``address_lines``)
    "off Ring Road, near the Shell station, Tema": "[ADDRESS], Tema",
    "Gang Melati No. 4, Jakarta Selatan": "[ADDRESS], Jakarta Selatan",
    "Block 12, #04-33, Jurong West St 41, Singapore 640412": "[ADDRESS], Singapore [ADDRESS]",
}


@pytest.mark.parametrize(
    "address",
    [
        "Flat 4, 17 Bramley Road, Leeds LS6 2QT",
        "12B Kingfisher Close",
        "Avenida Paulista 1578, apto 42",
        "Calle del Pez 9, 2ºA",
        "8 rue des Rosiers, 75004 Paris",
        "12/3 Moo 4, Tambon Ban Pho",
        "PO Box 20512",
        "No. 15 Jalan Ampang 2",
        "Hauptstraße 12, 10115 Berlin",
        "ul. Długa 44/2",
        "Rua Augusta, 210",
        "3400 Bissonnet St, Houston, TX 77005",
        # Nordic and Baltic streets, flats and floors (Finnish stair and flat "B 17")
        "Tikkurilantie 44 B 17",
        "Mustamäe tee 71 korter 12, Tallinn",
        "Strandvegen 12, 2. etasje, Tromsø",
        "Dalvegi 16, Kópavogur",
        # a named labour camp with its block, Maltese, Lingala, Albanian and Vietnamese
        "Al Reem Labour Camp, Block 11, Room 6",
        "Triq il-Kbira, numru 45, flat 3",
        "balabala Kimbondo numéro 27",
        "Rrugën Justin Godart, pallati 12, shk. 2, ap. 8",
        "số nhà 15, ngõ 42, phố Tô Hiệu",
    ],
)
def test_street_addresses_go(address: str) -> None:
    out = scrub(f"She stayed at {address} for months.").text
    assert out == f"She stayed at {TOWNS_LEFT.get(address, '[ADDRESS]')} for months.", out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("born 4 March 1997 in Lagos", "born [DOB] in Lagos"),
        ("née le 2 mai 2001 à Dakar", "née le [DOB] à Dakar"),
        ("nacida el 3 de marzo de 1999", "nacida el [DOB]"),
        ("nascida em 12/08/2003", "nascida em [DOB]"),
        ("DOB: 07.11.1994 (est.)", "DOB: [DOB] (est.)"),
        ("DOBs 1 Feb 2000 / 3 Feb 2000", "DOBs [DOB]"),
        ("sinh ngày 12/03/2005 ở Lào Cai", "sinh ngày [DOB] ở Lào Cai"),
        ("doğum tarihi 05.06.2004", "doğum tarihi [DOB]"),
        ("дата рождения 01.02.2003", "дата рождения [DOB]"),
        ("ipinanganak noong 3 March 2004", "ipinanganak noong [DOB]"),
    ],
)
def test_dates_of_birth_go_after_their_cue(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "text",
    [
        "Raided on 6 June 2024 and again on 2025-01-09; 14 women, USD 45000, GBP 41,200.",
        "Moved along the BR-116 and the N7, then flew IB6830 to Madrid in the 1990s.",
        "Police in Benin City and Feira de Santana; Guardia Civil; PT Samudra Jaya agents.",
        "Will the returnees be safe? May 2023 was worse. Grace periods ended.",
        "Officials said the Pacific route had closed. Foster carers in Essex said so too.",
    ],
)
def test_ordinary_text_stays(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("contacted by @jobs_abroad99 daily", "contacted by [HANDLE] daily"),
        ("on snapchat as lil.boss07 nightly", "on snapchat as [HANDLE] nightly"),
        ("broker's line ID: nokky77, then", "broker's line ID: [HANDLE], then"),
        ("CPF 123.456.789-09 and CNIC 35202-1234567-1", "CPF [ID] and CNIC [ID]"),
        ("cards RX 482913, RX 482914 kept", "cards [ID], [ID] kept"),
        # a case reference goes in a text about a person; in one that names no one it is
        # the partner's file and stays (case_refs, hscrub23; tests/test_scrub_cues23.py)
        ("Joy Okafor under case 2021/KE/0193 now", "[NAME] under case [ID] now"),
    ],
)
def test_handles_and_documents_go(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Adebola Nwachukwu worked unpaid.", "[NAME] worked unpaid."),
        ("L'employeur, Mme Sandrine Koffi, refuse.", "L'employeur, Mme [NAME], refuse."),
        ("the foreman, Dritan, kept them", "the foreman, [NAME], kept them"),
        ("tomas ruiz, 16, went missing", "[NAME], 16, went missing"),
        ("Lan said so. Lan's phone was taken.", "[NAME] said so. [NAME]'s phone was taken."),
        ("met JOHN OKAFOR twice", "met [NAME] twice"),
        ("worked for Mr. Tanaka in Osaka", "worked for Mr. [NAME] in Osaka"),
        ("The girl, known only as Blessing, left", "The girl, known only as [NAME], left"),
    ],
)
def test_names_go_with_or_without_cues(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # names no list knows, where a name sits; names in exports; initials; nicknames
        ("Ebo Quansah paid the fees in Kumasi.", "[NAME] paid the fees in Kumasi."),
        ("ADJEI, Nana Yaw was recruited in Kumasi.", "[NAME] was recruited in Kumasi."),
        ("Contact person: KAMARA Fatmata, tel 076 123 456.",
         "Contact person: [NAME], tel [PHONE]."),
        ("A worker from Cambodia, Chea Sopheak, says so.",
         "A worker from Cambodia, [NAME], says so."),
        ("Workers Bayu Saputra, Rizal Hakim and Dedi left.",
         "Workers [NAME], [NAME] and [NAME] left."),
        ("Supervisors named as Xavi and 'Pepito' came.",
         "Supervisors named as [NAME] and '[NAME]' came."),
        ("with T. O. Adeyemi and Chinwe A. Obi to Tripoli", "with [NAME] and [NAME] to Tripoli"),
        ("Client (R.M.) says so. R.M. now lives with her aunt.",
         "Client ([NAME]) says so. [NAME] now lives with her aunt."),
        ("boss known as 'Big Tony'; the pimp, alias 'el Chino',",
         "boss known as '[NAME]'; the pimp, alias '[NAME]',"),
        ("Korean national Park Ji-hoon and Taiwanese Huang Mei-ling",
         "Korean national [NAME] and Taiwanese [NAME]"),
        ("Kwa Mama Zawadi and Papa Kofi's house.", "Kwa Mama [NAME] and Papa [NAME]'s house."),
        ("a care worker from malawi, tiyamike banda, on a visa",
         "a care worker from malawi, [NAME], on a visa"),
        ("Deckhand Agus Salim was beaten.", "Deckhand [NAME] was beaten."),
        ("recruited by john banda in lilongwe, then her boss mary wanjiku kept her",
         "recruited by [NAME] in lilongwe, then her boss [NAME] kept her"),
        # scripts without capitals, and Cyrillic
        ("受害人陈秀兰说，她被王建华带到米兰。", "受害人[NAME]说，她被[NAME]带到米兰。"),
        ("피해자 김지은씨는 여권을 빼앗겼다.", "피해자 [NAME]씨는 여권을 빼앗겼다."),
        ("قالت إن اسمها فاطمة الزهراء وإن", "قالت إن اسمها [NAME] وإن"),
        ("паспорт забрав Дмитро Шевчук.", "паспорт забрав [NAME]."),
        # handles, extensions, NI numbers
        ("on Facebook profile Jenny Rich Official, Skype live:.cid.5d2a9f0b and user "
         "kiki.nails22 on Instagram", "on Facebook profile [HANDLE], Skype [HANDLE] and user "
         "[HANDLE] on Instagram"),
        ("number 7761-2248, ext. 3; NI number AB 12 34 56 C.", "number [PHONE]; NI number [ID]."),
    ],
)  # fmt: skip
def test_names_handles_and_numbers_in_more_forms(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "address",
    [
        "Villa 9, Zone 52, Street 310",  # Gulf
        "H.No. 12-5-88, Sector 4",  # India ("H.No" is no domain)
        "house 12-C, Street 7, G-9/2",  # Islamabad sectors
        "14B, 3rd Cross Road, Koramangala, Bengaluru 560034",
        "〒460-0008 愛知県名古屋市中区栄4丁目5-12",  # Japanese chome and banchi
        "서울특별시 강남구 테헤란로 152",  # Korean -ro
        "Purok 3, Barangay San Isidro",
        "Jl. Melati No. 12, RT 03/RW 05, Kel. Cempaka",
        "Via Roma 12, scala B, interno 7, 80100 Napoli",
        "12 Nguyễn Trãi, Phường 3, Quận 5",
        "Tent no. 12, informal settlement 045",
        "dorm block B, room 214",
        "Calle Juárez esquina Morelos, Colonia Centro",
        "off Ring Road, near the Shell station, Tema",
    ],
)
def test_addresses_in_more_national_forms_go(address: str) -> None:
    out = scrub(f"She stayed at {address}; then she left.").text
    assert out == f"She stayed at {TOWNS_LEFT.get(address, '[ADDRESS]')}; then she left.", out


@pytest.mark.parametrize(
    "text",
    [
        "The Survivor Advocate met Border Force officers on Christmas Eve.",
        "Workers from Rakhine State and Shan State were moved through Tachileik to Bokeo.",
        "Officers from Operation Aidant visited car washes in Kent and Essex.",
        "The vessel Nuestra Señora del Carmen left Port Louis; the Coast Guard followed.",
        "Staff at Golden Years Homecare and Sunrise Staffing Ltd were interviewed.",
        "Meta removed 40 Instagram accounts; Telegram groups were reported too.",
        "Children begged at Plaza de Armas during Ramadan and Easter.",
        "He raised the Section 45 defence; his card no. was lost.",
        "Girls from Los Ángeles (Biobío) and Lucena del Puerto were interviewed.",
        "Police in Київ and Львів met officials from Trung Quốc.",
    ],
)
def test_ordinary_capitalised_words_stay(text: str) -> None:
    assert scrub(text).text == text


def test_place_fields_keep_known_places_and_lose_names() -> None:
    assert scrub_place("Benin City").text == "Benin City"
    assert scrub_place("Lagos, Nigeria").text == "Lagos, Nigeria"
    assert scrub_place("house of Chidi Okonkwo, Benin City").text == "house of [NAME], Benin City"
    sub = parse(valid(exploitation_places=[{"country": "NG", "name": "near Mr Bello's shop"}]))
    assert isinstance(sub, Submission)
    record = to_incident(sub, org_id="o", submitted_at=datetime.now(UTC), incident="i")
    assert record["exploitation_places"][0]["name"] == "near Mr [NAME]'s shop"


# --- classes generalised after batch 4 (made-up text in other wordings and languages) ----


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a window of filler words between the cue and the date
        ("Client was born in Mombasa on 14.02.1998 and moved",
         "Client was born in Mombasa on [DOB] and moved"),
        ("su fecha de nacimiento es el 9 de agosto de 2001.",
         "su fecha de nacimiento es el [DOB]."),
        ("DOB reported as approx. March 2004.", "DOB reported as approx. [DOB]."),
        ("she turned 17 on 2 June 2022 while", "she turned 17 on [DOB] while"),
        # conjugated cues and month names in other languages
        ("Ele nasceu em 3 de janeiro de 1995 no Recife.", "Ele nasceu em [DOB] no Recife."),
        ("nata a Palermo il 21/07/1999,", "nata a Palermo il [DOB],"),
        ("geboren am 5. Oktober 1988 in Graz", "geboren am [DOB] in Graz"),
        ("urodzona 17 listopada 2002 w Gdańsku", "urodzona [DOB] w Gdańsku"),
        ("lahir tanggal 8 Agustus 2000 di Surabaya", "lahir tanggal [DOB] di Surabaya"),
        ("isinilang noong Hunyo 12, 1997 sa Cebu", "isinilang noong [DOB] sa Cebu"),
        # "года" (of the year) goes with a date whose month is a word: writers label it
        # so (7 of 8 such dates in the batches; after numbers "11.11.2006 година" stays)
        ("родился 3 апреля 1985 года в Одессе", "родился [DOB] в Одессе"),
        ("ngày sinh: 05/11/2003, quê Nghệ An", "ngày sinh: [DOB], quê Nghệ An"),
        ("né en 1987 à Bamako", "né en [DOB] à Bamako"),
        ("Date of birth: 1st Feb. 1990", "Date of birth: [DOB]"),
        # scripts without spaces: the cue touches the date, or follows it
        ("年龄不详，出生日期：1996年7月3日。", "年龄不详，出生日期：[DOB]。"),
        ("1992년생 여성", "[DOB]생 여성"),
        ("Aziz Karimov, 1994 doğumlu, İstanbul'da", "[NAME], [DOB] doğumlu, İstanbul'da"),
        ("เกิดเมื่อ 12 ก.พ. 2538", "เกิดเมื่อ [DOB]"),  # Thai month, Buddhist year
        ("वह 12/03/1995 को पैदा हुई", "वह [DOB] को पैदा हुई"),  # Hindi: the cue after the date
        # labels and abbreviations: "birth:", Spanish and Portuguese "F.N.:", "DN:"
        ("birth: 1999, Kano", "birth: [DOB], Kano"),
        ("F.N.: 12-03-1999", "F.N.: [DOB]"),
        ("DN: 12/03/1999", "DN: [DOB]"),
        ("geb. am 3.5.1990", "geb. am [DOB]"),
        ("生日：1990年5月3日", "生日：[DOB]"),
    ],
)  # fmt: skip
def test_birth_dates_in_a_window_after_a_cue(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "text",
    [
        "Born in Kisumu, she was sold in 2021 and rescued on 4 March 2023.",
        "The newborn unit opened on 2 May 2022.",
        "Her birthday party on 12 June 2024 was cancelled.",
        "Plan B. On 3 May 2024 officers returned.",
        "She was born in Lagos. On 3 May 2024 police came.",
        "Fig. B. 2023 data",
        "Place of birth: Lagos. Arrived 2019.",
    ],
)
def test_dates_near_birth_words_that_are_no_birth_dates_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    "address",
    [
        # the places after an address, comma by comma, and parts between
        "22 Akin Adesola Street, off Bishop Aboyade road, Ikoyi, Lagos",
        "Building 7, Way 2214, Al Khuwair, Muscat",
        "calle Sol 15, esquina Luna, Vedado, La Habana",
        "Kebele 05, House No. 112, Bahir Dar",
        "ул. Мира, д. 15, кв. 8, Казань",
        # numbered streets, streets named for a date or a town, kilometre posts
        "Apto 302, Calle 45 # 12-30, Barrio El Prado, Barranquilla",
        "Avenida 9 de Julio 1200, Piso 4, Dto. B, CABA",
        "Km 12 Carretera a Masaya, Managua",
        "Jl. Mawar Gg. 3 No. 7, Kel. Sukamaju, Depok",
        # named neighbourhoods and hamlets, doors, plural street words
        "quartier Hamdallaye, rue 245, porte 112, Bamako",
        "hameau de Kerlouan, 29890 Plouescat",
        "7 Orchard Gardens, Wembley, Middlesex HA9 8RT",
        # romanised Japanese and Korean
        "3-chome 5-10 Nishi-Shinjuku, Shinjuku-ku, Tokyo",
        "Gangnam-daero 396, Gangnam-gu, Seoul",
        "1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002",
        # named buildings, Singapore units, streets after a title, floors before a house
        "Apto 5B, Edificio Mirador, Av. Libertador 2200, Caracas",
        "Block 12, #04-33, Jurong West St 41, Singapore 640412",
        "Col. Doctores, Calle Dr. Vértiz 150, CDMX",
        "2nd floor, 45 MG Road, Bengaluru, Karnataka 560001",
        # street words apart, particles in places, rooms and floor sides, areas before words
        "Mariahilfer Straße 45/3, 1060 Wien",
        "Plot 22, Mbezi Beach, Dar es Salaam",
        "Rua do Ouvidor 50, sala 3, Rio de Janeiro - RJ, 20040-030",
        "Calle Mayor 5, 3º izda, 28013 Madrid",
        "123 Nguyen Hue, Ben Nghe Ward, District 1, HCMC",
        "Gang Melati No. 4, Jakarta Selatan",
        # Italian "via" in lower case, Dutch "'s-", Arabic and Persian street words, camps
        "via Tiburtina 455, Roma",
        "Lange Kruisweg 28, 2691 HL 's-Gravenzande",
        "Hay al-Nasim, Shari 15, Riyadh",
        "Labour Camp 4, Street 12, Industrial Area, Doha",
    ],
)
def test_addresses_of_more_shapes_go_with_their_places(address: str) -> None:
    out = scrub(f"She stayed at {address}; then she left.").text
    assert out == f"She stayed at {TOWNS_LEFT.get(address, '[ADDRESS]')}; then she left.", out


@pytest.mark.parametrize(
    "text",
    [
        "Trucks used the Pan-American Highway near Km 45 of the route.",
        "Officials met in Zona 1 and Zona 10 of the capital.",
        "The NGO office in District 9 closed on Friday.",
        "Raids in Lagos, Abuja and Kano, Nigeria, found 40 victims.",
        "Crews of the MV Ocean Star docked at Port Louis, Mauritius, on Monday.",
        "The group moved along Route 9 through Tema, Accra and Lomé.",
        "On Tuesday 3-4-24, Police came.",
        "Of 14 women, 6 of them were minors.",
        "The plates were 3 in total.",
        "The registration 2019 cohort met in May.",
        "Mama ei locuiește în comuna Valea Mare, județul Dâmbovița.",
        "The travellers went via Istanbul, Belgrade and Budapest in 2019.",
    ],
)
def test_areas_roads_and_lists_of_places_are_no_address(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # honorifics before a name: the name goes, the title stays (name_edges)
        ("The girls were handed to Alhaja Kudirat in Ibadan.",
         "The girls were handed to Alhaja [NAME] in Ibadan."),
        ("Hajiya Bilkisu kept their passports.", "Hajiya [NAME] kept their passports."),
        ("el patrón, Don Ramiro Quispe, pagaba poco", "el patrón, Don [NAME], pagaba poco"),
        ("a patroa, Dona Fátima Souza, ficou com o passaporte",
         "a patroa, Dona [NAME], ficou com o passaporte"),
        # nicknames in quotes go whole but a title opening them, and with the name they
        # stand before
        ("They paid 'Auntie Grace' every week.", "They paid 'Auntie [NAME]' every week."),
        ("'Chino' Gutiérrez drove the van.", "[NAME] drove the van."),
        # a list after a plural; "SURNAME, Given" when the surname is a word or a place too
        ("Rescued children: Amara, Kwesi and Efua.",
         "Rescued children: [NAME], [NAME] and [NAME]."),
        ("LIMA, Carlos Eduardo was the recruiter.", "[NAME] was the recruiter."),
        # a surname that is a word too, at the end of a name; Arabic particles inside one
        ("Her employer, Boon Keat Tan, kept her passport.",
         "Her employer, [NAME], kept her passport."),
        ("the broker Samir al-Masri said she owed money", "the broker [NAME] said she owed money"),
        # a nationality in another language before a name, where she comes from after it
        ("Angolana Domingas Nzinga, natural de Luanda, trabalhou sem salário.",
         "Angolana [NAME], natural de Luanda, trabalhou sem salário."),
        # roles with a prefix; text in capitals; the head of a farm or workshop's name
        ("Ex-husband Dariusz Nowak sold her.", "Ex-husband [NAME] sold her."),
        ("HER BROTHER PIOTR OWNS THE SHOP.", "HER BROTHER [NAME] OWNS THE SHOP."),
        ("Fazenda de Joaquim Barbosa, Mato Grosso", "Fazenda de [NAME], Mato Grosso"),
        ("Taller de Rosa Mamani, Buenos Aires", "Taller de [NAME], Buenos Aires"),
    ],
)  # fmt: skip
def test_names_of_more_forms_go(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "text",
    [
        "She lived behind masjid al-Rahma for a year.",
        "Girls were held above the Golden Dragon karaoke in Soho.",
        "The Happy Palace massage parlour closed.",
        "Gangs moved workers across Kent and within Victoria.",
        "Of 14 women, EUR 3000 was taken.",
        "Support for survivors (CSEC) grew.",
        "Trabajaba en La Rinconada desde 2019.",
        "Co-operation with Interpol improved.",
        # a page named in ordinary words, a ship's number
        'Facebook page "Work Abroad Now" posted ads',
        "Deckhands on the Sea Dragon 9 (IMO 9123456)",
    ],
)
def test_businesses_places_and_acronyms_near_people_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a username before its platform, after an account or a profile, quoted or not
        ("groomed by an account 'sunny.daze' on TikTok",
         "groomed by an account '[HANDLE]' on TikTok"),
        ("her handle was rosie.b on Instagram", "her handle was [HANDLE] on Instagram"),
        # national ID numbers named by their country's abbreviation
        ("Gave her ID as Bangladesh NID 1993 2615 8840 21.", "Gave her ID as Bangladesh NID [ID]."),
        ("his NRC 12/ABC(N)123456 was kept", "his NRC [ID] was kept"),
        # a vehicle's plate
        ("a white van, plate no. ABC-1234, was seen", "a white van, plate no. [ID], was seen"),
        ("His van reg is YX21 ABC.", "His van reg is [ID]."),
        # a Facebook page named after a person, in Tagalog
        ("may Facebook na Lorna Agency PH", "may Facebook na [HANDLE]"),
        # a domain is no handle
        ("the site example.com on Facebook", "the site [URL] on Facebook"),
    ],
)  # fmt: skip
def test_handles_and_documents_of_more_forms(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # addresses given as directions from a landmark, street corners by number
        ("Vive en el barrio San Judas, de la iglesia católica 2 cuadras al sur, Managua.",
         "Vive en el [ADDRESS], Managua."),
        ("Elle habitait chez sa tante Mariam Diallo, quartier Médina, rue 11 x 20, Dakar.",
         "Elle habitait chez sa tante [NAME], [ADDRESS], Dakar."),
        ("Atatürk Cad. No: 25 Kadıköy/İstanbul adresinde kalıyordu.",
         "[ADDRESS] adresinde kalıyordu."),
        # a family by its surname, a title before a name, a birth date after "tarehe"
        ("Trabajaba con la familia Gutiérrez.", "Trabajaba con la familia [NAME]."),
        ("She worked for the Okonkwo family.", "She worked for the [NAME] family."),
        ("Pak Bambang Sutrisno, lahir 12 Januari 1985", "Pak [NAME], lahir [DOB]"),
        ("Grace Achieng alizaliwa tarehe 5 Machi 2003.", "[NAME] alizaliwa tarehe [DOB]."),
        # a title after capitalised nouns (German); one lower-case name after a naming word
        ("Die Chefin Frau Becker behielt die Pässe.", "Die Chefin Frau [NAME] behielt die Pässe."),
        ("Employer (Mrs. Y. Tanaka) refused.", "Employer (Mrs. [NAME]) refused."),
        # Malaysian and Burmese honorifics; a role before a name
        ("Majikannya, Datin Rohana, menahan.", "Majikannya, Datin [NAME], menahan."),
        ("Fishers Maung Thet Naing and Daw Khin left.",
         "Fishers Maung [NAME] and Daw [NAME] left."),
        ("Seafarer Ravi Shankar Pillai says so.", "Seafarer [NAME] says so."),
        # initials after "iniciales"; victim words of more languages; Romanian places
        ("menor de iniciales J.P.M., 14 años", "menor de iniciales [NAME], 14 años"),
        ("Mağdur Aziz Karimov çalıştırılıyor.", "Mağdur [NAME] çalıştırılıyor."),
        ("a lady called madam joy took her", "a lady called madam [NAME] took her"),
        ("she was taken by a man named osas", "she was taken by a man named [NAME]"),
        # a lone given name at a sentence start, owning what only a person has
        ("Tendai's employer kept her wages.", "[NAME]'s employer kept her wages."),
    ],
)  # fmt: skip
def test_more_forms_found_in_made_up_partner_text(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    "text",
    [
        "Referred by the Migrant Help hotline (0800 000 1234) on Monday.",
        "Call the Modern Slavery Helpline on 08000 121 700 any time.",
        "The Royal family visited the shelter.",
        "Kent's employers were fined in 2023.",
        "she was called back to the office",
    ],
)
def test_hotlines_and_ordinary_families_stay(text: str) -> None:
    assert scrub(text).text == text


def test_one_word_after_a_name_and_a_comma_is_a_place_not_a_list() -> None:
    assert scrub_place("house of Oluwadamilare Bankole, Ikorodu").text == "house of [NAME], Ikorodu"
    # a place before a place is a place, even when it is a name too
    assert scrub_place("home of Fatou Sarr, Médina, Dakar").text == "home of [NAME], Médina, Dakar"


@pytest.mark.parametrize(
    "template",
    [
        # where a name no list knows sits: after what is done to a person, with a person
        "The agent took {} to Beirut.",
        "We spoke to {} on Monday.",
        "She lived with {} in a flat.",
        # before what a person does or has, after "according to", before a note
        "{} never received wages.",
        "{}'s passport was taken.",
        "According to {}, the boss kept the money.",
        "{} (not her real name) was sold.",
        # described after a comma as a person
        "{} Haidari, a 19-year-old from Herat, was sold.",
        "{}, the eldest daughter, left.",
        "{}, who is 16, was married off.",
    ],
)
@pytest.mark.parametrize("name", ["Zeynab", "Dilnoza", "Kekeli", "Yangchen", "Hodan"])
def test_names_no_list_knows_go_where_a_name_sits(template: str, name: str) -> None:
    assert name not in scrub(template.format(name)).text


@pytest.mark.parametrize(
    "text",
    [
        "She met Interpol officers in Lyon.",
        "Helped by Caritas and Emmaus, she left.",
        "The family owed Rs 180,000 to the kiln owner.",
        "He told Gardaí everything.",
        "According to UNODC data, 50,000 victims were found.",
        "She worked with Unseen and Kalayaan.",
        "Workers were taken by Bolt to the farm.",
        "Pourakhi, a network of returnee women, met in May.",
        "Unseen, a UK charity, runs the helpline.",
        "DOB unknown; POB Lagos",
    ],
)
def test_organisations_and_amounts_where_a_name_could_sit_stay(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(
    "junk",
    [
        "a." * 2000,
        "A1-" * 1333,
        "Ana (" * 800,
        "Maria " * 660,
        "12-" * 1333,
        "AB1 2CD " * 500,
        ("가도" * 30 + " 1 ") * 60,
        ("県市" * 10 + "1-") * 200,
        "Names: A, " * 400,
        "'A' " * 1000,
        "A. " * 1333,
        "x.y1 " * 800,
        "in Kent and " * 333,
        "Jl. A " * 700,
        "1 Ab-ro 2-gil " * 280,
        "12 Main St, " + ", Ab" * 1000,
        "born in " + "Ab " * 1300,
        "de la a 2 cuadras al " * 200,
    ],
)
def test_a_longest_summary_of_junk_is_scrubbed_in_linear_time(junk: str) -> None:
    """No pattern rescans a long token from every position (each case took 0.6–0.9 s
    before its pattern was bounded, the Korean address pattern 1 s on 500 characters of
    syllables before its parts had to end in a space; now a few ms).

    Judged by growth, not by a clock limit: four times the text must cost about four
    times as much (a pattern that rescans costs sixteen). The best of three runs at each
    length, measured side by side, keeps a busy shared machine out of the ratio."""

    assert_linear(junk)


# --- the committed batches: a regression fails here -------------------------------------


# What each shipped batch scores now (producers/intake/data/BLIND.md): batches 1 to 7 are
# all tuned on, so these floors are tuned scores, not estimates for new text (the blind
# ones were 50.0%, 88.9%, 78.1%, 86.7%, 90.2%, 82.9% and 88.3%). A change that removes less, or
# loses more words, fails. A batch without a floor has not been scored blind yet and is
# not scrubbed here.
FLOORS = {
    # 2026-12-03: the evaluator's tokens keep their combining marks (``_tokens``; before,
    # Python's \w split Devanagari, Bengali, Tamil, Khmer, Burmese and Thai words at their
    # vowel signs into short pieces). Same scrubber, same labels: a half-scrubbed name in
    # those scripts is now a miss (removed fell by 0-6 per batch: 10,001 -> 9,969 of 10,514
    # over 1-26), and words are whole words (82,993 -> 75,543; lost 1,991 -> 1,716). The
    # floors that failed are set at the new scores; batch 26, never read, is still blind:
    # 324/354 (91.5%), 185/5,509 words lost (3.36%; 342/6,885 counted in pieces)
    # 2026-12-01: batches 3, 4, 5, 7, 9, 10 and 11 relabelled to the convention of 13-16
    # (a title or kin word opening a name is no part of it: "Mama Joy" -> "Joy"; BLIND.md).
    # Words lost rose on them with the same scrubber, since the titles it takes now count
    # then the scrubber leaves them too (name_edges): 1-16 lose 1,002 -> 926 words, and
    # every floor that moved is set just above its new score (tuned scores all)
    # words lost rose on batches 1, 2, 4 and 5 when batch 6 was tuned on: a place field
    # that is a person's home ("the house of Doña Carmen Reyes, near the market") goes
    # whole, as batch 6's writer labelled it; the earlier writers labelled the name only
    # 2026-12-01 (hscrub, second round): names before a birth word, after kin words and
    # Amharic short titles in scripts without capitals, Ethiopian compound names, virtue
    # names listed or titled, chat naming words; batches 7-16 rose (tuned scores all)
    # 2026-12-01 (hscrub, fourth round; all tuned scores now, 18 and 19 included: their
    # blind scores stay recorded below and in BLIND.md): the towns, districts and
    # postcodes on an address's own line go with it (team decision; address_lines). The
    # writers of batches 7-11 left the town out, so words lost rose there with the same
    # labels (7: 18 -> 24, 8: 79 -> 83, 9: 75 -> 81, 10: 51 -> 55, 11: 135 -> 143) and
    # those floors moved up to match. Then a name "and"-paired with a found one in any
    # script (name_pairs) and a found name's words again, declined or with a particle
    # (name_mentions): 9 loses one more word (a possessive its writer left unlabelled,
    # "Stefanova majka"), 16 three (a case ending left beside a name; a verb a cue rule
    # took before, now repeated). Then brokering roles as cues in scripts without capitals
    # and pilgrim titles outside a name: 10 loses one more ("called" after a name found);
    # every other floor only rose
    # 2026-12-01 (hscrub21, tuned on 1-20, batch 20's misses read): word edges that hold
    # combining marks, names told by a cue after them (name_cued_after), law citations
    # kept (law_refs), an ordinary word opening a sentence outside a name: 9-11 and 13-20
    # rose; 15 loses one word more (below)
    # 2026-12-02 (hscrub23, tuned on 1-22, 22's misses read; tuned scores all): words lost
    # first (names of halls, schools and foundations kept; file and court references kept
    # in a text naming no one; a home's words kept when the rules replaced its address;
    # counts, Nguni prefixes, "no." before a long number), then misses of 21-22. Every
    # floor moved up to just under its new score: 1-22 lose 1,583 -> 1,298 words and
    # remove 8,274 -> 8,299/8,800. Batch 17 removes one fewer (498/521): its writer labelled
    # "house of Mr. X, 17 … Road, …" whole as an address, and the home's words now stay
    # beside [NAME] and [ADDRESS] (other writers split the two); still above its floor
    # 2026-12-02 (hscrub24): the learned recogniser retrained, first on 1-20 with 21-23 held
    # out (scored by numbers only), then (tuned) on 1-23; precision at its edges (a Nguni
    # prefix, a street's name, a month after an address). Every floor moved to just under
    # its new score, but two: batch 8 removes 288/298 (291 with the model of 1-8, which was
    # trained on it too: the model of 1-23 is less sure of three of its names) and batch 9
    # loses 84 words (81: one Tagalog record, three words beside a name it now takes)
    # 2026-12-02 (hscrub26, developed on 1-23, 24-25 held out by totals): names in scripts
    # without capitals by their cues (Burmese Ko, Korean given names and 씨, Thai and Lao
    # titles, Indic roles, a word before a birth word deep in a clause). Floors raised to
    # the new scores of 8, 10, 12, 14-24; none lowered. 17 and 19 lose one word more each
    # (53 and 102: letter fragments of Indic words an unremoved name had masked) and stay
    # under their words-lost ceilings, which did not move
    "privacy_blind_1.jsonl": (1, 0.003),
    # the places after an address go with it now (batch 4's writer put them in its
    # addresses); batch 2's writer left them out, so they count as words lost there
    "privacy_blind_2.jsonl": (1, 0.0104),
    "privacy_blind_3.jsonl": (1, 0.0033),
    "privacy_blind_4.jsonl": (1, 0.005),  # 86.7% and 1.19% of words lost blind
    # blind: 90.2% removed, 1.21% of words lost; tuned on batches 1-5: 100%, 0.94%;
    # tuned on batches 1-6: 100%, 1.70% (its "house of X, near Y" place fields, above);
    # 279/280 since "Mummy" opens a name and stays out of it (2026-12-06): its handle
    # "Mummy Gold" (a chat display name) keeps the title, the convention of 13 on
    "privacy_blind_5.jsonl": (0.996, 0.01),
    # blind: 237/286 (82.9%), 1.43% of words lost; tuned on batches 1-6: 286/286, 1.34%
    "privacy_blind_6.jsonl": (1, 0.0121),
    # blind, scrubber tuned on batches 1-5: 249/299 (83.3%), 2.29% of words lost; tuned
    # on batches 1-6: 264/299 (88.3%), 3.51%. Tuned on batches 1-7: 285/299, 1.12%
    "privacy_blind_7.jsonl": (0.983, 0.012),
    # blind, scrubber tuned on batches 1-7: 252/298 (84.6%), 3.96% of words lost (94).
    # With the learned recogniser (trained on it): 267/298, 95 lost. The one more is no
    # new loss: "GSM de [NAME]" cost a "de" before, hidden while the address beside it,
    # holding "de", leaked; the model now takes that address
    # numbers read apart from the Han, kana or Thai letters they touch: 270/298, 91 lost;
    # Chinese names told by jieba's tagger (han_names): 271/298, 90 lost; birth dates in
    # any order, CLDR language and calendar (calendar_dates): 273/298, 90 lost
    "privacy_blind_8.jsonl": (0.963, 0.0366),
    # blind, rules tuned on 1-7: 238/296 (80.4%), 3.88% lost; blind again with the learned
    # recogniser trained on 1-8 (its trainer never saw 9): 244/296 (82.4%), 3.88%. Tuned
    # on 1-9 (birth dates by their year, BLIND.md): 247/296, 88 lost; with han_names
    # 248/296, 87 lost; with contact_names 251/296, 87 lost; calendar_dates 252/296, 87
    "privacy_blind_9.jsonl": (0.962, 0.0373),
    # first scored with the rules and the learned recogniser, blind: 230/294, 3.84% lost
    # then a validation set (scored by numbers only, never read; BLIND.md): 235/294, 73;
    # tuned on (read) with han_names: 238/294, 70 lost; with contact_names 239/294, 70;
    # name_shapes 240/294, 70
    "privacy_blind_10.jsonl": (0.925, 0.0307),
    # blind, scrubber tuned on 1-9 and chosen on 10: 266/336 (79.2%), 163/3,556 lost (4.58%)
    # validation (numbers only) with han_names: 267/336 (79.5%), 162 lost (4.56%); with
    # contact_names 274/336 (81.5%), 163 lost (4.58%). Tuned on (read) with calendar_dates:
    # 281/336, 163 lost; name_shapes (its model trained on 1-11) 287/336, 163 lost
    "privacy_blind_11.jsonl": (0.951, 0.0287),
    # blind, after the round that chose han_names and contact_names on 11: 241/308 (78.2%),
    # 48/2,248 words lost (2.14%); then a validation set (numbers only, never read): with
    # calendar_dates 245/308 (79.5%; birth dates 33 -> 37/40), 48 lost; name_shapes
    # 247/308 (80.2%; names 64 -> 66/101), 48 lost
    "privacy_blind_12.jsonl": (0.915, 0.0112),
    # blind twice, never read: 457/543 (84.2%) with the scrubber it was written against,
    # 464/543 (85.5%) after calendar_dates and name_shapes; 140/4,198 words lost (3.33%);
    # then a validation set (numbers only, never read): 467/543 (86.0%), 132 lost (3.14%)
    # after chains, learned.beside and address_units (BLIND.md, 2026-11-30 late)
    "privacy_blind_13.jsonl": (0.955, 0.0204),
    # blind twice, never read: 516/640 (80.6%), 168/3,357 words lost (5.00%) with the
    # scrubber it was written against (bdebeb5); 517/640 (80.8%), 155 lost (4.62%) after
    # the round chosen on 13 (821ce2b)
    "privacy_blind_14.jsonl": (0.932, 0.0215),
    # blind, never read: 546/686 (79.6%), 122/3,318 words lost (3.68%) with the scrubber
    # it was written against (e8663e2); 555/686 (80.9%), 114 lost (3.44%) with the bundled
    # Japanese, Korean and Thai recognisers. Tuned on 1-15 (read, 2026-12-01): 621/686,
    # 92 lost; batches 7-14 rose with the same round (role cues and address labels of
    # more languages, chains of units in more scripts), all tuned scores
    # hscrub21 (tuned on 1-20): 643/686, 80 lost: one more word, a Korean surname before
    # its title ("최 사장", boss Choi) that its writer labelled only in the full name
    # after it; the words-lost floor moves from 0.024 to 0.0245 for it
    "privacy_blind_15.jsonl": (0.957, 0.0217),
    # blind twice, never read: 441/505 (87.3%), 91/2,689 words lost (3.38%) with the
    # scrubber it was written against (95a6cd0); 455/505 (90.1%), 97 lost (3.61%) after
    # the round tuned on 1-15 (b48c8a0); 457/505 (90.5%), 84 lost (3.12%) after the round
    # that relabelled titles and held 16 out (hscrub, 2026-12-01; its name labels read once)
    "privacy_blind_16.jsonl": (0.962, 0.0217),
    # blind, never read: 463/521 (88.9%), 98/3,262 words lost (3.00%) with the scrubber
    # tuned on 1-15 (a30e5a7); 468/521 (89.8%), 85 lost (2.61%) after the round that held
    # 16 out (hscrub); 471/521 (90.4%), 85 lost after the round tuned on 1-16 (hscrub's
    # second, 2026-12-01 noon); the words-lost ceiling moves from 0.0173 to 0.0174 for a
    # Kannada case ending its writer kept outside a name, which later batches' labels (and
    # the scrubber since 2026-12-05) keep inside
    "privacy_blind_17.jsonl": (0.955, 0.0174),
    # blind, never read: 551/656 (84.0%), 81/3,165 words lost (2.56%) with the scrubber
    # it was written against (9b4b6bf); 554/656 (84.5%), 81 lost after the round tuned on
    # 1-16 (hscrub's second); addresses 71/111 are most of what is missed
    "privacy_blind_18.jsonl": (0.923, 0.0168),
    # blind, never read: 528/679 (77.8%), 133/4,037 words lost (3.29%) with the scrubber it
    # was written against (efc48cf); names 205/301 and addresses 83/132 are most of the miss;
    # 532/679 (78.4%), 134 lost (3.32%) after hscrub's third round (tuned on 1-17)
    "privacy_blind_19.jsonl": (0.901, 0.0263),
    # blind, never read: 400/446 (89.7%), 102/3,445 words lost (2.96%) with the scrubber it
    # was written against (af38c41); ordinary partner text, not weighted to the misses:
    # names 200/235 and addresses 49/60 are all that is missed; 408/446 (91.5%), 104 lost
    # (3.02%) after hscrub's fourth round (tuned on 1-19, 20 never read)
    # hscrub21 (tuned on 1-20, 20 read for the first time): 410/446 (91.9%), 69 lost
    # (2.00%): a label read inside a longer Devanagari word had taken a sentence (24
    # words), law citations (8); names told by a cue after them (+2)
    "privacy_blind_20.jsonl": (0.952, 0.016),
    # blind, never read: 381/460 (82.8%), 134/3,404 words lost (3.94%) with the scrubber it
    # was written against (7a525ca); ordinary text of partners outside Western Europe and
    # the Americas (39 languages): names 201/268, addresses 34/42, dob 38/41, url 3/4;
    # 390/460 (84.8%), 129 lost (3.79%) after hscrub21's round (tuned on 1-20, 21 never read)
    # 2026-12-05, towns stay (team decision): 72 lost, 2 more: a flat's note after the town
    # ("…، الجيزة - شقة الحاجة سميرة") keeps the address rule past it
    "privacy_blind_21.jsonl": (0.934, 0.0246),
    # blind, never read: 416/481 (86.5%), 233/4,101 words lost (5.68%) with the scrubber it
    # was written against (5cd674a; tuned on 1-20); names 209/250, addresses 41/57, dob 35/40;
    # 423/481 (87.9%), 225 lost (5.49%) after hscrub22's round (tuned on 1-21, 22 never read)
    # hscrub24, held out: the learned model retrained on 1-20: 443/481, 157 lost (3.83%,
    # 152 before): 22 loses five words more while 21 and 23 lose 9 and 18 fewer. Then
    # (tuned) the model of 1-23: 449/481, 152 lost
    "privacy_blind_22.jsonl": (0.937, 0.0401),
    # 2026-12-02: blind, first score of batch 23 with the scrubber as of 3f87205 (tuned on
    # 1-21; 22 scored blind, 23 never read): 408/448 (91.1%), 179/4,699 words lost (3.81%);
    # names 180/210, addresses 45/51, dob 34/36, handles 14/16, the rest all removed;
    # 408/448 (91.1%), 176 lost (3.75%) after hscrub23's round (tuned on 1-22, 23 never read)
    "privacy_blind_23.jsonl": (0.93, 0.0276),
    # blind, scrubber as of bec7fe3 (tuned on 1-22, 23 scored blind, 24 never read):
    # 417/455 (91.6%), 200/4,985 (4.01%) of words lost; after hscrub24's round (tuned on
    # 1-23, 24 never opened), blind again: 416/455 (91.4%; one address fewer), 183 (3.67%)
    "privacy_blind_24.jsonl": (0.914, 0.0385),
    # blind, first, scrubber as of 3a2f075 (hscrub24's round, tuned on 1-23; 24 scored blind,
    # 25 never read): 440/457 (96.3%), 116/3,876 (2.99%) of words lost
    "privacy_blind_25.jsonl": (0.96, 0.03),
    # blind, first, scrubber as of f27ea79 (tuned on 1-23; 24-25 scored blind, 26 never
    # read; half of it in scripts without capitals or lower-case chat): 324/354 (91.5%),
    # 341/6,885 (4.95%) of words lost; after hscrub26's round (developed on 1-23, 26 never
    # read), blind again: 324/354, 342 lost (4.97%): the ceiling rises by that one word
    "privacy_blind_26.jsonl": (0.915, 0.0337),
    # blind, first, scrubber as of 265df8a (tuned on 1-23; 24-26 scored blind, 27 never
    # read; day-to-day partner text, 40% English, 29 languages): 462/511 (90.4%), 110/6,231
    # (1.77%) of words lost; names 199/240 are most of the miss
    "privacy_blind_27.jsonl": (0.904, 0.0178),
    # blind, first, scrubber as of d4d7d7f (tuned on 1-23; 24-27 scored blind, 28 never
    # read; written in ~18 minutes, 40% of records without identifiers, 33 languages):
    # 328/342 (95.9%), 67/2,863 (2.34%) of words lost; names 133/146, one e-mail missed
    "privacy_blind_28.jsonl": (0.959, 0.0235),
    # blind, first, scrubber as of f0010f6 (tuned on 1-28; 29 never read; 45 languages, a
    # quarter of records without identifiers): 423/456 (92.8%), 188/5,831 (3.22%) of words
    # lost; names 158/184
    "privacy_blind_29.jsonl": (0.927, 0.0323),
    # blind, first, scrubber as of c689aa2 (tuned on 1-29; 30 never read; 48 languages,
    # long summaries full of capitalised ordinary words, 42 records without identifiers):
    # 416/445 (93.5%), 179/7,459 (2.40%) of words lost; names 167/191, address 48/53
    # tuned on 1-30 since: 426/445 (95.7%), 182/7,459 (2.44%) of words lost (a street
    # told with its units, "Kalye Rizal, Barangay 76", goes whole as its line's towns do)
    "privacy_blind_30.jsonl": (0.934, 0.0245),
    # blind, first, scrubber as of 697b96c (tuned on 1-30; 31 never read; 52 languages,
    # a third English, 275 of 589 identifiers names, 25 records without identifiers):
    # 531/589 (90.2%), 178/5,817 (3.06%) of words lost; names 230/275
    # tuned on 1-31 since: 547/589 (92.9%), 170/5,817 (2.92%) of words lost
    "privacy_blind_31.jsonl": (0.928, 0.0293),
    # blind, first, scrubber as of 1d34081 (tuned on 1-31; 32 never read; 54 languages,
    # a third English, titles left out of name spans, 30 records without identifiers):
    # 551/595 (92.6%), 159/5,314 (2.99%) of words lost; names 238/271
    # tuned on 1-32 since: 559/595 (93.9%), 147/5,314 (2.77%) of words lost
    "privacy_blind_32.jsonl": (0.939, 0.0278),
    # blind, first, scrubber as of 7d71dcd (tuned on 1-32; 33 never read; 37 languages,
    # half English day-to-day notes, names that are words, 35 records without
    # identifiers): 365/400 (91.3%), 83/3,240 (2.56%) of words lost; names 154/178
    "privacy_blind_33.jsonl": (0.912, 0.0257),
    # blind, first, scrubber as of 7dfdf28 (tuned on 1-33; 34 never read; 40 languages,
    # week-to-week casework, 36 records without identifiers): 393/418 (94.0%), 91/4,321
    # (2.11%) of words lost; names 190/205
    # tuned on 1-34 since: 405/418 (96.9%), 87/4,321 (2.01%) of words lost
    "privacy_blind_34.jsonl": (0.968, 0.0202),
    # blind, first, scrubber as of 61ea80f (tuned on 1-34; 35 never read; 45 languages,
    # field messages pasted from chats, SMS, transliterated and code-switched text, job
    # adverts, 35 records without identifiers): 298/348 (85.6%), 113/2,632 (4.29%) of
    # words lost; names 112/149, handles 18/25
    # tuned on 1-35 since: 326/348 (93.7%), 113/2,632 (4.29%) of words lost
    "privacy_blind_35.jsonl": (0.936, 0.0430),
    # blind, first, scrubber as of 3350d61 (tuned on 1-35; 36 never read; 47 languages,
    # structured records: forms, court extracts, interception logs, registers, 32 records
    # without identifiers): 414/450 (92.0%), 298/5,061 (5.89%) of words lost; names 198/227
    # tuned on 1-37 since: 425/450 (94.4%), 233/5,061 (4.60%) of words lost
    "privacy_blind_36.jsonl": (0.944, 0.0461),
    # blind, first, scrubber as of 1230ad8 (tuned on 1-36; 37 never read; 47 languages,
    # correspondence between organisations, forwarded threads, signatures, 30 records
    # without identifiers): 578/674 (85.8%), 274/6,851 (4.00%) of words lost; names 374/454
    # tuned on 1-37 since: 594/674 (88.1%), 273/6,851 (3.98%) of words lost
    "privacy_blind_37.jsonl": (0.881, 0.0399),
    # blind, first, scrubber as of ae1d05c (tuned on 1-37; 38 never read; 53 languages,
    # transcripts of calls and interviews, spoken and spelled identifiers, 30 records
    # without identifiers): 494/697 (70.9%), 285/10,453 (2.73%) of words lost; phones
    # 38/74, emails 0/4, names 318/444; tuned on 1-38 since: 608/697 (87.2%), 297 (2.84%)
    "privacy_blind_38.jsonl": (0.87, 0.0285),
    # blind, first, scrubber as of ef38384 (tuned on 1-38; 39 never read; 48 languages, a
    # representative mix of what partners submit, 28 records without identifiers):
    # 410/474 (86.5%), 152/7,588 (2.00%) of words lost; names 227/265, handles 36/52;
    # tuned on 1-39 since (chat senders): 421/474 (88.8%), 153 (2.02%); with exported
    # chats and streets' flats 430/474 (90.7%), 154 (2.03%: a town after a flat's room)
    # after the round on 1-39 and 1-40 (2026-12-05): 437/474 (92.2%), 150 (1.98%)
    "privacy_blind_39.jsonl": (0.92, 0.0199),
    # blind, first, scrubber tuned on 1-39 (lost commit 2727ecd; 40 unread; 53 languages, a
    # representative mix, 26 records without identifiers): 476/536 (88.8%), 282/9,516
    # (2.96%) of words lost; names 242/296
    # tuned on 1-40 since: 479/536 (89.4%), 273 (2.87%)
    "privacy_blind_40.jsonl": (0.893, 0.0288),
    # blind, first, scrubber as of 3c0d3c6 (tuned on 1-40; 41 unread; 62 languages, a
    # representative mix, 27 records without identifiers): 494/526 (93.9%), 149/5,140
    # (2.90%) of words lost; names 224/249, addresses 35/39, documents 73/76
    "privacy_blind_41.jsonl": (0.939, 0.0291),
    # blind, first, scrubber as of eea8cac (tuned on 1-41, towns beside an address kept;
    # 42 unread; 74 languages, a representative mix, 25 records without identifiers):
    # 524/560 (93.6%), 106/5,983 (1.77%) of words lost; names 227/256, addresses 39/43,
    # handles 48/50, documents 63/64
    # tuned on 42 since: 535/560 (95.5%), 106 (1.77%)
    "privacy_blind_42.jsonl": (0.935, 0.0178),
    # blind, first, scrubber as of c286b54 (tuned on 1-42; 43 unread; 70 languages, a
    # representative mix, 25 records without identifiers): 346/394 (87.8%), 80/3,131
    # (2.56%) of words lost; names 165/199, addresses 30/40
    # tuned on 43 since: 364/394 (92.4%), 80 (2.56%)
    "privacy_blind_43.jsonl": (0.878, 0.0257),
    # blind, first, scrubber as of 3091a3e (tuned on 1-43; 44 unread; 76 languages, a
    # representative mix, 25 records without identifiers): 448/506 (88.5%), 130/5,316
    # (2.45%) of words lost; names 232/275, addresses 37/45, birth dates 14/17
    # tuned on 44 since: 462/506 (91.3%), 130 (2.45%); 131 since the round on 45-46 read
    # Finnish streets ("Kirkkotie 14 B 6"), whose town after the comma goes with them
    "privacy_blind_44.jsonl": (0.885, 0.0247),
    # blind, first, scrubber as of b4f0e62 (tuned on 1-44; 45 unread; 85 languages, a
    # representative mix, 25 records without identifiers): 439/487 (90.1%), 93/4,211
    # (2.21%) of words lost; names 229/260, addresses 47/60
    # tuned on 45 since: 442/487 (90.8%), 95 (2.26%): the town after a Maltese street
    "privacy_blind_45.jsonl": (0.901, 0.0227),
    # blind, first, scrubber as of cc71d44 (tuned on 1-44; 45 and 46 unread; 86 languages,
    # a representative mix, 25 records without identifiers): 513/576 (89.1%), 70/3,748
    # (1.87%) of words lost; names 233/282, addresses 61/71
    # tuned on 46 since: 524/576 (91.0%), 71 (1.89%)
    "privacy_blind_46.jsonl": (0.890, 0.0190),
    # blind, first, scrubber as of da7bedc (tuned on 1-46; 47 unread; 86 languages, a
    # representative mix, 25 records without identifiers): 546/605 (90.2%), 72/3,843
    # (1.87%) of words lost; names 261/309, addresses 41/50
    # tuned on 47 since: 552/605 (91.2%), 70 (1.82%); 571/605 (94.4%), 66 (1.72%) after
    # the rounds of 2026-12-06
    "privacy_blind_47.jsonl": (0.902, 0.0188),
    # blind, first, scrubber as of 1a6417f (tuned on 1-47; 48 unread; 86 languages, a
    # representative mix, 25 records without identifiers): 511/550 (92.9%), 116/3,844
    # (3.02%) of words lost; names 241/270, addresses 52/55, birth dates 62/68
    # tuned on 48 since: 520/550 (94.5%), 78 (2.03%)
    "privacy_blind_48.jsonl": (0.929, 0.0303),
    # blind, first, scrubber as of f701101 (tuned on 1-48; 49 unread; 88 languages, a
    # representative mix, 24 records without identifiers): 448/479 (93.5%), 87/3,233
    # (2.69%) of words lost; names 224/247, addresses 41/47, birth dates 64/65
    # tuned on 49 since: 451/479 (94.2%), 87 (2.69%)
    "privacy_blind_49.jsonl": (0.935, 0.0270),
    # blind, first, scrubber as of 59c9bd8 (tuned on 1-49; 50 unread; 85 languages, a
    # representative mix, 26 records without identifiers): 498/549 (90.7%), 99/4,652
    # (2.13%) of words lost; names 260/302, addresses 36/42, birth dates 61/62
    # tuned on 50 since: 506/549 (92.2%), 100 lost (2.15%: "Kongens gate 14, Drammene"
    # takes the town's Lithuanian locative, which no gazetteer knows); a second round
    # (public numbers the learned recogniser took, names by their suffixes and cues):
    # 517/549 (94.2%), 85 lost (1.83%)
    "privacy_blind_50.jsonl": (0.941, 0.0184),
    # blind, first, scrubber as of 982f4f0 (tuned on 1-50; 51 unread; 91 languages, a
    # representative mix, 24 records without identifiers): 492/543 (90.6%), 121/6,491
    # (1.86%) of words lost; names 242/280, addresses 48/57, birth dates 75/76
    # tuned on 51 since (floors and streets in Polish, French, Icelandic, Basque, Ladino):
    # 497/543 (91.5%), 121 lost
    "privacy_blind_51.jsonl": (0.915, 0.0187),
    # blind (scrubber 1167f37, tuned on 1-51; 89 languages): 485/526 (92.2%), 100/6,474
    # (1.54%) of words lost; names 234/269, addresses 35/40, handles 12/13; every birth
    # date, phone, document, e-mail and link removed; tuned on 52 since (an age after a
    # town's name, an initial and a surname, kin words set off, Slovak streets): 490/526
    "privacy_blind_52.jsonl": (0.931, 0.0155),
    # blind (scrubber 2ed87da, tuned on 1-52; 89 languages): 520/554 (93.9%), 135/6,425
    # (2.10%) of words lost; names 244/275, birth dates 63/65, addresses 39/40; every
    # phone, document, handle, e-mail and link removed; tuned on 53 since (Ukrainian
    # "пан", Gaelic surnames, "El" nicknames, Hungarian "néven", Turkmen -ýew): 527/554
    "privacy_blind_53.jsonl": (0.949, 0.0211),
    # blind (scrubber 53629dd, tuned on 1-53; 87 languages): 476/512 (93.0%), 147/4,555
    # (3.23%) of words lost; names 224/252, addresses 40/43, birth dates 54/56; every
    # phone, e-mail and link removed; tuned on 54 since (481/512, 145 lost)
    "privacy_blind_54.jsonl": (0.939, 0.0319),
    # blind (scrubber e3dbe0b, tuned on 1-54; 91 languages): 559/604 (92.5%), 99/4,185
    # (2.37%) of words lost; names 278/314, addresses 46/52, documents 54/57; every birth
    # date, phone, handle, e-mail and link removed; tuned on 55 since (575/604, 100 lost)
    "privacy_blind_55.jsonl": (0.951, 0.0240),
    # blind (scrubber efc9a53, tuned on 1-55; 89 languages): 524/564 (92.9%), 102/4,487
    # (2.27%) of words lost; names 262/291, addresses 44/50, birth dates 53/58; every
    # phone, document, handle, e-mail and link removed; tuned on 56 since (537/564, 104 lost)
    "privacy_blind_56.jsonl": (0.952, 0.0233),
    # blind (scrubber 3905139, tuned on 1-56; 90 languages): 489/519 (94.2%), 99/5,755
    # (1.72%) of words lost; names 235/262, addresses 43/45, birth dates 54/55; every
    # handle, e-mail, phone, document and link removed; tuned on 57 since (493/519, 92 lost)
    "privacy_blind_57.jsonl": (0.949, 0.0161),
    # blind (scrubber 8a1cb76, tuned on 1-57; 94 languages): 512/549 (93.3%), 130/4,031
    # (3.23%) of words lost; names 250/279, addresses 47/50, documents 49/53; every
    # handle, e-mail, phone and link removed; tuned on 58 since (512/549, 115 lost)
    "privacy_blind_58.jsonl": (0.932, 0.0286),
    # blind (scrubber ef021b7, tuned on 1-58; 91 languages): 521/546 (95.4%), 108/3,558
    # (3.04%) of words lost; names 248/269, addresses 50/52, birth dates 59/61; every
    # handle, e-mail, phone, document and link removed
    "privacy_blind_59.jsonl": (0.954, 0.0305),
    # blind (scrubber 3d165fd, tuned on 1-59; 90 languages): 511/542 (94.3%), 108/4,257
    # (2.54%) of words lost; names 255/281, addresses 48/50, birth dates 54/56; every
    # e-mail, phone, document and link removed
    "privacy_blind_60.jsonl": (0.942, 0.0255),
    # blind (scrubber 6c2df15, tuned on 1-60; 91 languages): 309/339 (91.2%), 52/3,719
    # (1.40%) of words lost; names 190/213, addresses 23/26, links 4/7; every birth
    # date, handle, e-mail and phone removed
    "privacy_blind_61.jsonl": (0.911, 0.0141),
    # blind (scrubber 2d8cae2, tuned on 1-61; 90 languages): 366/391 (93.6%), 72/3,876
    # (1.86%) of words lost; names 206/227, addresses 39/42, birth dates 37/38; every
    # handle, e-mail, phone, document and link removed
    "privacy_blind_62.jsonl": (0.936, 0.0187),
    # blind (scrubber 62af376, tuned on 1-62; 91 languages): 365/382 (95.5%), 81/2,964
    # (2.73%) of words lost; names 207/219, addresses 38/40, birth dates 33/36; every
    # handle, e-mail, phone, document and link removed
    "privacy_blind_63.jsonl": (0.955, 0.0274),
    # blind (scrubber 5ddd3f3, tuned on 1-63; 93 languages): 333/363 (91.7%), 71/3,733
    # (1.90%) of words lost; names 188/210, addresses 34/39, birth dates 31/33; every
    # handle, e-mail, phone and link removed
    "privacy_blind_64.jsonl": (0.917, 0.0191),
    # blind (same scrubber, written beside 64; 91 languages): 409/448 (91.3%), 64/3,574
    # (1.79%) of words lost; names 240/269, addresses 31/40, links 3/4; every birth date,
    # handle, e-mail, phone and document removed
    "privacy_blind_65.jsonl": (0.912, 0.0180),
    # blind (scrubber f80851c, tuned on 1-65; 93 languages): 411/449 (91.5%), 43/3,503
    # (1.23%) of words lost, the fewest of any mix; names 226/256, addresses 22/30;
    # every birth date, handle, e-mail, phone, document and link removed
    "privacy_blind_66.jsonl": (0.915, 0.0124),
    # blind (same scrubber, written beside 66; 91 languages): 268/286 (93.7%), 56/3,571
    # (1.57%) of words lost; names 152/162, addresses 19/24, birth dates 26/28
    "privacy_blind_67.jsonl": (0.937, 0.0158),
    # blind (scrubber 1b5af03, tuned on 1-67; 89 languages): 364/392 (92.9%), 52/3,938
    # (1.32%) of words lost; names 203/224, addresses 23/26, phones 45/47
    "privacy_blind_68.jsonl": (0.928, 0.0133),
    # blind (same scrubber, written beside 68; 90 languages): 379/394 (96.2%), 57/3,244
    # (1.76%) of words lost, the first mix to meet both aims; names 207/219, addresses
    # 33/36; every birth date, handle, e-mail, phone, document and link removed
    "privacy_blind_69.jsonl": (0.961, 0.0177),
    # blind (scrubber 1b5af03, tuned on 1-67, as 68 and 69; 90 languages): 388/414
    # (93.7%), 68/3,467 (1.96%) of words lost; names 201/218, birth dates 48/54
    "privacy_blind_70.jsonl": (0.937, 0.0197),
    # blind (same scrubber, written beside 70; 91 languages): 379/418 (90.7%), 52/3,990
    # (1.30%) of words lost; names 195/223, addresses 36/45
    "privacy_blind_71.jsonl": (0.906, 0.0131),
    # blind (scrubber c75d9af, tuned on 1-71; 91 languages): 404/425 (95.1%), 74/3,481
    # (2.13%) of words lost; names 218/234, addresses 27/30
    "privacy_blind_72.jsonl": (0.950, 0.0214),
    # blind (same scrubber, written beside 72; 91 languages): 386/413 (93.5%), 56/3,420
    # (1.64%) of words lost; names 206/226, addresses 24/29
    "privacy_blind_73.jsonl": (0.934, 0.0165),
    # blind (scrubber 349366a, tuned on 1-73; 91 languages): 335/365 (91.8%), 49/3,515
    # (1.39%) of words lost; names 191/213, addresses 22/28
    "privacy_blind_74.jsonl": (0.917, 0.0140),
    # blind (same scrubber, written beside 74; 91 languages): 397/431 (92.1%), 98/3,778
    # (2.59%) of words lost; names 226/251, addresses 26/31
    "privacy_blind_75.jsonl": (0.921, 0.0260),
    # blind (scrubber ca4f933, tuned on 1-75; 89 languages): 337/352 (95.7%), 34/3,685
    # (0.92%) of words lost, the second mix to meet both aims; names 191/200
    "privacy_blind_76.jsonl": (0.957, 0.0093),
    # blind (same scrubber, written beside 76; 91 languages): 403/434 (92.9%), 77/3,931
    # (1.96%) of words lost; names 235/261
    "privacy_blind_77.jsonl": (0.928, 0.0197),
    # blind (scrubber f1e62e1, tuned on 1-77; 90 languages): 330/349 (94.6%), 46/3,094
    # (1.49%) of words lost; names 177/194, addresses 33/34
    "privacy_blind_78.jsonl": (0.945, 0.0150),
    # blind (same scrubber, written beside 78; 91 languages): 328/345 (95.1%), 63/3,636
    # (1.73%) of words lost, the third mix to meet both aims; names 192/204
    "privacy_blind_79.jsonl": (0.950, 0.0174),
    # blind (scrubber 5d3e0c2, tuned on 1-77; 91 languages): 347/368 (94.3%), 55/3,607
    # (1.52%) of words lost; names 199/213, addresses 28/34
    "privacy_blind_80.jsonl": (0.942, 0.0153),
    # blind (same scrubber, written beside 80; 91 languages): 454/488 (93.0%), 56/3,636
    # (1.54%) of words lost; names 267/296
    "privacy_blind_81.jsonl": (0.930, 0.0155),
    # blind (scrubber 8cb5d2e, tuned on 1-77, 80-81; 94 languages): 265/284 (93.3%), 58/3,619
    # (1.60%) of words lost; names 161/177
    "privacy_blind_82.jsonl": (0.933, 0.0161),
    # blind (same scrubber, written beside 82; 91 languages): 414/439 (94.3%), 64/3,321
    # (1.93%) of words lost; names 209/227, dates of birth 64/67
    "privacy_blind_83.jsonl": (0.943, 0.0194),
    # blind (scrubber c719704, tuned on 1-77, 80-83; 90 languages): 352/372 (94.6%), 60/3,020
    # (1.99%) of words lost; names 180/190, addresses 35/42
    "privacy_blind_84.jsonl": (0.946, 0.0200),
    # blind (same scrubber, written beside 84; 89 languages): 336/358 (93.9%), 69/3,744
    # (1.84%) of words lost; names 178/193, addresses 33/39
    "privacy_blind_85.jsonl": (0.938, 0.0185),
    # blind (scrubber da79220, tuned on 1-77, 80-85; 94 languages): 391/415 (94.2%), 75/3,705
    # (2.02%) of words lost; names 224/240, addresses 24/31
    "privacy_blind_86.jsonl": (0.942, 0.0203),
    # blind (same scrubber, written beside 86; 91 languages): 363/385 (94.3%), 64/3,217
    # (1.99%) of words lost; names 193/206, addresses 27/35
    "privacy_blind_87.jsonl": (0.942, 0.0200),
    # blind (scrubber 938d5a2, tuned on 1-77, 80-87; 91 languages): 301/319 (94.4%), 50/3,074
    # (1.63%) of words lost; names 170/185
    "privacy_blind_88.jsonl": (0.943, 0.0164),
    # blind (same scrubber, written beside 88; 93 languages): 393/420 (93.6%), 61/3,663
    # (1.67%) of words lost; names 212/232, addresses 28/34
    "privacy_blind_89.jsonl": (0.935, 0.0168),
    # blind (scrubber 0c6716b, tuned on 1-89; 92 languages): 560/606 (92.4%), 92/4,212
    # (2.18%) of words lost; names 281/315, addresses 42/49
    "privacy_blind_90.jsonl": (0.924, 0.0219),
    # blind (same scrubber, written beside 90; 89 languages): 363/382 (95.0%), 88/3,423
    # (2.57%) of words lost; names 215/229
    "privacy_blind_91.jsonl": (0.950, 0.0258),
    # blind (scrubber 5f77413, tuned on 1-91; 92 languages): 383/403 (95.0%), 58/3,428
    # (1.69%) of words lost; names 205/219, addresses 24/28
    "privacy_blind_92.jsonl": (0.950, 0.0170),
    # blind (same scrubber, written beside 92; 91 languages): 454/481 (94.4%), 71/4,171
    # (1.70%) of words lost; names 252/275
    "privacy_blind_93.jsonl": (0.943, 0.0171),
    # blind (scrubber 1dd50f4, tuned on 1-93; 92 languages): 290/304 (95.4%), 63/3,381
    # (1.86%) of words lost; names 172/184
    "privacy_blind_94.jsonl": (0.953, 0.0187),
    # blind (same scrubber, written beside 94; 89 languages): 437/462 (94.6%), 59/3,478
    # (1.70%) of words lost; names 236/253, addresses 22/28
    "privacy_blind_95.jsonl": (0.945, 0.0171),
    # blind (scrubber 0b22d40, tuned on 1-95; 90 languages): 399/423 (94.3%), 70/4,028
    # (1.74%) of words lost; names 216/235
    "privacy_blind_96.jsonl": (0.943, 0.0175),
    # blind (same scrubber, written beside 96; 91 languages): 365/386 (94.6%), 28/3,840
    # (0.73%) of words lost; names 219/237
    "privacy_blind_97.jsonl": (0.945, 0.0074),
    # blind (scrubber 35d088f, tuned on 1-97; 91 languages): 386/415 (93.0%), 56/3,700
    # (1.51%) of words lost; names 205/226, addresses 30/36
    "privacy_blind_98.jsonl": (0.930, 0.0152),
    # blind (same scrubber, written beside 98; 91 languages): 299/313 (95.5%), 46/3,351
    # (1.37%) of words lost; names 178/191
    "privacy_blind_99.jsonl": (0.955, 0.0138),
    # blind, never tuned on (scrubber 35d088f, tuned on 1-97; 91 languages): 385/416
    # (92.5%), 67/3,506 (1.91%) of words lost; names 193/215, addresses 33/40. Words
    # floor raised by the round tuned on 100/101 (396/416, 68 words): a home's number
    # written "Hse No. C 214/7" is now read, and its landmark after it goes with it as
    # after every address ("behind the Methodist church": its writer kept it, batch 19's
    # writers did not; the landmark is the safer side to scrub)
    "privacy_blind_100.jsonl": (0.925, 0.0195),
    # blind, never tuned on (same scrubber, written beside 100; 90 languages): 424/445
    # (95.3%), 38/3,443 (1.10%) of words lost; names 216/226
    "privacy_blind_101.jsonl": (0.952, 0.0111),
    # blind (scrubber af751d8, tuned on 1-101; 90 languages): 459/476 (96.4%), 65/3,615
    # (1.80%) of words lost; names 234/246, addresses 36/41
    "privacy_blind_102.jsonl": (0.964, 0.0181),
    # blind (same scrubber, written beside 102; 93 languages): 383/403 (95.0%), 44/3,649
    # (1.21%) of words lost; names 225/239, addresses 17/22
    "privacy_blind_103.jsonl": (0.950, 0.0122),
    # blind, never tuned on (scrubber af751d8, tuned on 1-101; 90 languages): 364/389
    # (93.6%), 49/4,097 (1.20%) of words lost; names 200/219, addresses 20/25
    "privacy_blind_104.jsonl": (0.935, 0.0121),
    # blind, never tuned on (same scrubber, written beside 104; 92 languages): 428/453
    # (94.5%), 62/3,720 (1.67%) of words lost; names 238/260, addresses 26/29
    "privacy_blind_105.jsonl": (0.944, 0.0168),
    # blind (scrubber 7e73dea, tuned on 1-105; 91 languages): 348/367 (94.8%), 93/4,124
    # (2.26%) of words lost; names 193/201, addresses 45/54
    "privacy_blind_106.jsonl": (0.948, 0.0227),
    # blind (same scrubber, written beside 106; 91 languages): 452/472 (95.8%), 60/3,347
    # (1.79%) of words lost; names 222/236, addresses 42/46
    "privacy_blind_107.jsonl": (0.957, 0.0180),
    # blind (scrubber 7ccdd91, tuned on 1-107; 91 languages): 362/377 (96.0%), 52/4,236
    # (1.23%) of words lost; names 221/232
    "privacy_blind_108.jsonl": (0.960, 0.0124),
    # blind (same scrubber, written beside 108; 91 languages): 531/563 (94.3%), 63/4,520
    # (1.39%) of words lost; names 298/324, addresses 34/40
    "privacy_blind_109.jsonl": (0.943, 0.0140),
    # blind, never tuned on (scrubber 7ccdd91, tuned on 1-107; 91 languages): 417/434
    # (96.1%), 78/3,792 (2.06%) of words lost; names 222/235
    "privacy_blind_110.jsonl": (0.960, 0.0207),
    # blind, never tuned on (same scrubber, written beside 110; 92 languages): 368/384
    # (95.8%), 66/3,270 (2.02%) of words lost; names 193/204, addresses 27/32
    "privacy_blind_111.jsonl": (0.958, 0.0203),
    # blind, never tuned on (scrubber 7ccdd91, tuned on 1-107; 91 languages): 349/364
    # (95.9%), 78/3,618 (2.16%) of words lost; names 201/213
    "privacy_blind_112.jsonl": (0.958, 0.0217),
    # blind, never tuned on (same scrubber, written beside 112; 91 languages): 357/374
    # (95.5%), 59/3,582 (1.65%) of words lost; names 203/219
    "privacy_blind_113.jsonl": (0.954, 0.0166),
}


def test_the_labelled_batches_stay_scrubbed() -> None:
    paths = {p.name: p for p in pe.batches()}
    for name, (removed, lost) in FLOORS.items():  # only batches already scored blind
        s = pe.evaluate(list(pe.read_records(paths[name]))).summary()
        assert s["removed_share"] >= removed, (name, s["per_kind"])
        assert s["words_lost_share"] < lost, (name, s["words_lost"])


# --- classes generalised after batch 5 (made-up text in other wordings and languages) ----


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a name opening a sentence, listed with a found one by "and" or a list going on
        ("Oyelaran and Temitope Bakare, both from Ibadan, were moved to Lagos.",
         "[NAME] and [NAME], both from Ibadan, were moved to Lagos."),
        ("Yulisa, Marbelis Rojas y Keidy Paz fueron trasladadas a Cúcuta.",
         "[NAME], [NAME] y [NAME] fueron trasladadas a Cúcuta."),
        # quoted self-names after more cues, nicknames that are words after a nickname cue
        ("The broker, who introduced himself as \"Bobby\", collected fees.",
         "The broker, who introduced himself as \"[NAME]\", collected fees."),
        ("Un homme qui se présentait comme « Tonton » gérait le foyer.",
         "Un homme qui se présentait comme « [NAME] » gérait le foyer."),
        ("La donna, chiamata «Mamma Joy», teneva i documenti.",
         "La donna, chiamata «Mamma [NAME]», teneva i documenti."),
        # "Boss" opens a name and stays out of it, in an alias too (batches 56-57)
        ("Er nannte sich „Boss Mike“ und kassierte die Pässe.",
         "Er nannte sich „Boss [NAME]“ und kassierte die Pässe."),
        ("Il caporale, detto «Zio», reclutava braccianti.",
         "Il caporale, detto «[NAME]», reclutava braccianti."),
        # Cyrillic: role words, surnames known by their endings, the birth year's cue after it
        ("Потерпевшая Зарина Юсупова, 1999 года рождения, работала на складе.",
         "Потерпевшая [NAME], [DOB] года рождения, работала на складе."),
        ("Свідок Оксана Ковальчук бачила, як посередник Ігор Бондаренко забирав паспорти.",
         "Свідок [NAME] бачила, як посередник [NAME] забирав паспорти."),
        ("Динара Сейткалиева сообщила, что её удерживали в кафе.",
         "[NAME] сообщила, что её удерживали в кафе."),
        ("Постраждалий проживав за адресою: просп. Перемоги, 15, кв. 88.",
         "Постраждалий проживав за адресою: [ADDRESS]."),
        # scripts without capitals: role cues, family names, digits of any script
        ("قال العامل، أحمد المنصوري، إن الكفيل، سعيد الشمري، لم يدفع راتبه.",
         "قال العامل، [NAME]، إن الكفيل، [NAME]، لم يدفع راتبه."),
        ("पीडित सीता तामाङ (जन्म मिति २०५८/११/०३) लाई दलाल हरि गुरुङले दुबई पठाएको थियो।",
         # the glued postposition "ले" (by) stays outside the name (name_edges, hscrub23)
         "पीडित [NAME] (जन्म मिति [DOB]) लाई दलाल [NAME]ले दुबई पठाएको थियो।"),
        ("ولدت بتاريخ ١٥/٠٣/١٩٩٨ في القاهرة.",
         "ولدت بتاريخ [DOB] في القاهرة."),
        ("実習生のチャン・ティ・フオンは、社長の佐藤健一から暴力を受けた。",
         "実習生の[NAME]は、社長の[NAME]から暴力を受けた。"),
        ("Em bị một phụ nữ tên Tuấn lừa sang Trung Quốc.",
         "Em bị một phụ nữ tên [NAME] lừa sang Trung Quốc."),
        # addresses: parts before a core, continental, km posts, PO boxes
        ("Die Unterkunft befand sich Im Winkel 12, 50667 Köln, im zweiten Stock.",
         "Die Unterkunft befand sich [ADDRESS] Köln, im zweiten Stock."),
        ("Il recapito è Via dei Mille 22, 80121 Napoli.",
         "Il recapito è [ADDRESS] Napoli."),
        ("La finca estaba en Camino de los Llanos, km 14, cerca de Lorca.",
         "La finca estaba en [ADDRESS], cerca de Lorca."),
        ("Workers slept in a barn at Oak Tree Farm, Hollow Lane, Wisbech PE13 4QT.",
         "Workers slept in a barn at [ADDRESS], Wisbech [ADDRESS]."),
        ("She was kept in Room 5, 3/F, Golden Dragon Mansion, 88 Nathan Road, Mong Kok.",
         "She was kept in [ADDRESS], Mong Kok."),
        ("They were housed at Al Noor Residence, Flat 305, Al Barsha, and driven to sites.",
         "They were housed at [ADDRESS], and driven to sites."),
        ("Écrire à B.P. 4521, Douala pour joindre la mère.",
         "Écrire à [ADDRESS], Douala pour joindre la mère."),
        # names joined over particles and short given names; passive agents; opening given names
        ("The owner, Md. Rafiqul Islam, kept the boys at the kiln.",
         "The owner, [NAME], kept the boys at the kiln."),
        ("El dueño, Juan Carlos de los Santos Prieto, fue detenido en Murcia.",
         "El dueño, [NAME], fue detenido en Murcia."),
        ("Josefa nasceu em 03/07/2004 e foi levada por Edinaldo para uma fazenda.",
         "[NAME] nasceu em [DOB] e foi levada por [NAME] para uma fazenda."),
        # a word no list knows, set apart, before a Spanish or Portuguese preterite
        ("Durante el viaje, Yeimi perdió contacto con su familia.",
         "Durante el viaje, [NAME] perdió contacto con su familia."),
        ("Mais tarde, Josué voltou a Manaus.", "Mais tarde, [NAME] voltou a Manaus."),
        ("Josefa lives in Recife.", "[NAME] lives in Recife."),
        # Chinese after a role, Thai after "ชื่อ" and a titled name's surname, Bengali cues
        ("受害人王丽华称，中介李强扣留了她的护照。", "受害人[NAME]称，中介[NAME]扣留了她的护照。"),
        ("ผู้เสียหาย นางสาวมาลี สุขใจ ถูกนายหน้าชื่อสมชาย พาไปทำงาน",
         "ผู้เสียหาย นางสาว[NAME] ถูกนายหน้าชื่อ[NAME] พาไปทำงาน"),
        ("ভুক্তভোগী রহিমা খাতুনকে দালাল করিম মিয়া ভারতে পাচার করে।",
         "ভুক্তভোগী [NAME] দালাল [NAME] ভারতে পাচার করে।"),
        # hard negatives
        ("นายสมชาย ถูกจับที่ด่าน", "นาย[NAME] ถูกจับที่ด่าน"),
        ("老板说工资下个月发。", "老板说工资下个月发。"),
        ("Zara suppliers were audited.", "Zara suppliers were audited."),
        # an Arabic family name after a known name is a nisba (al- … -i), not any al- word;
        # the given name alone is taken by the learned recogniser, as batches label it (the
        # model of 1-20 takes "فاطمة" too; the model of 1-8 left it)
        ("سافر أحمد الأسبوع الماضي إلى دبي.", "سافر [NAME] الأسبوع الماضي إلى دبي."),
        ("وصلت فاطمة المطار صباحا.", "وصلت [NAME] المطار صباحا."),
        ("Площадь Пушкина закрыли.", "Площадь Пушкина закрыли."),
        # after an Indic role cue, a postposition or particle is no name
        ("पीड़िता ने बताया कि उसे दिल्ली ले जाया गया।", "पीड़िता ने बताया कि उसे दिल्ली ले जाया गया।"),
        ("मालिक के घर में काम करती थी।", "मालिक के घर में काम करती थी।"),
        ("La Fiscalía General de la Nación abrió una investigación en Santa Marta.",
         "La Fiscalía General de la Nación abrió una investigación en Santa Marta."),
        ("Monday and Tuesday were the worst days, the workers said.",
         "Monday and Tuesday were the worst days, the workers said."),
        ("Canada and Mexico signed the agreement; Kenya, Uganda and Tanzania joined later.",
         "Canada and Mexico signed the agreement; Kenya, Uganda and Tanzania joined later."),
        ("Salvation Army and Caritas staff met the group in Leeds.",
         "Salvation Army and Caritas staff met the group in Leeds."),
        ("В 2001 году рождения детей в регионе стало меньше.",
         "В 2001 году рождения детей в регионе стало меньше."),
        ("東京都と大阪府の工場で技能実習生が働いていた。",
         "東京都と大阪府の工場で技能実習生が働いていた。"),
        ("社長の判断で工場は閉鎖された。",
         "社長の判断で工場は閉鎖された。"),
        ("ホー・チ・ミン市から来た。",
         "ホー・チ・ミン市から来た。"),
        ("Inspectors visited Green Valley Farm, Station Road, near Boston, in March.",
         "Inspectors visited Green Valley Farm, Station Road, near Boston, in March."),
        ("Mrs Okoro's place, 5 Adeola Odeku St, Victoria Island",
         "Mrs [NAME]'s place, [ADDRESS]"),
        ("Staff of the Victoria and Albert Museum helped.",
         "Staff of the Victoria and Albert Museum helped."),
        ("Niña guatemalteca de 15 años, trabajaba sin pago.",
         "Niña guatemalteca de 15 años, trabajaba sin pago."),
        ("The operation called \"Safe Harbour\" began.",
         "The operation called \"Safe Harbour\" began."),
    ],
)  # fmt: skip
def test_classes_generalised_after_batch_5(text: str, kept: str) -> None:
    assert scrub(text).text == kept
