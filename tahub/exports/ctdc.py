"""Aggregates as CSV in the column layout of CTDC's Global Synthetic Dataset (pure: a
``consumers.queries.counts`` result in, CSV text out).

CTDC (the Counter Trafficking Data Collaborative) publishes one row per (synthetic)
person with 27 columns; its countries are ISO 3166-1 alpha-3. tahub has no persons, only
reports counted under the sharing rule, so each row here is one group of the counts
query by typology, origin and destination: CTDC's columns first, in CTDC's order, filled
where tahub knows the value (the form of exploitation from the typology, the country of
exploitation from the destination, the year of registration for yearly buckets by report
time) and empty where it does not (gender, age, citizenship, means of control,
recruiter); then tahub's own, prefixed ``tahub_``: the bucket, the typology, the origin
(the country of recruitment, which CTDC's layout has no column for), and the group's
distinct reports and organisations. Rows are groups, not people: sum ``tahub_reports``,
never count rows, and a report of two typologies is in two rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

import pycountry

from consumers.queries import Result

CTDC_COLUMNS = (
    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
    "traffickMonths", "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex",
    "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds",
    "meansExcessiveWorkHours", "meansWithholdDocs", "isForcedLabour", "isSexualExploit",
    "isOtherExploit", "typeOfLabourAgriculture", "typeOfLabourConstruction",
    "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfSexProstitution",
    "typeOfSexPornography", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
    "recruiterRelationFamily", "recruiterRelationOther",
)  # fmt: skip
TAHUB_COLUMNS = (
    "tahub_bucket", "tahub_typology", "tahub_origin", "tahub_reports", "tahub_organisations",
)  # fmt: skip
COLUMNS = (*CTDC_COLUMNS, *TAHUB_COLUMNS)

_EXPLOIT = ("isForcedLabour", "isSexualExploit", "isOtherExploit")
# a typology as CTDC's flags: its three forms of exploitation (known, so 0 or 1) and the
# labour type or means it implies. Forced criminality and begging are forced labour in
# CTDC's coding (illicit activities, begging); debt bondage is forced labour by its means.
TYPOLOGY_FLAGS: Mapping[str, Mapping[str, str]] = {
    "sexual_exploitation": {"isSexualExploit": "1"},
    "forced_labour": {"isForcedLabour": "1"},
    "domestic_servitude": {"isForcedLabour": "1", "typeOfLabourDomesticWork": "1"},
    "forced_criminality": {"isForcedLabour": "1"},
    "forced_begging": {"isForcedLabour": "1"},
    "debt_bondage": {"isForcedLabour": "1", "meansDebtBondageEarnings": "1"},
    "forced_marriage": {"isOtherExploit": "1"},
    "organ_removal": {"isOtherExploit": "1"},
    "child_soldiering": {"isOtherExploit": "1"},
    "other": {"isOtherExploit": "1"},
}


def alpha3(code: str) -> str:
    """A country as CTDC writes it (alpha-3); a code with none (XK) as given."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country is not None else code


def row(group: Mapping[str, Any], *, yearly: bool) -> dict[str, str]:
    out = dict.fromkeys(COLUMNS, "")
    typology = str(group.get("typology") or "")
    flags = TYPOLOGY_FLAGS.get(typology)
    if flags is not None:
        out.update(dict.fromkeys(_EXPLOIT, "0"))
        out.update(flags)
    bucket = group.get("bucket")
    if yearly and bucket:
        out["yearOfRegistration"] = str(bucket)[:4]
    out["CountryOfExploitation"] = alpha3(str(group.get("destination") or ""))
    out["tahub_bucket"] = "" if bucket is None else str(bucket)
    out["tahub_typology"] = typology
    out["tahub_origin"] = alpha3(str(group.get("origin") or ""))
    out["tahub_reports"] = str(group["reports"])
    out["tahub_organisations"] = str(group["orgs"])
    return out


def to_csv(result: Result, *, yearly: bool) -> str:
    """``yearly``: the buckets are years of report time (CTDC's year of registration)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for group in result.as_dicts():
        writer.writerow(row(group, yearly=yearly))
    return buf.getvalue()
