"""Thai and Lao nicknames after a kin title written onto them (pure).

"เจ๊แดง" (Jeh Daeng, the madam), "พี่บอย" (Phi Boy), "น้องฝ้าย" (Nong Fai), "ເອື້ອຍແດງ"
(Euay Daeng): Thai and Lao call people by a short nickname after a title of age or kinship,
glued to it, and the word ends at a space or a mark. Nicknames are words ("แดง" is red,
"ฝ้าย" cotton), so no list tells them; the title does. "พี่" and "น้อง" also open the words
for siblings ("พี่สาว", "น้องชาย", "พี่น้อง"), which are no name.
"""

from __future__ import annotations

import re

# a title, then a short nickname of Thai or Lao letters up to a space, a mark or the end
_TITLED = re.compile(
    r"(?:เจ๊|เฮีย|พี่|น้อง|ເອື້ອຍ|ອ້າຍ|ນ້ອງ)"
    "(?P<name>[\u0e01-\u0e4e\u0e81-\u0edf]{2,8})"
    r"(?![\u0e01-\u0e4e\u0e81-\u0edf])"
)
# what follows "พี่" or "น้อง" in the words for kin, not a name, and words said of a person
# after a title ("ไลน์ไอดีของเจ๊คือ …": the madam's LINE id is …)
_KIN = re.compile(
    r"สาว|ชาย|น้อง|เขย|สะใภ้|เลี้ยง|ๆ|ສາວ|ຊາຍ|ນ້ອງ|คือ|ที่|ก็|ได้|จะ|เป็น|บอก|ว่า|ให้|ไม่|ຄື|ທີ່|ບອກ|ວ່າ"
)


def th_titled(text: str) -> list[tuple[int, int]]:
    """Nicknames after a glued kin title (module docstring)."""
    out: list[tuple[int, int]] = []
    for m in _TITLED.finditer(text):
        if _KIN.match(m.group("name")):
            continue
        out.append((m.start("name"), m.end("name")))
    return out
