"""Foreign names written in Chinese characters, their parts joined by an interpunct (pure).

Chinese writes a foreign person's name by sound, its given name and surname apart by a
middle dot: "西蒂·努爾哈雅蒂" (Siti Nurhayati), "玛丽亚·桑托斯" (Maria Santos), "穆罕默德·阿里".
No list holds them, but the dot between characters is their mark, and the characters
they are spelt with are a small set (Xinhua's transliteration tables). The name is the
run of those characters on both sides of the dot: the words before it ("看護工", a care
worker) and after it ("说", said) are written with others.
"""

from __future__ import annotations

import re

# characters of the transliteration tables, simplified and traditional (the common ones)
_SOUNDS = (
    "阿艾爱愛安昂奥奧巴拜班邦贝貝本比彼宾賓波伯布查达達代戴丹道德迪蒂丁东東杜多厄恩尔爾法凡菲"
    "费費芬丰豐福弗伏盖蓋甘冈岡戈格贡貢古瓜圭哈海汉漢豪赫黑亨胡华華惠霍基吉加贾賈杰傑金卡凯凱"
    "坎康柯科克肯库庫夸奎拉莱萊兰蘭朗劳勞勒雷蕾黎里理丽麗利莉琳林留隆卢盧鲁魯路伦倫罗羅洛玛瑪"
    "马馬迈邁曼梅美门門蒙米密敏摩莫默姆穆纳納娜奈南内內尼妮努诺諾欧歐帕潘佩皮普齐齊奇乔喬琼瓊"
    "丘萨薩塞赛賽桑瑟森沙莎尚舍施史舒斯丝絲松苏蘇索塔泰坦汤湯唐特提图圖托瓦旺威维維温溫沃乌烏"
    "伍西希锡錫夏辛休雅亚亞扬揚耶伊依因英尤约約扎詹兹茲祖佐娅婭萝蘿琪珊黛薇芭夫什热熱茨久罕"
)
# (not a title in its brackets: "《哈利·波特》" is a book)
_NAME = re.compile(f"(?<![《〈{_SOUNDS}])[{_SOUNDS}]{{1,6}}(?:[·・•‧][{_SOUNDS}]{{1,8}})+")


def han_foreign_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a foreign name spelt in Chinese characters with its dot."""
    if not any(dot in text for dot in "·・•‧"):
        return []
    return [m.span() for m in _NAME.finditer(text)]
