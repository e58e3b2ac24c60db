"""Names in scripts without capitals told by analysers and lists that ship their data in
their wheels: Japanese by fugashi + unidic-lite (ja_names), Korean by Kiwi (ko_names),
Thai by PyThaiNLP's name lists (th_names). Made-up sentences, none from a labelled batch,
with ordinary words and places beside them."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.ja_names import ja_name_spans
from producers.intake.scrubbing.ko_names import ko_name_spans
from producers.intake.scrubbing.th_names import th_name_spans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("寮の管理人は高橋健一で、パスポートを預かっていた。", ["高橋健一"]),
        ("ブローカーの 中村 さくら が求人を出していた。", ["中村 さくら"]),
        ("被害者のアナ・ロペスは名古屋の工場で働かされた。", ["アナ・ロペス"]),
    ],
)
def test_japanese_persons_go(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e in ja_name_spans(text)] == names
    assert all(n not in scrub(text).text for n in names)


@pytest.mark.parametrize(
    "text",
    [
        "東京都新宿区の工場で、技能実習生が毎日十四時間働かされた。",  # places stay
        "陈彪把护照收走了。",  # no kana: Chinese, read by han_names
    ],
)
def test_japanese_places_and_chinese_text_stay(text: str) -> None:
    assert ja_name_spans(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("고용주 윤재석은 여권을 돌려주지 않았다.", ["윤재석"]),
        ("피해 여성 말리아 세데뇨가 부산에서 구조되었다.", ["말리아", "세데뇨"]),
        ("브로커는 한미숙이라는 여자였다.", ["한미숙"]),
    ],
)
def test_korean_names_go(text: str, names: list[str]) -> None:
    found = [text[s:e] for s, e in ko_name_spans(text)]
    assert all(n in found for n in names)
    assert all(n not in scrub(text).text for n in names)


@pytest.mark.parametrize(
    "text",
    [
        "경기도 화성시의 공장에서 노동자 열두 명이 구조되었다.",  # a province and a city
        "선원 지원센터에 신고가 접수되었다.",  # a centre after a word for a person
    ],
)
def test_korean_places_stay(text: str) -> None:
    assert ko_name_spans(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("นายหน้า สมศักดิ์ ใจดี พาแรงงานข้ามแดน", "สมศักดิ์ ใจดี"),
        ("เจ้าของร้านชื่อนางสาวมาลี สุขสวัสดิ์ ยึดบัตรไว้", "มาลี สุขสวัสดิ์"),
    ],
)
def test_thai_given_and_family_names_go(text: str, name: str) -> None:
    assert [text[s:e] for s, e in th_name_spans(text)] == [name]
    assert name not in scrub(text).text


def test_a_thai_given_name_alone_stays() -> None:
    # either list alone holds ordinary words: a given name needs a family name after it
    assert th_name_spans("แรงงาน 11 คน ทำงานบนเรือประมง สมชาย ที่ท่าเรือ") == []
