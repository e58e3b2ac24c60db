"""Made-up case of the round tuned on batch 63: a business's number after its word is no
one's (Australia's ABN), while a person's number beside it still goes."""

from __future__ import annotations

from producers.intake.scrubbing.pipeline import scrub


def test_round_63_an_abn_stays_and_the_phone_goes() -> None:
    out = scrub("Contractor: Tevita Lolohea, ABN 51 824 753 556, mobile 0491 570 156.").text
    assert "51 824 753 556" in out
    assert "0491 570 156" not in out
