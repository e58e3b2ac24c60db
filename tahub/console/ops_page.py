"""The operator's /ops page as HTML: a frame the page's script (static/ops.js) fills from
the data the server put in the page, then from ``/ops/data`` every few seconds. The
pipeline is drawn as SVG by that script; the tables below it say the same in text."""

from __future__ import annotations

from typing import Any

from tahub.console.html import fragment, json_block, tag
from tahub.console.pages import STYLES, layout
from tahub.console.sessions import Session

OPS_STYLES = (*STYLES, "/static/ops.css")
OPS_SCRIPTS = ("/static/ops.js",)
POLL_SECONDS = 3


def _section(title: str, element_id: str, hint: str | None = None) -> Any:
    return tag(
        "section",
        tag("h2", title),
        tag("p", hint, class_="hint") if hint else None,
        tag("div", tag("p", "Loading…", class_="empty"), id=element_id),
        class_="ops-part",
    )


def ops_page(session: Session, data: dict[str, Any], here: str) -> str:
    main = fragment(
        tag(
            "div",
            tag("h1", "Operations"),
            tag("p", "…", id="ops-level", class_="ops-level", role="status", aria_live="polite"),
            tag("p", "", id="ops-updated", class_="hint"),
            class_="ops-head",
        ),
        tag(
            "figure",
            tag(
                "div",
                id="ops-pipeline",
                class_="ops-pipeline",
                role="img",
                aria_label="the pipeline: each stage with its state, rate and lag",
            ),
            tag(
                "figcaption",
                "Each stage: green, yellow (look soon) or red (act now) by the "
                "rules of `tahub status`; records read per second between two looks at its "
                "consumer group's offsets; records waiting and the oldest one's age.",
                class_="hint",
            ),
            class_="ops-figure",
        ),
        _section("Needs attention", "ops-problems"),
        _section("Stages", "ops-stages"),
        tag(
            "div",
            _section("Failing news feeds", "ops-feeds"),
            _section(
                "Failing alert channels",
                "ops-channels",
                "A subscriber's endpoint: theirs to fix, ours to tell.",
            ),
            _section("Restarts", "ops-restarts", "Since the main job started."),
            class_="ops-row",
        ),
        _section(
            "Recent dead letters",
            "ops-dead-letters",
            "Why each record was refused and where it was; never its content.",
        ),
        _section("Last detections", "ops-detections"),
        tag(
            "noscript",
            tag(
                "p",
                "This page draws itself with a script; `tahub status` "
                "shows the same in a terminal.",
            ),
        ),
        json_block("ops-data", data),
        tag("div", id="ops-config", data_url="/ops/data", data_every=POLL_SECONDS),
    )
    return layout(
        session,
        active="ops",
        title="Operations",
        main=main,
        here=here,
        styles=OPS_STYLES,
        scripts=OPS_SCRIPTS,
    )
