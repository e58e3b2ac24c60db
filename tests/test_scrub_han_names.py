"""Chinese names with no cue, told by jieba's tagger (scrubbing/han_names.py): made-up
sentences, none from a labelled batch, with ordinary words the tagger calls names."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.han_names import han_name_spans


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("工头赵德胜每天只给工人两顿饭。", "赵德胜"),
        ("她说孙丽娟把她们的护照收走了。", "孙丽娟"),
        ("介绍人是邓伟，他在边境接人。", "邓伟"),
        ("老板刘建华扣了她的工资。", "刘建华"),
        ("被吴小芳骗到了缅甸。", "吴小芳"),
    ],
)
def test_a_name_with_no_cue_goes(text: str, name: str) -> None:
    assert [text[s:e] for s, e in han_name_spans(text)] == [name]
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "以高薪招聘为诱饵，把她们带到了边境。",  # "高薪" (high pay): the dictionary says nr
        "工厂在3丁目附近，工人每天工作十四小时。",  # a Japanese block after a digit
        "受害者被带到妙瓦底的园区从事电信诈骗。",  # a town, no surname first
        "二十名越南籍工人被解救。",
        "住所は大阪市西成区の寮で、李さんが管理していた。",  # kana: not this module's text
    ],
)
def test_ordinary_words_and_places_stay(text: str) -> None:
    assert han_name_spans(text) == []


def test_the_cut_gives_offsets_into_the_text() -> None:
    text = "  经纪人 王 美玲，和 陈彪（化名）联系。"
    assert all(text[s:e].strip() == text[s:e] for s, e in han_name_spans(text))
