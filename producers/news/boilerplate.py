"""Link lists and comment threads a scraped page carries below or beside the story (pure).

"ALSO READ", "Related:", "Recommended for you", "Read more: …" and the comments are other
stories' headlines and readers' words: the places they name ("Pakistan: Lahore police
arrest fake doctors") are not the case's. Such a block runs from its marker to the next
blank line; a paragraph that merely starts with the word ("Related charges were…") is kept,
as the marker must stand alone or be followed by a colon, a bar, a bullet or a dash.
"""

from __future__ import annotations

import re

LINK_BLOCK = re.compile(
    r"(?im)^[ \t]*(?:also read|related(?: news| stories| articles| coverage| content)?|"
    r"recommended(?: for you| stories)?|read more|more on this(?: story)?|most read|"
    r"you may also like|more stories|see also|top comments?|comments?)"
    r"(?=[ \t]*$|[ \t]*[:|•›–—-])[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*"
)


def without_links(text: str) -> str:
    """The text with its link lists and comment threads removed."""
    return LINK_BLOCK.sub("", text)
