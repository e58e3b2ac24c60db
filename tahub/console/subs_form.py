"""The subscription form's fields to the spec the alerts API takes, and back (pure).

This only decodes what an HTML form can carry (lists typed as text, numbers as text,
checkboxes, one row per channel) into the JSON-like dict that ``alerts.subscriptions.build``
checks: every rule about what a subscription may be lives there, and the console hands
the decoded dict to the same ``SubscriptionAdmin`` as ``POST /api/v1/subscriptions``.
The one thing refused here is text where a number must be, which JSON would not allow
either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from alerts.subscriptions import MAX_CHANNELS, Problem, SubscriptionError

CHANNEL_ROWS = 3  # rows shown for a new subscription; an edit shows one more than it has
BBOX = ("min_lon", "min_lat", "max_lon", "max_lat")
CIRCLE = ("lat", "lon", "radius_km")
_SPLIT = re.compile(r"[\s,;]+")

Values = dict[str, list[str]]  # a form's fields, each with its values


class Form(Protocol):
    def get(self, name: str, default: str = "") -> str: ...
    def all(self, name: str) -> list[str]: ...


class Fields:
    """A posted form as name → values (checkboxes and multiple selects repeat a name)."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._values: Values = {}
        for name, value in pairs:
            self._values.setdefault(name, []).append(value)

    def get(self, name: str, default: str = "") -> str:
        values = self._values.get(name)
        return values[0] if values else default

    def all(self, name: str) -> list[str]:
        return list(self._values.get(name, []))

    def names(self) -> list[str]:
        return list(self._values)


def _codes(text: str) -> list[str]:
    """'th, mm la' → ['TH', 'MM', 'LA'] (the alerts API checks each code)."""
    return [c.upper() for c in _SPLIT.split(text.strip()) if c]


def _numbers(form: Form, prefix: str, names: Sequence[str]) -> tuple[dict[str, float], bool]:
    """The named number fields, and whether any was filled in; a field that is not a
    number is a problem (JSON would not carry it as one either)."""
    raw = {n: form.get(f"{prefix}_{n}").strip() for n in names}
    if not any(raw.values()):
        return {}, False
    out: dict[str, float] = {}
    bad = []
    for name, text in raw.items():
        try:
            out[name] = float(text)
        except ValueError:
            bad.append(name)
    if bad:
        raise SubscriptionError(
            [Problem(f"area.{prefix}", f"{', '.join(bad)}: a number, e.g. 13.75")]
        )
    return out, True


def _channels(form: Form) -> list[dict[str, str]]:
    out = []
    for i in range(MAX_CHANNELS):
        target = form.get(f"channel_target_{i}").strip()
        secret = form.get(f"channel_secret_{i}").strip()
        if not target and not secret:
            continue  # an empty row
        channel = {"kind": form.get(f"channel_kind_{i}"), "target": target}
        if secret:
            channel["secret_ref"] = secret
        out.append(channel)
    return out


def spec_from_form(form: Form) -> dict[str, Any]:
    """The spec ``alerts.subscriptions.build`` takes, from the form's fields."""
    area: dict[str, Any] = {}
    if countries := _codes(form.get("area_countries")):
        area["countries"] = countries
    bbox, given = _numbers(form, "bbox", BBOX)
    if given:
        area["bbox"] = [bbox[n] for n in BBOX]
    circle, given = _numbers(form, "circle", CIRCLE)
    if given:
        area["circle"] = circle
    if geojson := form.get("area_geojson").strip():
        area["geojson"] = geojson
    spec: dict[str, Any] = {
        "name": form.get("name").strip(),
        "area": area,
        "typologies": form.all("typologies"),
        "origins": _codes(form.get("origins")),
        "destinations": _codes(form.get("destinations")),
        "dimension_sets": form.all("dimension_sets"),
        "min_severity": form.get("min_severity", "medium"),
        "new_routes_only": form.get("new_routes_only") == "on",
        "channels": _channels(form),
        "mode": form.get("mode", "immediate"),
        "timezone": form.get("timezone").strip() or "UTC",
        "notify_resolved": form.get("notify_resolved") == "on",
    }
    if digest := form.get("digest_time").strip():
        spec["digest_time"] = digest
    start, end = form.get("quiet_start").strip(), form.get("quiet_end").strip()
    if start or end:
        spec["quiet_hours"] = {"start": start, "end": end}
    return spec


def _number(value: float) -> str:
    return f"{value:g}"


def form_values(spec: Mapping[str, Any]) -> Values:
    """A subscription's spec (``alerts.subscriptions.spec_of``) as the form's fields."""
    area = spec.get("area") or {}
    values: Values = {
        "name": [spec.get("name") or ""],
        "area_countries": [", ".join(area.get("countries") or [])],
        "area_geojson": [area.get("geojson") or ""],
        "typologies": [str(t) for t in spec.get("typologies") or []],
        "origins": [", ".join(spec.get("origins") or [])],
        "destinations": [", ".join(spec.get("destinations") or [])],
        "dimension_sets": list(spec.get("dimension_sets") or []),
        "min_severity": [str(spec.get("min_severity") or "medium")],
        "mode": [str(spec.get("mode") or "immediate")],
        "digest_time": [spec.get("digest_time") or ""],
        "timezone": [spec.get("timezone") or "UTC"],
    }
    if area.get("bbox"):
        for name, value in zip(BBOX, area["bbox"], strict=True):
            values[f"bbox_{name}"] = [_number(value)]
    if area.get("circle"):
        for name in CIRCLE:
            values[f"circle_{name}"] = [_number(area["circle"][name])]
    for flag in ("new_routes_only", "notify_resolved"):
        if spec.get(flag):
            values[flag] = ["on"]
    quiet = spec.get("quiet_hours") or {}
    values["quiet_start"] = [quiet.get("start") or ""]
    values["quiet_end"] = [quiet.get("end") or ""]
    for i, channel in enumerate(spec.get("channels") or []):
        values[f"channel_kind_{i}"] = [str(channel.get("kind") or "")]
        values[f"channel_target_{i}"] = [channel.get("target") or ""]
        values[f"channel_secret_{i}"] = [channel.get("secret_ref") or ""]
    return values


def channel_rows(values: Mapping[str, list[str]]) -> int:
    """How many channel rows the form shows: those filled in, one empty, at least
    ``CHANNEL_ROWS``, at most the API's limit."""
    filled = [
        i
        for i in range(MAX_CHANNELS)
        if any(values.get(f"channel_{f}_{i}", [""])[0] for f in ("target", "secret"))
    ]
    return min(MAX_CHANNELS, max(CHANNEL_ROWS, (max(filled) + 2) if filled else 0))


def posted_values(form: Fields) -> Values:
    """What a refused form is shown again with: the fields as posted, except a Slack
    target that is a URL (a secret pasted in the wrong box goes no further)."""
    values: Values = {name: form.all(name) for name in form.names()}
    for i in range(MAX_CHANNELS):
        target = values.get(f"channel_target_{i}", [""])[0]
        if (
            target.startswith(("http://", "https://"))
            and values.get(f"channel_kind_{i}", [""])[0] == "slack"
        ):
            values[f"channel_target_{i}"] = [""]
    return values
