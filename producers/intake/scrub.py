"""Scrubbing free text before anything is stored: the entry point intake and news import.

The rules live in ``producers.intake.scrubbing`` (one module each: contacts, numbers,
birth dates, addresses, names, the pipeline that joins their spans); this module keeps
the names the rest of tahub imports.
"""

from __future__ import annotations

from producers.intake.scrubbing.pipeline import ScrubResult, is_known_place, scrub, scrub_place

__all__ = ["ScrubResult", "is_known_place", "scrub", "scrub_place", "warm"]

# made up, one text a script (a text with kana is read as Japanese, not Chinese): together
# they wake every part, a Latin name, a birth date, a phone, an email, jieba's dictionary,
# UniDic, Kiwi's model and the Thai analyser
WAKE = (
    "Recruited by Maria Petrova in Mae Sot, born 1 May 1990, phone +44 7700 900123, "
    "mail m.p@example.org",
    "陈彪在广州被招募",
    "山口さんは大阪で働いた",
    "김지은씨는 서울에서 일했다",
    "สมชาย ใจดี ทำงานที่ระยอง",
)


def warm() -> None:
    """Loads the scrubber's lexicons and models (~5 s once per process, longer on a busy
    machine) so that a process's first scrubbed text does not wait for them: a partner's
    first submission to a fresh intake once took over 5 s on a loaded machine."""
    for text in WAKE:  # the first, in Latin letters, builds the lexicon
        scrub(text)
