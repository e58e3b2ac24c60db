"""Names written onto a Nguni noun-class prefix (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Intombazane, uZanele Ngcobo, yathathwa eThekwini.",
            "Intombazane, u[NAME], yathathwa eThekwini.",
        ),
        ("Wathenjiswa umsebenzi nguMandla ePitoli.", "Wathenjiswa umsebenzi ngu[NAME] ePitoli."),
        ("Ifoni kaNokuthula icishiwe.", "Ifoni ka[NAME] icishiwe."),
        # a kin word, a month and a place take the same prefixes and stay
        ("uMalume wakhe wafika kuJuni eGoli.", "uMalume wakhe wafika kuJuni eGoli."),
    ],
)
def test_a_name_on_its_prefix_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept
