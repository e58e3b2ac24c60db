"""Rules that took ordinary words of unseen text (issue 16 item 4: < 2% of words lost).

Made-up sentences, none taken from a labelled batch: each negative lost words to the
scrubber before its rule was made stricter, each positive is the address kept found.
"""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub

# a chain of administrative units needs a unit that is no home or landmark, and one finer
# than a district or township
_NO_ADDRESS = [
    # a shelter ("دار") and a count of girls
    "استقبلت دار الرعاية في عمّان ٧ فتيات من سوريا الأسبوع الماضي.",
    # "in exchange for 300 dollars"
    "قال إنه دفع مقابل ٣٠٠ دولار للسمسار في الحدود.",
    # a sub-district and a district only
    "মেয়েরা উপজেলা কালিগঞ্জ, জেলা সাতক্ষীরা থেকে ২০২৪ সালে আসে।",
    # a city and a township only
    "ဒလာလ်သည် မန္တလေးမြို့၊ ချမ်းအေးသာဇံမြို့နယ် မှ မိန်းကလေးများကို ခေါ်သွားသည်။",
]

_ADDRESSES = [
    ("বাড়ি নং ১২, গ্রাম শিবপুর, উপজেলা দেবহাটা থেকে তাকে নেওয়া হয়।", "শিবপুর"),
    ("تسكن في حي الروضة، شارع ١٥، عمارة ٤ مع كفيلها.", "الروضة"),
    ("वह गाँव सिमरा, ज़िला मधुबनी की रहने वाली है।", "सिमरा"),
]


@pytest.mark.parametrize("text", _NO_ADDRESS)
def test_districts_homes_and_counts_make_no_address(text: str) -> None:
    assert scrub(text).text == text


@pytest.mark.parametrize(("text", "part"), _ADDRESSES)
def test_chains_with_a_village_street_or_house_still_go(text: str, part: str) -> None:
    out = scrub(text).text
    assert "[ADDRESS]" in out and part not in out


# the learned recogniser's span keeps only what lies outside the rules' spans of other kinds
def test_a_learned_span_over_a_rule_of_another_kind_keeps_only_its_own_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from producers.intake.scrubbing import learned
    from producers.intake.scrubbing.text import ADDRESS, DOB, ID, NAME

    text = "Asel Nurlanovna, 2001-jyly 5-mayda tuulgan. Pasport 77AB12345"
    name, dob, doc = (0, 15), (17, 34), (52, 61)
    monkeypatch.setattr(learned, "spans", lambda t: [(0, len(t), ADDRESS)])
    found = [(*name, NAME), (*dob, DOB), (*doc, ID)]
    # between and after the rules' spans: no number, nothing of an address is left
    assert learned.beside(text, found) == []
    street = "Laan van Hout 21-B, 2593 BT Den Haag"
    monkeypatch.setattr(learned, "spans", lambda t: [(0, len(t), ADDRESS)])
    # a number a rule read as a document is a house number beside a street word
    assert learned.beside(street, [(14, 18, ID)]) == [(0, len(street), ADDRESS)]
