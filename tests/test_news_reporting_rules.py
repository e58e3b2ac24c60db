"""How reporters phrase typologies and places, rules added after blind_5 was scored (pure).

Each case is written here in its own words (not copied from a batch) and fails on the
rules before this change; the guards beside them say what must not move. The batches'
own scores are kept by floors at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from producers.news import routes
from producers.news.classify import _scores, understand
from producers.news.evaluate import evaluate, read_jsonl

DATA = Path(__file__).parent.parent / "producers" / "news" / "data"


def _typ(text: str, title: str = "Workers freed") -> list[str]:
    u = understand(title, text)
    assert u.relevant, u.why
    return sorted(u.typologies)


def test_wages_owed_to_workers_are_not_a_debt() -> None:
    text = (
        "Labour inspectors freed 20 men from a vegetable farm in Spain where they were forced "
        "to work without pay. The men were owed about 4,000 euros each, and some had debts "
        "at home."
    )
    assert "debt_bondage" not in _typ(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police freed 12 Thai workers from a farm in Israel. The farmer took their wages and "
        'deducted "debts" for their flights and rent, and threatened them if they complained.',
        "Police freed 12 Thai workers from a farm in Israel who were forced to work 14-hour "
        "days. They had paid brokers fees of 8,000 dollars, which they were still repaying.",
    ],
)
def test_a_debt_in_quotes_or_still_being_repaid_is_bondage(text: str) -> None:
    assert "debt_bondage" in _typ(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police freed 30 Ukrainian workers from a meat plant in Czechia where they were forced "
        "to work unpaid; anyone who wanted to leave was told that he owes 900 euros.",
        "Police freed 30 Ukrainian workers from a meat plant in Czechia where they were forced "
        "to work unpaid and told they would be sent home in debt if they complained.",
        "Police freed 30 Ukrainian workers from a meat plant in Czechia where they were forced "
        "to work unpaid, their wages kept back to pay back the 'visa costs' the agency set.",
    ],
)
def test_a_debt_told_as_the_workers_own_is_bondage(text: str) -> None:
    assert "debt_bondage" in _typ(text)


def test_kidneys_donated_in_quotes_are_organ_removal() -> None:
    text = (
        "Police in Delhi arrested five men who brought poor youths from Nepal on medical "
        'visas; they were made to "donate" their kidneys to rich patients for a fraction '
        "of the price, police said."
    )
    assert "organ_removal" in _typ(text, "Kidney racket busted")


def test_a_debt_used_to_take_a_kidney_or_a_womb_is_that_crime_not_bondage() -> None:
    kidney = (
        "Police in Egypt arrested four traffickers who told Sudanese migrants they owed money for "
        "their journey and must have a kidney removed to pay off the debt."
    )
    assert _typ(kidney, "Kidney brokers arrested") == ["organ_removal"]
    womb = (
        "Police freed 14 trafficked women held as surrogate mothers by a clinic; they were "
        "told they owed the clinic 5,000 dollars and must pay off the debt before leaving."
    )
    assert _typ(womb, "Surrogacy ring broken up") == ["other"]
    work = kidney.replace("have a kidney removed", "work unpaid on a farm")
    assert "debt_bondage" in _typ(work, "Brokers arrested")


def test_a_maid_abused_by_the_household_is_servitude_not_a_sex_trade() -> None:
    text = (
        "Police in Jordan rescued a Kenyan domestic worker who was locked in the house, "
        "unpaid for a year and sexually abused by her employer's son."
    )
    assert _typ(text) == ["domestic_servitude"]
    sold = text + " She was later taken to a brothel and forced into prostitution."
    assert "sexual_exploitation" in _typ(sold)


def test_chores_for_fighters_are_child_soldiering_not_domestic_servitude() -> None:
    text = (
        "A militia in South Sudan released 90 children it had recruited as fighters; girls "
        "were forced to cook and fetch water for the commanders, the UN said."
    )
    assert _typ(text, "Children freed by militia") == ["child_soldiering"]


def test_forced_to_have_sex_with_many_is_sexual_exploitation_not_with_a_husband() -> None:
    miners = (
        "Police rescued 14 women from bars near a mining camp in Guyana where they had been "
        "forced to serve drinks and have sex with gold miners. They had been trafficked "
        "from Venezuela, police said."
    )
    assert "sexual_exploitation" in _typ(miners)
    cooks = (
        "Police rescued 14 trafficked women from a mining camp in Guyana; the bar owners "
        "forced them to have sex with miners and made them cook and clean without pay."
    )
    assert "sexual_exploitation" in _typ(cooks)
    husband = (
        "Police rescued a 15-year-old girl who had been sold into a forced marriage in "
        "Nigeria, where she was forced to have sex with her husband."
    )
    assert "sexual_exploitation" not in _typ(husband)


def test_sold_as_brides_in_quotes_is_forced_marriage() -> None:
    text = (
        "Police arrested six brokers who sold village girls as 'brides' to men in another "
        "province, and freed nine of them."
    )
    assert "forced_marriage" in _typ(text, "Brides ring broken up")


def test_trafficking_ruled_out_or_only_rumoured_is_not_an_incident() -> None:
    u = understand(
        "Missing girl found safe; police rule out trafficking",
        "A 14-year-old girl reported missing in Leeds was found safe at a friend's house, "
        "police said, after posts online suggested she may have been abducted by traffickers.",
    )
    assert not u.relevant


def test_a_victim_weighing_kilograms_is_not_a_drug_seizure() -> None:
    assert _scores("the helper weighed 38 kilograms when she was found.")["other"] == 0
    assert _scores("customs seized 38 kilograms of cocaine.")["other"] > 0


def test_rest_days_denied_and_assault_are_signs_of_exploitation() -> None:
    u = understand(
        "Employer jailed",
        "A court jailed a woman for assaulting her Indonesian domestic helper, who was allowed "
        "no rest days, was locked in the flat and had her passport kept by the employer.",
    )
    assert u.relevant, u.why
    assert u.typologies == ["domestic_servitude"]
    assert _scores("the employer treated the victim as her property.")["ht"] > 0


def test_gangs_forcing_children_to_fight_is_child_soldiering() -> None:
    text = (
        "Police rescued 20 boys from a gang in Port-au-Prince that had been forcing children "
        "to fight rival groups and threatened their families."
    )
    assert "child_soldiering" in _typ(text, "Boys freed from gang")


def test_boys_sent_to_fight_are_child_soldiers() -> None:
    u = understand(
        "Boys recruited from camps and sent to fight",
        "Armed groups have recruited dozens of refugees, including boys aged 14, from camps "
        "in Kenya, police said after arresting two recruiters.",
    )
    assert u.relevant, u.why
    assert "child_soldiering" in u.typologies


@pytest.mark.parametrize(
    ("title", "text", "typology"),
    [
        ("Kidney ring charged",
         "Prosecutors in Egypt charged three brokers who bought kidneys from Eritrean refugees "
         "in Cairo, offering $4,000 for a kidney; several men said they were threatened.",
         "organ_removal"),
        ("Boys rescued from lake",
         "Police rescued 11 boys from fishing canoes, where they were forced to dive for nets "
         "and work through the night; relatives had given them to fishermen for fees.",
         "forced_labour"),
        ("Maids seek refuge",
         "Twelve Kenyan domestic workers sought refuge at a shelter in Riyadh, saying their "
         "employers locked them in, took their passports and refused to pay them; 'she said "
         "she bought me', one said. The agency's owner was arrested.",
         "domestic_servitude"),
        ("Girls rescued from camp",
         "Police arrested two men after four girls were rescued from a mining camp; their "
         "families had been paid to let them 'marry' workers there.",
         "forced_marriage"),
        ("Court orders girl's return",
         "The High Court ordered the parents of a 15-year-old girl to bring her back to "
         "England after she was taken abroad and pressured into a forced marriage; her "
         "passport had been taken.",
         "forced_marriage"),
    ],
)  # fmt: skip
def test_exploitation_and_incidents_told_in_other_words(
    title: str, text: str, typology: str
) -> None:
    assert typology in _typ(text, title)


def _roles(text: str, title: str = "Trafficking victims freed") -> tuple[list[str], ...]:
    u = understand(title, text)
    assert u.relevant, u.why
    return sorted(u.countries), sorted(u.origin), sorted(u.transit), sorted(u.destination)


def test_an_open_question_or_a_trend_names_no_country_of_the_case() -> None:
    countries, origin, _, _ = _roles(
        "Police in Thailand rescued 30 Cambodian women forced to work in a brothel in "
        "Bangkok. Investigators are checking whether women from Laos were recruited by the "
        "same gang. Ten years ago the typical victim was a girl taken to Malaysia."
    )
    assert (countries, origin) == (["KH", "TH"], ["KH"])


def test_from_their_families_in_a_place_is_an_origin() -> None:
    _, origin, _, destination = _roles(
        "Girls from poor families in Nepal were taken to India and sold to brothels, "
        "police said after a raid."
    )
    assert (origin, destination) == (["NP"], ["IN"])


def test_a_list_of_transit_countries_goes_on_past_a_compass_word() -> None:
    _, _, transit, _ = _roles(
        "Albanian women were driven through Montenegro, Croatia and northern Italy to "
        "France, where they were forced into prostitution, police said after a raid."
    )
    assert transit == ["HR", "IT", "ME"]


def test_a_nationality_naming_a_workplace_is_where_people_worked() -> None:
    _, _, _, destination = _roles(
        "Nepali workers in a Malaysian glove factory had their passports taken and were "
        "forced to work 16 hours a day, an audit found after a raid."
    )
    assert destination == ["MY"]


def test_most_of_them_from_is_the_peoples_own_country() -> None:
    _, origin, transit, _ = _roles(
        "Police in Ghana rescued 40 trafficked boys, most of them from Togo and Benin, who "
        "were forced to work on fishing boats on Lake Volta.",
        "Ghana: boys from Togo rescued",
    )
    assert (origin, transit) == (["BJ", "TG"], [])


def test_a_first_leg_inside_the_home_country_keeps_it_the_origin() -> None:
    _, origin, transit, _ = _roles(
        "A court in Spain jailed four people who brought women from Nigeria to Spain. The "
        "women travelled by bus to Kano and then across Niger to Libya before being forced "
        "into prostitution in Madrid."
    )
    assert origin == ["NG"]
    assert "NG" not in transit


def test_care_after_a_rescue_is_not_where_the_case_happened() -> None:
    _, _, _, destination = _roles(
        "Police in Nepal arrested three men who lured villagers to India to sell their "
        "kidneys in a hospital in Delhi. Two victims are receiving treatment at a hospital "
        "in Kathmandu."
    )
    assert destination == ["IN"]


def test_a_report_that_tells_this_case_still_places_it() -> None:
    _, origin, _, destination = _roles(
        "Children abducted from villages in Niger were taken across the border and used as "
        "fighters by an armed group operating in Mali, a UN team said in a report on Monday.",
        "Children used by armed group",
    )
    assert (origin, destination) == (["NE"], ["ML"])


@pytest.mark.parametrize(
    ("extra", "absent"),
    [
        ("Police in the Netherlands have also reported Vietnamese boys found working on "
         "cannabis farms.", "NL"),
        ("The lorry that carried them was later found in Belgium, seized over an unrelated "
         "tax dispute.", "BE"),
        ("Scam compounds hold tens of thousands of people, most notably in Laos.", "LA"),
        ("The garments the boys were forced to sew were sold and exported to Chile.", "CL"),
        ("\n\nALSO READ\nPakistan: Lahore police arrest fake doctors\nOther news", "PK"),
        ("\n\nRelated: Police in Senegal rescue 30 boys forced to beg | Ghana floods", "SN"),
    ],
)  # fmt: skip
def test_places_of_other_cases_goods_and_linked_stories_are_not_involved(
    extra: str, absent: str
) -> None:
    countries, _, _, _ = _roles(
        "Police in Britain rescued 12 trafficked Vietnamese teenagers who were forced to work "
        "on cannabis farms and in a garment workshop in Leicester. " + extra
    )
    assert absent not in countries
    assert {"GB", "VN"} <= set(countries)


def test_a_paragraph_that_starts_with_related_is_kept() -> None:
    countries, _, _, _ = _roles(
        "Police in Britain rescued 12 trafficked Vietnamese teenagers forced to work on "
        "cannabis farms.\n\nRelated charges were brought in France, where two of the boys "
        "had been held in a flat before being taken across the Channel."
    )
    assert "FR" in countries


def test_a_list_of_the_accused_gives_no_origin() -> None:
    _, origin, _, _ = _roles(
        "Police in Georgia freed 12 Uzbek women held as surrogate mothers in Tbilisi flats. "
        "Two Georgian citizens and one Uzbek national were charged with trafficking."
    )
    assert origin == ["UZ"]


def test_those_named_before_what_they_did_to_the_people_are_not_an_origin() -> None:
    countries, origin, _, _ = _roles(
        "Prosecutors in Austria charged four men with trafficking. The men, an Austrian, two "
        "Serbians and a Hungarian, lured at least 12 Romanian women to brothels in Vienna."
    )
    assert origin == ["RO"]
    assert "RS" not in countries
    # the people themselves, between commas, recruited by others: still their origin
    _, origin, _, _ = _roles(
        "Police in Austria freed the women, Serbians and Hungarians, recruited by a gang "
        "and forced into prostitution in Vienna."
    )
    assert origin == ["HU", "RS"]


def test_where_people_were_from_or_what_they_were_is_their_origin() -> None:
    _, origin, _, _ = _roles(
        "Police in Dakar rescued 30 boys forced to beg. Twenty of the boys came from villages "
        "in Guinea. The others were from the Kolda and Tambacounda regions of Senegal."
    )
    assert origin == ["GN", "SN"]
    _, origin, _, _ = _roles(
        "Police in Senegal rescued 30 boys forced to beg, most of them from Guinea. Three of "
        "the rescued boys were Malian."
    )
    assert origin == ["GN", "ML"]


def test_a_dateline_is_not_part_of_the_first_sentence() -> None:
    text = "BRISBANE — A 63-year-old man from the Sunshine Coast has been charged."
    start = text.index("Sunshine")
    assert routes.PERSON_FROM.match(routes._lead(text, 0, start))
    assert routes._lead("PALERMO, Italy (Wire) — A court in ", 0, 35) == "A court in "


def test_children_abused_where_they_live_are_from_there() -> None:
    _, origin, _, destination = _roles(
        "A man in Sydney was jailed for paying for the live-streamed sexual abuse of children "
        "in the Philippines, police said.",
        "Man jailed over live-streamed abuse",
    )
    assert (origin, destination) == (["PH"], ["PH"])


def test_a_sentence_saying_where_the_people_are_from_is_read() -> None:
    _, origin, _, _ = _roles(
        "Police in Indonesia rescued 60 trafficked fishermen held on boats near Ambon. Most "
        "of the men were from Myanmar and Cambodia."
    )
    assert origin == ["KH", "MM"]


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("Vietnamese boys were flown to Moscow. They were kept in a flat on the outskirts of "
         "the Russian capital for weeks, then driven across Poland and Germany to Britain, "
         "where they were forced to tend cannabis, police said after a raid.", "RU"),
        ("Nigerian women were driven to Libya, where they were sold to men in Tripoli before "
         "being placed on boats to Italy, where they were forced into prostitution, police "
         "said.", "LY"),
    ],
)  # fmt: skip
def test_a_stop_before_the_journey_goes_on_is_transit(text: str, stop: str) -> None:
    _, _, transit, destination = _roles(text)
    assert stop in transit
    assert stop not in destination


# rules added after blind_6 was scored (forced labour over-assigned, forced marriage missed)


@pytest.mark.parametrize(
    "text",
    [
        "Police rescued nine teenage girls in Chad who had been handed to traders as "
        '"brides" for cattle, then raped and kept locked in a compound.',
        "Police rescued nine teenage girls in Chad, sold by a broker who raped them and "
        "forced them into marriage with older traders.",
        "Police rescued a girl of 13 in Niger whom a landowner kept in his compound as his "
        "'fifth wife', made to cook for the household and beaten.",
    ],
)
def test_a_marriage_word_in_scare_quotes_or_forced_into_marriage_is_forced_marriage(
    text: str,
) -> None:
    assert "forced_marriage" in _typ(text, "Girls rescued")


def test_wives_as_the_last_of_an_armed_groups_roles_is_not_forced_marriage() -> None:
    text = (
        "A militia in South Sudan released 80 children who had been used as fighters, cooks, "
        'porters and "wives", UNICEF said; the girls were sexually abused in the camps.'
    )
    assert "forced_marriage" not in _typ(text, "Children freed by militia")


def test_mine_the_pronoun_is_no_workplace() -> None:
    text = (
        "Police raided a scam compound in Laos and freed 40 Kenyans forced to work on online "
        'scams. "They showed me a contract; mine was fake," one said.'
    )
    assert _typ(text, "Scam workers freed") == ["forced_criminality"]


def test_work_off_a_debt_is_bondage_not_forced_labour_too() -> None:
    text = (
        "Police raided a brothel in Perth and freed six Korean women who were made to work "
        "off debts of 40,000 dollars for their flights."
    )
    assert "forced_labour" not in _typ(text, "Women freed from brothel")


def test_a_help_line_footer_names_no_typology_of_the_case() -> None:
    text = (
        "Police raided a brothel in Leeds and freed eight Romanian women who were forced into "
        "prostitution. If you or someone you know is a victim of forced labour or domestic "
        "servitude, call the helpline."
    )
    assert _typ(text, "Women freed from brothel") == ["sexual_exploitation"]


def test_what_victims_were_deceived_into_believing_is_not_their_exploitation() -> None:
    text = (
        "Soldiers rescued 60 boys a militia in Mali had recruited as fighters; the children were "
        "deceived into believing they would be guarding farms and factories, and one said "
        "the recruiters told us we would work on the farms of rich men."
    )
    assert _typ(text, "Boys recruited by militia") == ["child_soldiering"]


def test_a_workplace_where_sex_was_sold_is_a_setting_however_often_named() -> None:
    text = (
        "Police freed 30 women forced into prostitution in bars around gold mines in Guyana. "
        "The mines employ thousands of miners, the mining camps have no police, and the "
        "women were sold to mine workers every night."
    )
    assert _typ(text, "Women freed from mining camps") == ["sexual_exploitation"]


def test_unpaid_work_at_a_workplace_named_often_stays_forced_labour() -> None:
    text = (
        "Police freed 30 women forced into prostitution in bars around gold mines in Guyana. "
        "Boys were found working in the mines, the mining pits behind the bars, and were "
        "not paid for months at the mining camp."
    )
    assert "forced_labour" in _typ(text, "Women and boys freed from mining camps")


def test_made_to_work_long_hours_in_a_sex_trade_is_that_trade() -> None:
    text = (
        "Police raided brothels in Rotterdam and freed 11 Hungarian women forced into "
        "prostitution. They were made to work 16 hours a day and hand over their money."
    )
    assert _typ(text, "Women freed from brothels") == ["sexual_exploitation"]


def test_forced_labour_named_beside_a_sex_trade_stays() -> None:
    text = (
        "Police raided brothels in Rotterdam and freed 11 Hungarian women forced into "
        "prostitution, and charged the gang with forced labour of men they made to work "
        "16 hours a day."
    )
    assert "forced_labour" in _typ(text, "Women and men freed")


def test_domestic_help_is_a_servants_role() -> None:
    text = (
        "Police and an NGO rescued nine trafficked girls from flats in Pune where they were "
        "employed as domestic help, locked in and never allowed to call home."
    )
    assert "domestic_servitude" in _typ(text, "Girls rescued from flats")


# measured after this change (tuned on every batch, so guards, not results)
FLOORS = {
    "labelled.jsonl": (0.99, 0.99, 0.98, 0.92, 0.90, 0.94),
    "blind_1.jsonl": (1.0, 0.93, 0.98, 0.94, 0.94, 0.92),
    "blind_2.jsonl": (1.0, 0.93, 0.97, 0.95, 0.89, 0.89),
    "blind_3.jsonl": (0.97, 0.93, 0.95, 0.85, 0.82, 0.87),
    "blind_4.jsonl": (0.94, 0.83, 0.91, 0.88, 0.77, 0.79),
    "blind_5.jsonl": (1.0, 0.97, 0.96, 0.91, 0.92, 0.91),
    # tuned on after it was scored blind (forced labour and forced marriage rules above)
    "blind_6.jsonl": (0.97, 0.95, 0.93, 0.9, 0.77, 0.82),
    # blind, scored by command only (never read): a guard against losing ground, not tuning
    "blind_7.jsonl": (0.94, 0.85, 0.92, 0.84, 0.71, 0.76),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_batches_keep_their_scores(name: str) -> None:
    r = evaluate(read_jsonl(DATA / name))
    fields = ("typologies", "countries", "origin", "transit", "destination")
    got = (r["relevance"]["f1"], *(r[f]["micro"]["f1"] for f in fields))
    assert all(g >= f for g, f in zip(got, FLOORS[name], strict=True)), (name, got)
