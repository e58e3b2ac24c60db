"""The round tuned on batch 41 (after its blind score): an interview's other speaker by
their label, and a stamped chat's senders written in lower case. Made-up text, none from
a labelled batch."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Interview, Leeds\nINT: Who paid the driver?\nSamuel: My uncle paid him.\n"
         "INT: How much?\nSamuel: Two thousand euros.", "Samuel"),
        ("Entrevista en el albergue\nEntrevistadora: ¿Quién la llevó?\nMarisol: Un señor "
         "de Tapachula.\nEntrevistadora: ¿Cuándo?\nMarisol: En marzo.", "Marisol"),
    ],
)  # fmt: skip
def test_the_person_answering_an_interviewer_is_named_by_their_label(text: str, gone: str) -> None:
    out = scrub(text).text
    assert gone not in out
    assert "[NAME]:" in out


@pytest.mark.parametrize(
    "text",
    [
        # roles and answers, not names: they stay
        "Q: What happened?\nA: They took my passport.\nQ: Where?\nA: In Dubai.",
        "Operator: How can I help?\nCaller: My sister is held.\nOperator: Where?\n"
        "Caller: In Leeds.",
        "INT: When did you leave?\nRespondent: In May.\nINT: Alone?\nRespondent: Yes.",
        # one answer is no turn-taking: a heading stays
        "INT: notes follow\nSummary: two workers found.",
    ],
)  # fmt: skip
def test_roles_and_single_labels_stay(text: str) -> None:
    assert "[NAME]" not in scrub(text).text


def test_a_stamped_chats_lower_case_senders_are_handles() -> None:
    text = (
        "[14:02] ilinca: am gasit lucru in spania\n[14:03] roxana: cine te duce?\n"
        "[14:04] ilinca: un sofer din sat\n[14:05] roxana: ai grija"
    )
    out = scrub(text).text
    assert "ilinca" not in out
    assert "roxana" not in out
    assert out.count("[HANDLE]") == 4


def test_a_chats_lower_case_words_as_labels_stay() -> None:
    # ordinary words and a single line are no senders
    text = "[14:02] note: call back\n[14:03] note: no answer\n[14:05] me: ok"
    assert scrub(text).text == text
