"""Scrubbing round tuned on batches 1-37 (batch 37 scored blind first: BLIND.md):
correspondence between organisations. The texts are made up in the forms batch 37's
misses showed."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub
from producers.intake.scrubbing.name_letters import letter_names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the signature after a closing, less its title and role
        ("Please advise.\n\nYours faithfully,\nDr Amara Okonkwo-Reid\nCase Manager", "Amara"),
        ("Thank you.\n\nKind regards,\nTomasz Wróbel, Outreach Worker", "Wróbel"),
        ("Mohon bantuannya.\n\nHormat kami,\nSr. Yohana Seran, PI", "Seran"),
        ("Grazie.\n\nDistinti saluti\nDott.ssa Chiara Benedetti", "Benedetti"),
        ("Спасибо.\n\nС уважением,\nОльга Миронюк, юрист", "Миронюк"),
        ("شكراً لكم.\n\nمع خالص التحية،\nالمحامية سلمى العبيدي", "سلمى"),
        ("ধন্যবাদ।\n\nবিনীত,\nমাহমুদা আক্তার, কেস ওয়ার্কার", "মাহমুদা"),
        ("សូមអរគុណ។\n\nដោយក្តីគោរព\nលី សុខា បុគ្គលិកសង្គម", "សុខា"),
        # a signature after a dash, and a header's sender beside an e-mail address
        ("Shiuli is safe.\n— রুবিনা, কেস ওয়ার্কার", "রুবিনা"),
        ("From: Dara Pich <d.pich@example.org>\nTo: Labour Attaché\nSubject: crew", "Pich"),
        # a name on the line above a role names the signer, not a programme
        ("Best regards,\nNalin Perera\nProgramme Officer | Mobile +94 77 555 0101", "Perera"),
        # Greek titles before a name
        ("Ο κ. Ραφίκ Χασάν και η κα Ελένη Μαυρίδου ενημερώθηκαν.", "Χασάν"),
        ("Αξιότιμε κύριε Κωνσταντινίδη,\nσας γράφουμε", "Κωνσταντινίδη"),
        # rows that go on with the same word as a found row's
        (
            "Workers:\n1. Md. Rafiqul Islam – passport EB0482917\n"
            "2. Shahidul Alam – passport EF7719304",
            "Shahidul",
        ),
    ],
)
def test_names_in_correspondence_go(text: str, name: str) -> None:
    assert name not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        # the line after a closing that names a desk or a team, not a person
        "We will follow up.\n\nBest regards,\nMigrant Workers Desk",
        "Thanks,\nThe Hotline Team",
        # an amount in ringgit is no room
        "RM 1,800 was deducted from each of them as a levy.",
        "Regards,\n[refused]",
    ],
)
def test_what_only_looks_like_a_signature_stays(text: str) -> None:
    assert scrub(text).text == text


def test_a_header_without_an_address_names_no_one() -> None:
    assert letter_names("From: Labour Inspectorate\nTo: Shelter") == []
