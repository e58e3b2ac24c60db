"""People listed with a found name, with no cue of their own (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Её вместе с Ольгой Петровой, Мариной Соколовой и Дашей увезли в Анталью.",
            "Её вместе с [NAME], [NAME] и [NAME] увезли в Анталью.",
        ),
        (
            "बचाए गए बच्चों के नाम: राहुल कुमार, मोनू, पिंटू यादव और सलमान। सभी को छुड़ाया गया।",
            "बचाए गए बच्चों के नाम: [NAME], [NAME], [NAME] और [NAME]। सभी को छुड़ाया गया।",
        ),
        # places, roles and clauses beside a found name stay
        (
            "She worked for Maria Santos in Lagos, Abuja and Kano.",
            "She worked for [NAME] in Lagos, Abuja and Kano.",
        ),
        (
            "Maria Santos, Director of Operations, said so.",
            "[NAME], Director of Operations, said so.",
        ),
    ],
)
def test_a_name_listed_with_a_found_one_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Le ragazze Precious, Favour e Blessing hanno indicato la signora.",
            "Le ragazze [NAME], [NAME] e [NAME] hanno indicato la signora.",
        ),
        (
            "la madame si fa chiamare Sister Gift e risponde al telefono.",
            "la madame si fa chiamare Sister [NAME] e risponde al telefono.",
        ),
        # one such word alone, or naming an organisation, stays a word
        ("Hope for Justice and Mercy Ships helped.", "Hope for"),
        ("She lost hope, and grace was gone.", "She lost hope, and grace was gone."),
    ],
)
def test_given_names_that_are_virtues_go_when_listed_or_titled(text: str, kept: str) -> None:
    assert kept in scrub(text).text
