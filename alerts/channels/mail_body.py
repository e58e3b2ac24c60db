"""An email's subject, plain text and HTML, both from the one payload compose.py made
(pure), so the two parts say the same and carry no more than it does: what the
subscriber's organisation may see, aggregates only.

Every value is treated as hostile: the subject is one line (control characters, CR and LF
become spaces, so a subscription name cannot start a header), and the HTML escapes every
text it shows.
"""

from __future__ import annotations

import html
import re
from typing import Any

MAX_DETECTIONS = 50  # an alert; more go behind "and N more"
MAX_DIGEST = 500  # a digest lists its day or week, within reason
SUBJECT_MAX = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_STYLE_CELL = "padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"


def one_line(text: str, limit: int) -> str:
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def subject(payload: dict[str, Any]) -> str:
    return one_line(f"[{payload['tlp']}] {payload['title']}", SUBJECT_MAX)


def _measure(d: dict[str, Any]) -> str:
    if d["method"] == "novelty":
        return f"{d['observed']:g} reports on a route not seen before"
    return (
        f"{d['observed']:g} reports vs {d['expected']:.1f} expected "
        f"(score {d['score']:.1f}, {d['method']})"
    )


def _change(d: dict[str, Any]) -> str:
    change = "" if d["change"] == "new" else f" ({d['change']})"
    return change + (" (related: the same spike as above)" if d.get("context_for") else "")


def _window(d: dict[str, Any]) -> str:
    return f"{str(d['window_start'])[:16].replace('T', ' ')} UTC"


def _shown(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    dets = list(payload.get("detections") or [])
    most = MAX_DIGEST if payload["kind"] == "digest" else MAX_DETECTIONS
    return dets[:most], max(0, len(dets) - most)


def _heading(payload: dict[str, Any]) -> str:
    name = one_line(payload["subscription"]["name"], 120)
    if payload["kind"] == "test":
        return f"{payload['tlp']} · test message · subscription “{name}”"
    return (
        f"{payload['tlp']} · {payload['kind']} · highest severity {payload['severity']} · "
        f"subscription “{name}”"
    )


def text(payload: dict[str, Any]) -> str:
    """The plain-text part."""
    out = [one_line(payload["title"], 1000), _heading(payload), ""]
    if payload["kind"] == "test" or not payload.get("detections"):
        out.append(str(payload["summary"]))
    shown, more = _shown(payload)
    for d in shown:
        out += [
            f"* [{d['severity']}] {d['what']}, {d['where']}{_change(d)}",
            f"  {_measure(d)} · {d['distinct_sources']} distinct sources",
            f"  window from {_window(d)} · {d['tlp']}",
            f"  evidence: {d['evidence_url']}",
            "",
        ]
    if more:
        out.append(f"and {more} more")
    out += ["", "-- ", "tahub alerts: aggregates only; the evidence pages ask you to sign in."]
    return "\n".join(out).strip() + "\n"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _row(d: dict[str, Any]) -> str:
    cells = [
        f"<strong>{_e(d['severity'])}</strong>{_e(_change(d))}",
        f"{_e(d['what'])}, {_e(d['where'])}",
        _e(f"{_measure(d)} · {d['distinct_sources']} distinct sources"),
        _e(f"{_window(d)} · {d['tlp']}"),
        f'<a href="{_e(d["evidence_url"])}">Evidence</a>',
    ]
    return "<tr>" + "".join(f'<td style="{_STYLE_CELL}">{c}</td>' for c in cells) + "</tr>"


def html_body(payload: dict[str, Any]) -> str:
    """The HTML part: the same words as the text part, as a table."""
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>' + _e(payload["title"]) + "</title></head>",
        '<body style="font-family:sans-serif">',
        f'<h1 style="font-size:1.2em">{_e(one_line(payload["title"], 1000))}</h1>',
        f"<p>{_e(_heading(payload))}</p>",
    ]
    if payload["kind"] == "test" or not payload.get("detections"):
        parts.append("<p>" + _e(payload["summary"]).replace("\n", "<br>") + "</p>")
    shown, more = _shown(payload)
    if shown:
        head = "".join(
            f'<th style="{_STYLE_CELL}">{h}</th>'
            for h in ("severity", "what, where", "measure", "window", "")
        )
        rows = "".join(_row(d) for d in shown)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if more:
        parts.append(f"<p>and {more} more</p>")
    parts.append("<p><small>tahub alerts: aggregates only; the evidence pages ask you to sign "
                 "in.</small></p></body></html>")  # fmt: skip
    return "\n".join(parts) + "\n"
