"""General rules from the causes of typology and relevance misses across blind_1-7 (pure).

Each rule was written for a cause seen in more than one batch or checked on batches it
was not written from (producers/news/data/BLIND.md, "general-rules round"). Cases are in
their own words, not copied from a batch, and fail on the rules before the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from producers.news.classify import understand
from producers.news.evaluate import evaluate, read_jsonl

DATA = Path(__file__).parent.parent / "producers" / "news" / "data"


def _typ(text: str, title: str) -> list[str]:
    u = understand(title, text)
    assert u.relevant, u.why
    return sorted(u.typologies)


@pytest.mark.parametrize(
    "text",
    [
        "Sudan's ombudsman said on Monday that armed factions had recruited at least 60 "
        "children in Darfur this year, offering phones and cash.",
        "The rights office said militias in Darfur recruited boys as young as 13 to fight; some "
        "children were taken by force from markets.",
        "Chad's army has forcibly recruited dozens of boys under 18 in N'Djamena and sent "
        "them to the front lines, a rights group said.",
    ],
)
def test_a_counted_or_forcible_recruitment_of_children_is_a_case(text: str) -> None:
    assert _typ(text, "Children recruited in Sudan") == ["child_soldiering"]


def test_a_trend_about_recruitment_stays_no_case() -> None:
    text = (
        "A UN report said the recruitment of children by armed groups rose worldwide last "
        "year, and called on governments to pass laws against it."
    )
    assert not understand("Child recruitment rising, UN says", text).relevant


def test_selling_sex_said_plainly_is_sexual_exploitation() -> None:
    text = (
        "Police in Lyon freed six Nigerian women who had been kept in a flat and beaten; they "
        "were forced to sell sex beside the ring road to pay a debt of 40,000 euros."
    )
    assert "sexual_exploitation" in _typ(text, "Women freed in Lyon")


@pytest.mark.parametrize(
    "text",
    [
        "Police freed nine girls in Yemen who had been 'married' to older men by relatives in "
        "exchange for money, then locked in a compound and beaten.",
        'Police freed a girl of 15 held in a flat in Doha until her "husband" paid a broker '
        "in Sylhet; she was beaten and never allowed out.",
    ],
)
def test_any_marriage_word_in_scare_quotes_is_forced_marriage(text: str) -> None:
    assert "forced_marriage" in _typ(text, "Girls freed")


def test_girls_married_off_is_a_case_without_the_word_trafficking() -> None:
    text = (
        "Afghan girls as young as 13 are being taken from camps near Herat and married off "
        "to men in Iran, aid workers say. One girl said she was held in a house in Zahedan "
        "until the man paid the broker."
    )
    assert _typ(text, "Afghan girls sent to Iran") == ["forced_marriage"]


def test_married_off_as_a_threat_is_no_marriage() -> None:
    text = (
        "Police in Madrid arrested four clan members who forced children to steal on the "
        "metro and beat them; girls were told they would be married off if they stole too little."
    )
    assert "forced_marriage" not in _typ(text, "Pickpocket clan arrested")


def test_a_maid_locked_in_who_says_she_was_unpaid_is_a_case() -> None:
    text = (
        "A Kenyan domestic worker was left outside an embassy in Riyadh after two years in "
        "which she says she was never paid. Her employer kept her passport and locked her in "
        "the house, a rights group said."
    )
    assert _typ(text, "Kenyan maid left outside embassy") == ["domestic_servitude"]


def test_bonded_labour_named_beside_a_kidney_stays_bondage() -> None:
    text = (
        "Police in Sindh arrested a kiln owner after a bonded labourer said he was made to "
        "give up a kidney to clear a debt to the kiln owner."
    )
    assert "debt_bondage" in _typ(text, "Kiln owner held over kidney")


def test_workplaces_of_the_ilo_sectors_name_forced_labour() -> None:
    text = (
        "Police freed 30 Romanian workers held at a meat-processing plant near Leicester; an "
        "agency took their passports and deducted 'debts' for rent from their pay, so most "
        "received nothing, and the men worked 12-hour shifts at the plant."
    )
    assert _typ(text, "Workers freed from meat plant") == ["debt_bondage", "forced_labour"]


def test_the_workplace_of_a_job_promised_after_an_article_is_the_lure() -> None:
    text = (
        "A Moldovan woman told a court in Turin she was recruited in Chisinau for a job in a "
        "bakery, then sold to a pimp and forced to work on the street every night."
    )
    assert _typ(text, "Woman sold to pimp") == ["sexual_exploitation"]


def test_a_claim_said_to_be_unchecked_gives_no_typology() -> None:
    text = (
        "Police in Punjab arrested six men who sold girls as brides to foreign husbands and "
        "locked them in flats. Two women said they were pushed to have sex with other men for "
        "money, though police said those accounts had not yet been corroborated."
    )
    assert _typ(text, "Bride network broken up") == ["forced_marriage"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Dominican officials took 12 Haitian children into care after finding them begging "
            "at intersections in Santo Domingo. Adults had brought them across the border from "
            "Haiti, forced them to beg and beat them, police said.",
            ["DO"],
        ),
        (
            "A Kenyan maid was recruited by an agency in Nairobi and sent to a family in Dammam. "
            "She says she was never paid, was beaten and locked in the house for two years, a "
            "rights group said.",
            ["SA"],
        ),
    ],
)
def test_where_people_begged_or_the_household_they_were_handed_to_is_the_destination(
    text: str, where: list[str]
) -> None:
    assert understand("Children and maid exploited", text).destination == where


def test_children_with_their_ages_between_commas_used_as_fighters_are_child_soldiers() -> None:
    text = (
        "UNICEF said 90 children freed in Ituri on Monday had been with an armed group; the "
        "children, aged 9 to 16, were used as fighters and porters."
    )
    assert _typ(text, "Children freed in Ituri") == ["child_soldiering"]


# measured after this round (every batch now tuned on: guards against losing ground, not
# results); relevance, typologies, countries, origin, transit, destination
FLOORS = {
    "blind_4.jsonl": (0.96, 0.86, 0.93, 0.90, 0.77, 0.82),
    "blind_6.jsonl": (0.98, 0.96, 0.94, 0.91, 0.77, 0.86),
    "blind_7.jsonl": (0.98, 0.92, 0.96, 0.86, 0.72, 0.80),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_batches_keep_this_rounds_scores(name: str) -> None:
    r = evaluate(read_jsonl(DATA / name))
    fields = ("typologies", "countries", "origin", "transit", "destination")
    got = (r["relevance"]["f1"], *(r[f]["micro"]["f1"] for f in fields))
    assert all(g >= f for g, f in zip(got, FLOORS[name], strict=True)), (name, got)
