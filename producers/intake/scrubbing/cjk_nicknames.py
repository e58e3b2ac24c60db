"""How Chinese and Korean text calls a person without a full name (pure).

A surname and a title ("黃先生", "刘姐", "陳太", "王老板"): the surname is the name; the
title stays, as for "Mama Joy". A familiar form ("阿强", "阿妮", "老张"): 阿 and one
character, 老 and a surname, the whole. A name quoted after a word for being called
("自称“阿龙哥”", "一名叫“龙哥”的老板", "绰号「黑皮」"): what the quotes hold. Korean writes a
surname and a work title as one word ("김사장", boss Kim): the whole. A form that the
dictionary (jieba's, read by ``han_names``) counts as an ordinary word is none ("阿姨",
auntie; "老师", teacher). A surname told alone after 姓 ("介绍人姓王，", the introducer is
surnamed Wang; "一个姓李的男人"): that character.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.han_names import word_count
from producers.intake.scrubbing.lexicon import lexicon

_HAN = "\u4e00-\u9fff"
_TITLES = (
    "先生|太太|太|女士|小姐|姐|哥|总|總|老板|老闆|经理|經理|师傅|師傅|叔|嫂|"
    "老师|老師|阿姨|大姐|大哥"
)
_SURNAME_TITLE = re.compile(rf"(?P<name>[{_HAN}])(?:{_TITLES})")
_FAMILIAR = re.compile(rf"(?P<name>阿[{_HAN}](?:哥|姐)?|老[{_HAN}])")
_CALLED = re.compile(
    rf"(?:自称|自稱|名叫|叫做|叫|称为|稱為|人称|人稱|绰号|綽號|外号|外號|化名|别名|別名|昵称|暱稱)"
    rf"[“「『\"'](?P<name>[{_HAN}]{{1,4}})[”」』\"']"
)
_KOREAN_SURNAMES = (
    "김박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나엄원채천방공현함"
    "변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)
_KOREAN_TITLED = re.compile(
    rf"(?<![가-힣])[{_KOREAN_SURNAMES}](?:사장|실장|부장|과장|팀장|반장|사모)(?=님|[^가-힣]|[은는이가을를의에께도만]|$)"
)
# 姓 and one listed surname closing its clause or before 的; not 姓名 (a name, the word)
_SURNAMED = re.compile(rf"(?<!百)[姓](?P<name>[{_HAN}])(?=的|[，,。、；;：:）)\s]|$)")
_MAX_COUNT = 200  # as han_names: a form counted this often is an ordinary word


def cjk_nickname_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if re.search(f"[{_HAN}]", text) and not re.search("[\u3040-\u30ff]", text):
        surnames = lexicon().scripts.han_surnames
        for m in _CALLED.finditer(text):
            name = m.group("name")
            titled = _SURNAME_TITLE.fullmatch(name)
            if titled and name[0] in surnames:
                out.append((m.start("name"), m.start("name") + 1))  # "刘姐": 刘
            else:
                out.append((m.start("name"), m.end("name")))
        for m in _SURNAME_TITLE.finditer(text):
            at = m.start("name")
            before = text[at - 1 : at + 1] if at else ""
            if (
                m.group("name") in surnames
                and word_count(m.group(0)) < _MAX_COUNT
                and (not before or word_count(before) < _MAX_COUNT)
            ):
                out.append((at, at + 1))
        out += [
            (m.start("name"), m.end("name"))
            for m in _SURNAMED.finditer(text)
            if m.group("name") in surnames
        ]
        for m in _FAMILIAR.finditer(text):
            name = m.group("name")
            if name[0] == "老" and name[1] not in surnames:
                continue
            at = m.start("name")
            # no word of the dictionary opens here: "阿姨", "阿富汗" (its prefix "阿富" is 0)
            if word_count(name[:2]) < _MAX_COUNT and not any(
                word_count(text[at : at + n]) for n in (3, 4)
            ):
                out.append((at, m.end("name")))
    if re.search("[가-힣]", text):
        out += [(m.start(), m.end()) for m in _KOREAN_TITLED.finditer(text)]
    return out
