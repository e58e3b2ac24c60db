"""Names listed in one spelling found in another: Arabic script without the hamza,
Sinhala conjuncts without the zero-width joiner."""

from __future__ import annotations

from producers.intake.scrubbing.pipeline import scrub
from producers.intake.scrubbing.spellings import spelled


def test_the_plain_forms_are_added_and_short_ones_left_out() -> None:
    forms = spelled(["أحمد", "فاطمة", "ප්\u200dරියන්ත", "إي", "محمد"])
    assert {"احمد", "فاطمه", "ප්රියන්ත"} <= forms
    assert "اي" not in forms  # two letters: an ordinary word too often
    assert "محمد" not in forms  # no other spelling: nothing added


def test_a_name_written_without_its_hamza_is_found() -> None:
    text = "عمل لدى الكفيل مع احمد منذ سنة"
    assert "احمد" not in scrub(text).text


def test_a_sinhala_name_written_without_the_joiner_is_found() -> None:
    text = "යවා ඇත්තේ උප නියෝජිත ප්රියන්ත ගමගේ විසිනි."
    assert "ප්රියන්ත" not in scrub(text).text
