"""The console's pages as HTML (through ``html.tag``, which escapes every value).

Pages carry no script of their own: each names its static script, and data travels in
``data-*`` attributes or JSON blocks. Forms that change state carry the session's CSRF
token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from schemas.taxonomy import Typology
from tahub.console import csrf
from tahub.console.data import RANGES, SEVERITIES, TREND_BY, clock_supported
from tahub.console.html import Markup, document, fragment, json_block, tag
from tahub.console.sessions import OPERATOR, Session

STYLES = ("/static/console.css",)
CHART_STYLES = (*STYLES, "/static/vendor/uplot/uPlot.min.css")
MAP_STYLES = (*CHART_STYLES, "/static/vendor/leaflet/leaflet.css")
CHART_SCRIPTS = ("/static/vendor/uplot/uPlot.iife.min.js", "/static/console.js")
MAP_SCRIPTS = (
    "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/topojson-client/topojson-client.min.js",
    *CHART_SCRIPTS,
    "/static/map.js",
)


def hidden(name: str, value: str) -> Markup:
    return tag("input", type="hidden", name=name, value=value)


def _nav(session: Session, active: str, orgs: Sequence[str], here: str) -> Markup:
    links = [("map", "/", "Map"), ("trends", "/trends", "Trends"),
             ("detections", "/detections", "Detections"), ("campaign", "/campaign", "Campaign"),
             ("alerts", "/alerts", "My alerts")]  # fmt: skip
    if session.role == OPERATOR:
        links.append(("ops", "/ops", "Operations"))
    items = [
        tag("a", label, href=href, aria_current="page" if key == active else None)
        for key, href, label in links
    ]
    who: list[Markup] = []
    if session.role == OPERATOR:
        options = [tag("option", "the public", value="", selected=session.org_id is None)]
        options += [tag("option", o, value=o, selected=o == session.org_id) for o in orgs]
        who.append(
            tag(
                "form",
                tag("label", "Operator, viewing as ", tag("select", options, name="org"),
                    for_="view-as-org"),
                hidden(csrf.FIELD, session.csrf),
                hidden("next", here),
                tag("button", "Switch", type="submit"),
                method="post", action="/view-as", class_="view-as", id="view-as",
            )
        )  # fmt: skip
    else:
        who.append(tag("span", "Signed in as ", tag("strong", session.label), class_="who"))
    who.append(
        tag(
            "form",
            hidden(csrf.FIELD, session.csrf),
            tag("button", "Sign out", type="submit"),
            method="post", action="/logout", class_="logout",
        )
    )  # fmt: skip
    return tag(
        "header",
        tag("a", "tahub", href="/", class_="brand"),
        tag("nav", items, aria_label="pages"),
        tag("div", who, class_="session"),
    )


def layout(
    session: Session,
    *,
    active: str,
    title: str,
    main: Any,
    here: str,
    orgs: Sequence[str] = (),
    styles: Iterable[str] = STYLES,
    scripts: Iterable[str] = (),
) -> str:
    body = fragment(
        tag("a", "Skip to content", href="#main", class_="skip"),  # keyboard users' first stop
        _nav(session, active, orgs, here),
        tag("main", main, id="main", class_=f"page-{active}", tabindex="-1"),
        tag(
            "footer",
            f"Viewing as {session.label}: every number and detection follows the sharing "
            "rules of the query API for this viewer. Boundaries: Natural Earth.",
        ),
    )
    return document(f"{title} · tahub", body, styles=styles, scripts=scripts)


def login(*, token: str, next_url: str, error: str | None = None) -> str:
    form = tag(
        "form",
        tag("h1", "Sign in to tahub"),
        tag("p", error, class_="error", role="alert") if error else None,
        tag("label", "API key (or the operator token)", for_="key"),
        tag("input", id="key", name="key", type="password", autocomplete="off",
            required=True, autofocus=True, maxlength="300"),
        hidden(csrf.FIELD, token),
        hidden("next", next_url),
        tag("button", "Sign in", type="submit"),
        tag("p", "Partners sign in with an API key from `tahub keys issue`; operators with "
                 "the token in <data dir>/operator.token.", class_="hint"),
        method="post", action="/login", class_="login",
    )  # fmt: skip
    return document(
        "Sign in · tahub", tag("main", form, id="main", class_="page-login"), styles=STYLES,
        scripts=(),
    )  # fmt: skip


def bounce(url: str) -> str:
    """A link followed from another site (Slack, a mail) arrives without the session
    cookie (SameSite=Strict); this page asks for the same address again from this site,
    which sends it. No script: a refresh and a link."""
    return (
        "<!doctype html>\n"
        + tag(
            "html",
            tag("head", Markup('<meta charset="utf-8">'),
                tag("meta", http_equiv="refresh", content=f"0;url={url}"),
                tag("title", "tahub")),
            tag("body", tag("p", tag("a", "Continue to tahub", href=url))),
            lang="en",
        )
    )  # fmt: skip


def message(status: int, text: str, session: Session | None = None) -> str:
    main = fragment(tag("h1", "Not available" if status >= 500 else "Cannot show this"),
                    tag("p", text, role="alert"))  # fmt: skip
    if session is None:
        return document("tahub", tag("main", main, id="main"), styles=STYLES, scripts=())
    return layout(session, active="", title="tahub", main=main, here="/")


def select(name: str, options: Sequence[tuple[str, str]], chosen: str, label: str) -> Markup:
    return tag(
        "label",
        f"{label} ",
        tag("select", [tag("option", text, value=value, selected=value == chosen)
                       for value, text in options], name=name),
    )  # fmt: skip


def period_fields(params: Mapping[str, str]) -> list[Markup]:
    ranges = [(r, f"last {r}") for r in RANGES]
    fields = [
        select("since", ranges, params.get("since") or "90d", "Period"),
        tag("label", "or from ", tag("input", type="date", name="from",
                                     value=params.get("from") or None)),
        tag("label", "until ", tag("input", type="date", name="until",
                                   value=params.get("until") or None)),
    ]  # fmt: skip
    if clock_supported():
        clocks = [("", "occurred (default)"), ("occurred", "occurred"), ("reported", "reported")]
        fields.append(select("clock", clocks, params.get("clock") or "", "Clock"))
    return fields


def typologies(chosen: str) -> Markup:
    options = [("", "all typologies"), *((t.value, t.value.replace("_", " ")) for t in Typology)]
    return select("typology", options, chosen, "Typology")


def query_string(params: Mapping[str, str], keys: Iterable[str]) -> str:
    return urlencode({k: params[k] for k in keys if params.get(k)})


MAP_KEYS = ("typology", "since", "from", "until", "clock")


def map_page(session: Session, params: Mapping[str, str], orgs: Sequence[str], here: str) -> str:
    form = tag(
        "form",
        typologies(params.get("typology") or ""),
        period_fields(params),
        tag("button", "Apply", type="submit"),
        method="get", action="/", class_="filters",
    )  # fmt: skip
    main = fragment(
        tag("h1", "Map", class_="visually-hidden"),
        form,
        tag(
            "div",
            tag("div", id="map", role="img", aria_label="world map of reports, routes and "
                "open detections", data_query=query_string(params, MAP_KEYS)),
            tag("aside", tag("h2", "Select a country, a cell or a route"),
                tag("p", "Click the map, or use the tables below.", class_="hint"),
                id="panel", aria_live="polite"),
            class_="map-layout",
        ),
        tag("p", "", id="map-status", class_="hint", role="status"),
        tag("details", id="map-notes", class_="hint"),
        tag(
            "div",
            tag("section", tag("h2", "Countries"), tag("div", id="country-table")),
            tag("section", tag("h2", "Routes"), tag("div", id="route-table")),
            tag("section", tag("h2", "Open detections"), tag("div", id="detection-list")),
            class_="tables",
        ),
    )  # fmt: skip
    return layout(session, active="map", title="Map", main=main, here=here, orgs=orgs,
                  styles=MAP_STYLES, scripts=MAP_SCRIPTS)  # fmt: skip


TREND_KEYS = ("by", "typology", "origin", "destination", "location", "cell", "cell_fine",
              "since", "from", "until", "clock", "bucket")  # fmt: skip
# the comparison is drawn by the page itself, not by the chart's script (not in its query)


def trends_page(
    session: Session,
    params: Mapping[str, str],
    orgs: Sequence[str],
    here: str,
    buckets: Sequence[str],
    *,
    comparison: Mapping[str, Any] | None = None,
) -> str:
    by = [(b, b) for b in TREND_BY]
    form = tag(
        "form",
        select("by", by, params.get("by") or "typology", "Series by"),
        typologies(params.get("typology") or ""),
        [tag("label", f"{dim} ", tag("input", name=dim, value=params.get(dim) or None,
                                     size="3", maxlength="2", placeholder="XX",
                                     pattern="[A-Za-z]{2}"))
         for dim in ("origin", "destination", "location")],
        period_fields(params),
        select("bucket", [("", "release bin"), *((b, b) for b in buckets)],
                params.get("bucket") or "", "Bucket"),
        select("compare", COMPARE, params.get("compare") or "", "Compare with"),
        tag("button", "Apply", type="submit"),
        method="get", action="/trends", class_="filters",
    )  # fmt: skip
    query = query_string(params, TREND_KEYS)
    main = fragment(
        tag("h1", "Trends"),
        form,
        tag("div", id="trend", data_query=query, class_="chart"),
        tag("p", tag("a", "Download CSV", href=f"/trends.csv?{query}", download="trend.csv"),
            " (the counts behind the chart, as the query API answers them)"),
        tag("p", "", id="trend-status", class_="hint", role="status"),
        _comparison(comparison) if comparison else None,
        tag("section", tag("h2", "Detections on this trend"), tag("div", id="trend-detections")),
        tag("section", tag("h2", "Numbers"), tag("div", id="trend-table")),
    )  # fmt: skip
    return layout(session, active="trends", title="Trends", main=main, here=here, orgs=orgs,
                  styles=CHART_STYLES, scripts=(*CHART_SCRIPTS, "/static/trends.js"))  # fmt: skip


COMPARE = (("", "nothing"), ("previous", "the period before"),
           ("year", "the same period 52 weeks earlier"))  # fmt: skip


def _comparison(comparison: Mapping[str, Any]) -> Markup:
    """This period against the other, per series, with whether each change is noise."""
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "series", comparison["current"], comparison["other"], "change", "ratio", "p",
        "beyond noise?")])  # fmt: skip
    rows = [
        tag(
            "tr",
            tag("th", r["label"], scope="row"),
            tag("td", r["current"]),
            tag("td", r["other"]),
            tag("td", f"{r['change']:+d}"),
            tag("td", "new" if r["ratio"] is None else f"×{r['ratio']:g}"),
            tag("td", f"{r['p']:.3f}" if r["p"] >= 0.001 else "< 0.001"),
            tag("td", "yes" if r["beyond_noise"] else "no",
                class_="beyond" if r["beyond_noise"] else "noise"),
            data_series=r["name"],
        )
        for r in comparison["rows"]
    ]  # fmt: skip
    other = dict(COMPARE)[comparison["against"]]
    return tag(
        "section",
        tag("h2", f"This period ({comparison['current']}) against {other} "
                  f"({comparison['other']})"),
        tag("table", tag("thead", head), tag("tbody", rows), class_="list", id="comparison")
        if rows else tag("p", "Nothing visible to you in either period.", class_="empty"),
        [tag("p", n, class_="hint") for n in comparison["notes"]],
        class_="comparison",
    )  # fmt: skip


def _severity(value: str) -> Markup:
    return tag("span", value, class_=f"sev sev-{value}")


def detections_page(
    session: Session,
    *,
    rows: Sequence[Mapping[str, Any]],
    notes: Sequence[str],
    params: Mapping[str, str],
    orgs: Sequence[str],
    here: str,
) -> str:
    form = tag(
        "form",
        select("state", [("open", "open"), ("resolved", "resolved"), ("all", "all")],
                params.get("state") or "open", "State"),
        select("min_severity", [("", "any"), *((s, s) for s in SEVERITIES)],
                params.get("min_severity") or "", "Severity at least"),
        select("since", [(r, f"updated in the last {r}") for r in RANGES],
                params.get("since") or "90d", "Period"),
        select("order", [("recent", "most recent first"), ("severity", "most severe first")],
                params.get("order") or "recent", "Order"),
        tag("button", "Apply", type="submit"),
        method="get", action="/detections", class_="filters",
    )  # fmt: skip
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "severity", "what", "where", "observed / expected", "sources", "sharing", "state",
        "window from", "updated")])  # fmt: skip
    body = [
        tag(
            "tr",
            tag("td", _severity(r["severity"])),
            tag("td", tag("a", r["what"], href=f"/detections/{r['detection_id']}")),
            tag("td", r["where"]),
            tag("td", f"{r['observed']:g} / {r['expected']:.1f}"),
            tag("td", r["distinct_sources"]),
            tag("td", r["tlp_label"]),
            tag("td", r["state"]),
            tag("td", r["window_start"][:10]),
            tag("td", r["updated_at"].replace("T", " ").replace("Z", " UTC")),
            data_detection=r["detection_id"],
        )
        for r in rows
    ]
    table = (
        tag("table", tag("thead", head), tag("tbody", body), class_="list", id="detections")
        if rows
        else tag("p", "No detection visible to you matches.", class_="empty")
    )
    main = fragment(tag("h1", "Detections"), form, table,
                    [tag("p", n, class_="hint") for n in notes])  # fmt: skip
    return layout(session, active="detections", title="Detections", main=main, here=here,
                  orgs=orgs)  # fmt: skip


def detection_page(
    session: Session, versions: Sequence[Mapping[str, Any]], orgs: Sequence[str], here: str
) -> str:
    latest = versions[-1]
    dims = latest["dimensions"]
    facts = [
        ("What", latest["what"]),
        ("Where", latest["where"]),
        ("State", latest["state"]),
        ("Severity", _severity(latest["severity"])),
        ("Observed vs expected",
         f"{latest['observed']:g} reports vs {latest['expected']:.1f} expected "
         f"(score {latest['score']:.1f}, {latest['method']})"),
        ("Sources", f"{latest['distinct_sources']} distinct sources"),
        ("Sharing", latest["tlp_label"]),
        ("Window", f"{latest['window_start']} to {latest['window_end']}"),
        ("Dimension set", f"{latest['dimension_set']} ({latest['dimension_key']})"),
        ("Opened", latest["opened_at"]),
    ]  # fmt: skip
    trend = {"by": "typology", **dims}
    head = tag("tr", [tag("th", h, scope="col") for h in (
        "version", "state", "severity", "observed", "expected", "score", "sources", "sharing",
        "updated")])  # fmt: skip
    history = [
        tag("tr", [tag("td", cell) for cell in (
            v["version"], v["state"], _severity(v["severity"]), f"{v['observed']:g}",
            f"{v['expected']:.1f}", f"{v['score']:.1f}", v["distinct_sources"], v["tlp_label"],
            v["updated_at"])])
        for v in versions
    ]  # fmt: skip
    main = fragment(
        tag("h1", f"{latest['what'].capitalize()}, {latest['where']}"),
        tag("p", tag("span", "Detection ", tag("code", latest["detection_id"])), class_="hint"),
        tag("dl", [fragment(tag("dt", k), tag("dd", v)) for k, v in facts], class_="facts"),
        tag("h2", "Observed against expected, version by version"),
        tag("div", id="versions-chart", class_="chart"),
        json_block("versions", [
            {"version": v["version"], "updated_at": v["updated_at"], "observed": v["observed"],
             "expected": v["expected"], "state": v["state"]} for v in versions
        ]),
        tag("h2", "Lifecycle"),
        tag("p", "Only the versions you may see are listed: each is judged on its own "
                 "evidence (a version counting reports you may not see is left out).",
            class_="hint"),
        tag("table", tag("thead", head), tag("tbody", history), class_="list", id="history"),
        tag("p", tag("a", "See the trend of this place or route",
                     href="/trends?" + urlencode(trend))),
    )  # fmt: skip
    return layout(session, active="detections", title="Detection", main=main, here=here,
                  orgs=orgs, styles=CHART_STYLES,
                  scripts=(*CHART_SCRIPTS, "/static/detection.js"))  # fmt: skip
