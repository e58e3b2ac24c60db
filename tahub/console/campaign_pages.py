"""The campaign view as HTML: where reports rose most this period, as a short brief that
prints (or saves as PDF from the print dialog) on one or two pages with its map.

A brief carries its sharing label on top: computed as the public sees it, it rests on
TLP:CLEAR records only and may go into campaign material; computed as the organisation
sees it, it may not leave the organisation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tahub.console.html import Markup, fragment, json_block, tag
from tahub.console.pages import (
    COMPARE,
    STYLES,
    layout,
    period_fields,
    select,
    typologies,
)
from tahub.console.sessions import Session

CAMPAIGN_STYLES = (*STYLES, "/static/vendor/leaflet/leaflet.css")
CAMPAIGN_SCRIPTS = (
    "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/topojson-client/topojson-client.min.js",
    "/static/campaign.js",
)
AUDIENCES = (
    ("public", "the public (TLP:CLEAR only: may be published)"),
    ("mine", "my organisation (not for publication)"),
)


def _label(audience: str, viewer: str) -> Markup:
    if audience == "public":
        return tag(
            "p",
            tag("strong", "TLP:CLEAR"),
            " — counts only reports labelled TLP:CLEAR, released by the rules for anyone: "
            "this brief may be used in public campaign material.",
            class_="brief-label tlp-clear", id="brief-label",
        )  # fmt: skip
    return tag(
        "p",
        tag("strong", "Not for publication"),
        f" — counts every report {viewer} may see (TLP:GREEN and above, its own "
        "restricted reports included): keep it inside the organisation.",
        class_="brief-label tlp-restricted", id="brief-label",
    )  # fmt: skip


def _table(rows: Sequence[Mapping[str, Any]], kind: str, current: str, other: str) -> Markup:
    if not rows:
        return tag("p", f"No {kind} rose in this period, as far as you may see.",
                   class_="empty")  # fmt: skip
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "#", kind[:-1], current, other, "change", "beyond noise?")])  # fmt: skip
    body = [
        tag(
            "tr",
            tag("td", i),
            tag("th", r["label"], scope="row"),
            tag("td", r["current"]),
            tag("td", r["other"]),
            tag("td", f"{r['change']:+d}"),
            tag("td", "yes" if r["beyond_noise"] else "no",
                class_="beyond" if r["beyond_noise"] else "noise"),
            data_series=r["name"],
        )
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip
    return tag("table", tag("thead", head), tag("tbody", body), class_="list",
               id=f"rising-{kind}")  # fmt: skip


def campaign_page(
    session: Session,
    *,
    brief: Mapping[str, Any],
    params: Mapping[str, str],
    audience: str,
    orgs: Sequence[str],
    here: str,
) -> str:
    form = tag(
        "form",
        typologies(params.get("typology") or ""),
        period_fields({"since": "30d", **params}),
        select("compare", COMPARE[1:], params.get("compare") or "previous", "Against"),
        select("audience", AUDIENCES, audience, "Computed as"),
        tag("button", "Apply", type="submit"),
        tag("button", "Print or save as PDF", type="button", id="print", class_="print"),
        method="get", action="/campaign", class_="filters no-print",
    )  # fmt: skip
    other = dict(COMPARE)[brief["against"]]
    what = (params.get("typology") or "all typologies").replace("_", " ")
    marks = {
        "places": [{"code": r["name"], "label": r["label"], "change": r["change"],
                    "current": r["current"]} for r in brief["places"]],
        "routes": [{"route": r["name"], "label": r["label"], "change": r["change"],
                    "current": r["current"]} for r in brief["routes"]],
        "cells": [{"cell": r["name"], "label": r["label"], "change": r["change"],
                   "current": r["current"], "polygon": r["polygon"]} for r in brief["cells"]],
    }  # fmt: skip
    main = fragment(
        form,
        tag(
            "article",
            tag("h1", "Campaign brief: where reports rose"),
            _label(audience, brief["viewer"]),
            tag("p", f"{what.capitalize()}, {brief['current']} against {other} "
                     f"({brief['other']}), computed as {brief['viewer']}. Places are where "
                     "the reports say it happened; routes run from recruitment to "
                     "exploitation; towns are the largest town near a rising city-sized "
                     "area.", class_="brief-scope"),
            tag("div", id="campaign-map", class_="campaign-map", role="img",
                aria_label="map of the places and routes where reports rose"),
            json_block("campaign-data", marks),
            tag("div",
                tag("section", tag("h2", "Places"),
                    _table(brief["places"], "places", brief["current"], brief["other"])),
                tag("section", tag("h2", "Routes"),
                    _table(brief["routes"], "routes", brief["current"], brief["other"])),
                tag("section", tag("h2", "Towns (city-sized areas, ~36 km²)"),
                    _table(brief["cells"], "towns", brief["current"], brief["other"])),
                class_="brief-tables"),
            [tag("p", n, class_="hint") for n in brief["notes"][:1]],
            tag("p", "Numbers are distinct reports. Aim awareness work where a rise is beyond "
                     "noise and the place fits the campaign; a rise within noise is a watch, "
                     "not a finding.", class_="hint"),
            class_="brief", id="brief",
        ),
    )  # fmt: skip
    return layout(session, active="campaign", title="Campaign brief", main=main, here=here,
                  orgs=orgs, styles=CAMPAIGN_STYLES, scripts=CAMPAIGN_SCRIPTS)  # fmt: skip
