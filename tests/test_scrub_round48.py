"""Towns, districts and provinces beside an address stay (team decision, 2026-12-05) when
named by their unit's word, after a postcode or with a state; the round on batch 48."""

from __future__ import annotations

import pytest

from producers.intake.scrubbing.pipeline import scrub, scrub_place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # districts, wards and provinces by their unit's word, closing or opening an address
        (
            "Alamat keluarga: Jl. Soekarno No. 12, RT 003/RW 002, Kel. Oebobo, Kota Kupang.",
            "Alamat keluarga: [ADDRESS], Kel. Oebobo, Kota Kupang.",
        ),
        (
            "Ээжийнх нь хаяг: Улаанбаатар, Баянзүрх дүүрэг, 13-р хороо, 45-р байр, 12 тоот. "
            "Утас: 9911-4827.",
            "Ээжийнх нь хаяг: Улаанбаатар, Баянзүрх дүүрэг, 13-р хороо, [ADDRESS]. Утас: [PHONE].",
        ),
        (
            "피해자 주소: 경기도 안산시 단원구 원곡로 45, 3층 302호.",
            "피해자 주소: 경기도 안산시 단원구 [ADDRESS].",
        ),
        (
            "Atölye adresi: Merkez Mah. Çınar Sok. No: 12 Kat: 2, Bağcılar/İstanbul.",
            "Atölye adresi: [ADDRESS], Bağcılar/İstanbul.",
        ),
        # a village before its district stays in the address
        (
            "alamat Dusun Krajan RT 03/RW 05, Desa Sukamaju, Kec. Cikalong, Kab. Tasikmalaya.",
            "alamat [ADDRESS], Kec. Cikalong, Kab. Tasikmalaya.",
        ),
        # a town after a postcode of a shape no house has, known or not; a town and its state
        (
            "woont aan de Kerkstraat 18a, 5061 EH Oisterwijk. Het",
            "woont aan de [ADDRESS] Oisterwijk. Het",
        ),
        ("at 18 Banksia Crescent, Toowoomba QLD.", "at [ADDRESS], Toowoomba QLD."),
        (
            "Διέμενε στην οδό Αχαρνών 112, 3ος όροφος, 104 46 Αθήνα.",
            "Διέμενε στην [ADDRESS] Αθήνα.",
        ),
        # a house and its street after a unit are no postcode and town
        ("lives at Apt 4C, 2209 Cedar Ave S, Minneapolis.", "lives at [ADDRESS], Minneapolis."),
        # a residence card's fields are no address; a short word closing an address ends it
        (
            "OCR, residence card (partial): Surname: KHAN / Given names: IMRAN ALI / Remarks: "
            "employment permitted with sponsor only.",
            "OCR, residence card (partial): Surname: [NAME] / Given names: [NAME] / Remarks: "
            "employment permitted with sponsor only.",
        ),
        # an airport named for someone names no one
        ("collected us at Jomo Kenyatta airport", "collected us at Jomo Kenyatta airport"),
    ],
)
def test_round_48(text: str, expected: str) -> None:
    assert scrub(text).text == expected


def test_a_place_fields_district_stays() -> None:
    out = scrub_place("home of Mzee Saidi Omari, Kitongoji cha Mbuyuni, Kilosa District")
    assert out.text == "[ADDRESS], Kilosa District"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Georgian and Armenian surnames by their suffixes, in a case form, with the given
        # name before; kin words and streets named for someone stay
        (
            "წაიყვანა გიორგი კაპანაძემ. პასპორტი კაპანაძეს აქვს.",
            "წაიყვანა [NAME]. პასპორტი [NAME] აქვს.",
        ),
        (
            "Աշխատանքի է մեկնել Արմեն Սարգսյանի միջնորդությամբ։",
            "Աշխատանքի է մեկնել [NAME] միջնորդությամբ։",
        ),
        ("ქალიშვილი და ძმისძე წავიდნენ საბერძნეთში", "ქალიშვილი და ძმისძე წავიდნენ საბერძნეთში"),
        ("ილია ჭავჭავაძის სახელობის უნივერსიტეტში", "ილია ჭავჭავაძის სახელობის უნივერსიტეტში"),
        ("Ոստիկանությանը հայտնել են։", "Ոստիկանությանը հայտնել են։"),
        # a nickname in quotes after a calling verb: a place's name said of a person too
        ('everyone called him "Beni".', 'everyone called him "[NAME]".'),
        (
            "Ägaren, kallad ”Kenta”, tog hela hennes lön.",
            "Ägaren, kallad ”[NAME]”, tog hela hennes lön.",
        ),
        ("мужчына па мянушцы «Сівы» і забраў", "мужчына па мянушцы «[NAME]» і забраў"),
        # Sorani Kurdish "named" and kunya
        ("کەسێک بە ناوی ئەبو عومەر لە موسڵ", "کەسێک بە ناوی [NAME] لە موسڵ"),
        # the answering speaker of an officer labelled by rank and name
        (
            "Officer Brown: When?\nElira: In 2022.\nOfficer Brown: Where?\nElira: In Tirana.",
            "Officer [NAME]: When?\n[NAME]: In 2022.\nOfficer [NAME]: Where?\n[NAME]: In Tirana.",
        ),
    ],
)
def test_names_round_48(text: str, expected: str) -> None:
    assert scrub(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wadda aka haifa ranar 4 ga Afrilu, 2006, Alhaji", "wadda aka haifa ranar [DOB], Alhaji"),
        ("teraka tamin'ny 14 Jona 1998, dia", "teraka tamin'ny [DOB], dia"),
        ("na fanau i le aso 10 Iuni 2001, na ave", "na fanau i le aso [DOB], na ave"),
        ("(जन्म मिति वि.सं. २०५८/०५/१२) लाई", "(जन्म मिति वि.सं. [DOB]) लाई"),
    ],
)
def test_birth_dates_round_48(text: str, expected: str) -> None:
    assert scrub(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round on 49: Bulgarian "is called", a Lithuanian and a Finnish owner before the
        # phone (with "is" and no colon), a Lithuanian declined surname's other form
        ("Сводникът се казва Петьо, тел. 0888 123.", "Сводникът се казва [NAME], тел. [PHONE]."),
        ("Той казва, че Пловдив е далеч.", "Той казва, че Пловдив е далеч."),
        ("Laineen puhelinnumero oli 040 123 4567.", "[NAME] puhelinnumero oli [PHONE]."),
        ("Darbdavio telefonas +370 612 34567.", "Darbdavio telefonas [PHONE]."),
        (
            "Darbdaviui Jonui Kazlauskui jis atidavė pasą. Kazlausko telefonas +370 612 34567.",
            # the given name too since its surname's ending is read (round 88)
            "Darbdaviui [NAME] jis atidavė pasą. [NAME] telefonas [PHONE].",
        ),
    ],
)
def test_round_49(text: str, expected: str) -> None:
    assert scrub(text).text == expected
