"""The round tuned on batches 1-23 with 24-25 held out (hscrub26): names in scripts
without capitals told by what stands around them. Made-up text, none from a batch; each
class with hard negatives beside it."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Ko before a name that is the subject, or what "is" says, or before an age or a paper
        ("ပွဲစားမှာ ကိုမင်းထက် ဖြစ်သည်။", "မင်းထက်"),
        ("အမျိုးသမီးကို ကိုသန်းနိုင် က ခေါ်သွားသည်။", "သန်းနိုင်"),
        ("ကိုဝေယံ (၂၃ နှစ်) ကို တွေ့သည်။", "ဝေယံ"),
        ("ကိုနေလင်း (မှတ်ပုံတင် ၉/မထလ(နိုင်)၁၂၃၄၅၆) ကို လွှဲသည်။", "နေလင်း"),
    ],
)  # fmt: skip
def test_a_burmese_name_after_ko_goes(text: str, name: str) -> None:
    """Attack: a Burmese name written onto "ကို" (Ko), with no role word before it.
    Must hold: the name is gone, the title stays."""
    out = scrub(text).text
    assert name not in out
    assert "ကို[NAME]" in out


@pytest.mark.parametrize(
    "text",
    [
        "သူ ကိုယ်တိုင် က ပြောသည်။",  # he himself said
        "လူ ကိုးယောက် က ထွက်ပြေးသည်။",  # nine people fled
        "သူ ကိုင်ထား သည်။",  # he held it
    ],
)
def test_words_opening_with_ko_stay(text: str) -> None:
    """Hard negatives: "ကို" also opens ordinary words (self, nine, hold) before a subject
    particle. Must hold: nothing is taken."""
    assert scrub(text).text == text
