"""Subscriptions as users write them: checked once, with every problem named (pure).

The CLI and the HTTP API both hand a JSON-like dict to ``build``; what comes back is the
``Subscription`` contract that goes on the compacted topic. Problems say which field and
why, and never repeat a value (a pasted token or webhook URL must not end up in a log).
"""

from __future__ import annotations

import json
import re
import secrets as random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from alerts.areas import AreaError, compile_area
from alerts.channels.mail_relay import RelayError, recipients, relay
from alerts.secrets import SecretError, Secrets, check_name
from alerts.templating import TemplateProblem
from alerts.templating import check as check_template
from schemas.egress import EgressPolicy
from schemas.models import Area, Channel, QuietHours, Subscription
from schemas.taxonomy import ChannelKind, DeliveryMode, Severity, Typology

DEFAULT_DIGEST_TIME = "08:00"
SLACK_CHANNEL = re.compile(r"^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9_-]{0,79})$")
SLACK_INCOMING = "incoming-webhook"  # target of a Slack channel whose secret is a webhook URL
OUTBOX_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_CHANNELS = 10
MAX_RECIPIENTS = 20  # email addresses over all of a subscription's channels


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class SubscriptionError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class Rules:
    """What the deployment allows: known dimension sets, reachable webhook hosts, secrets."""

    dimension_sets: frozenset[str]
    egress: EgressPolicy = field(default_factory=EgressPolicy)  # private hosts allowed
    secrets: Secrets | None = None  # None: do not check that named secrets exist
    max_per_org: int = 1000


class _Spec(BaseModel):
    """The fields a subscriber sets (ids, versions and times are tahub's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=120)
    area: dict[str, Any] = {}
    typologies: list[Typology] = []
    origins: list[str] = []
    destinations: list[str] = []
    dimension_sets: list[str] = []
    min_severity: Severity = Severity.MEDIUM
    new_routes_only: bool = False
    channels: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_CHANNELS)
    mode: DeliveryMode = DeliveryMode.IMMEDIATE
    digest_time: str | None = None
    timezone: str = "UTC"
    quiet_hours: dict[str, str] | None = None
    notify_resolved: bool = False
    templates: dict[str, str] = {}


SPEC_FIELDS = tuple(_Spec.model_fields)


def new_id() -> str:
    return "sub-" + random.token_hex(6)


def _pydantic_problems(err: ValidationError) -> list[Problem]:
    out = []
    for e in err.errors(include_input=False, include_url=False):
        path = ".".join(str(p) for p in e["loc"]) or "(body)"
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = f"unknown field; fields are {', '.join(SPEC_FIELDS)}"
        out.append(Problem(path, msg))
    return out


def _secret_ref(
    path: str, raw: Any, rules: Rules, what: str, org_id: str
) -> tuple[str | None, list[Problem]]:
    if not raw:
        return None, [Problem(f"{path}.secret_ref", f"required: the name of the {what}")]
    try:
        name = check_name(str(raw))
        if rules.secrets is not None:
            rules.secrets.get(org_id, name)  # only the subscribing organisation's own
    except SecretError as err:
        return None, [Problem(f"{path}.secret_ref", str(err))]
    return name, []


def _email(path: str, target: str, raw_ref: Any, rules: Rules, org_id: str) -> list[Problem]:
    """Recipients checked strictly; the relay secret is the organisation's own, a URL
    with a user and password whose host is reachable (its value is never repeated)."""
    problems = []
    try:
        recipients(target)
    except RelayError as err:
        problems.append(Problem(f"{path}.target", str(err)))
    name, more = _secret_ref(path, raw_ref, rules, "SMTP relay URL", org_id)
    if more or name is None or rules.secrets is None:
        return problems + more
    try:
        host = relay(rules.secrets.get(org_id, name)).host
    except RelayError as err:
        return [*problems, Problem(f"{path}.secret_ref", str(err))]
    if rules.egress.host_refusal(host) is not None:
        problems.append(Problem(f"{path}.secret_ref", "the relay is a private or loopback host"))
    return problems


def _channel(  # noqa: PLR0912 - one branch per channel kind and rule
    i: int, raw: Mapping[str, Any], rules: Rules, org_id: str
) -> tuple[Channel | None, list[Problem]]:
    path = f"channels.{i}"
    unknown = sorted(set(raw) - {"kind", "target", "secret_ref"})
    if unknown:
        return None, [Problem(path, "a channel has kind, target and secret_ref only")]
    try:
        kind = ChannelKind(str(raw.get("kind")))
    except ValueError:
        kinds = ", ".join(k.value for k in ChannelKind)
        return None, [Problem(f"{path}.kind", f"must be one of {kinds}")]
    target = str(raw.get("target") or "")
    problems: list[Problem] = []
    secret: str | None = None
    if kind is ChannelKind.SLACK:
        if target.startswith(("http://", "https://")):
            problems.append(
                Problem(
                    f"{path}.target",
                    "a Slack incoming-webhook URL is a secret: store it as a named secret, "
                    f"set target to {SLACK_INCOMING!r} and secret_ref to its name",
                )
            )
        elif target != SLACK_INCOMING and not SLACK_CHANNEL.match(target):
            problems.append(
                Problem(
                    f"{path}.target",
                    "a Slack channel id (C…, G…) or #channel-name, "
                    f"or {SLACK_INCOMING!r} with the webhook URL as the secret",
                )
            )
        what = "incoming-webhook URL" if target == SLACK_INCOMING else "bot token"
        secret, more = _secret_ref(path, raw.get("secret_ref"), rules, what, org_id)
        problems += more
    elif kind is ChannelKind.EMAIL:
        problems += _email(path, target, raw.get("secret_ref"), rules, org_id)
        secret = str(raw.get("secret_ref") or "") or None
    elif kind is ChannelKind.WEBHOOK:
        parts = urlsplit(target)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            problems.append(Problem(f"{path}.target", "an https:// URL"))
        elif parts.username or parts.password:
            problems.append(Problem(f"{path}.target", "credentials do not belong in the URL"))
        elif rules.egress.refusal(target) is not None:
            problems.append(
                Problem(f"{path}.target", "private and loopback hosts are not reachable from here")
            )
        elif parts.scheme == "http" and not rules.egress.allows_host(parts.hostname):
            # plain http only to a host the operator named (an on-premise receiver)
            problems.append(Problem(f"{path}.target", "use https:// (alerts carry case data)"))
        secret, more = _secret_ref(path, raw.get("secret_ref"), rules, "signing key", org_id)
        problems += more
    else:
        if not OUTBOX_NAME.match(target):
            problems.append(
                Problem(f"{path}.target", "an outbox name: letters, digits, '.', '_', '-'")
            )
        if raw.get("secret_ref"):
            problems.append(Problem(f"{path}.secret_ref", "an outbox needs no secret"))
    if problems:
        return None, problems
    return Channel(kind=kind, target=target, secret_ref=secret), []


def _zone(name: str) -> list[Problem]:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return [Problem("timezone", "an IANA time zone such as Europe/London or Asia/Bangkok")]
    return []


def _countries(path: str, codes: Iterable[str]) -> tuple[list[str], list[Problem]]:
    from schemas.countries import check_country

    out, problems = [], []
    for j, code in enumerate(codes):
        try:
            out.append(check_country(code))
        except ValueError as err:
            problems.append(Problem(f"{path}.{j}", str(err).replace(repr(code), "this code")))
    return out, problems


@dataclass
class _Checked:
    problems: list[Problem] = field(default_factory=list)

    def run(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except ValidationError as err:
            self.problems += _pydantic_problems(err)
        return None


def build(  # noqa: PLR0912, PLR0915 - one pass that collects every problem
    data: Mapping[str, Any],
    *,
    org_id: str,
    now: datetime,
    rules: Rules,
    previous: Subscription | None = None,
    subscription_id: str | None = None,
) -> Subscription:
    """A new subscription from ``data``, or the next version of ``previous``."""
    if not isinstance(data, Mapping):
        raise SubscriptionError([Problem("(body)", "a JSON object")])
    try:
        spec = _Spec.model_validate(dict(data))
    except ValidationError as err:
        raise SubscriptionError(_pydantic_problems(err)) from None
    problems: list[Problem] = []
    area_in = dict(spec.area)
    if isinstance(area_in.get("geojson"), dict):  # a GeoJSON object is kept as its text
        area_in["geojson"] = json.dumps(area_in["geojson"], separators=(",", ":"))
    try:
        compile_area(area_in)
        area = Area.model_validate(area_in)
    except AreaError as err:
        problems.append(Problem("area", str(err)))
    except ValidationError as err:
        problems += [Problem(f"area.{p.path}", p.reason) for p in _pydantic_problems(err)]
    origins, more = _countries("origins", spec.origins)
    problems += more
    destinations, more = _countries("destinations", spec.destinations)
    problems += more
    unknown_sets = sorted(set(spec.dimension_sets) - rules.dimension_sets)
    if unknown_sets:
        problems.append(
            Problem(
                "dimension_sets",
                f"unknown set(s); known: {', '.join(sorted(rules.dimension_sets))}",
            )
        )
    channels = []
    for i, raw in enumerate(spec.channels):
        if not isinstance(raw, Mapping):
            problems.append(Problem(f"channels.{i}", "a channel object"))
            continue
        ch, more = _channel(i, raw, rules, org_id)
        problems += more
        if ch is not None:
            if ch in channels:
                problems.append(Problem(f"channels.{i}", "the same channel is listed twice"))
            channels.append(ch)
    mailed = {a.lower() for c in channels if c.kind is ChannelKind.EMAIL
              for a in recipients(c.target)}  # fmt: skip
    if len(mailed) > MAX_RECIPIENTS:
        problems.append(Problem("channels", f"at most {MAX_RECIPIENTS} email addresses in all"))
    if not spec.name.isprintable():  # a name goes into email subjects and Slack headers
        problems.append(Problem("name", "one line of printable characters"))
    problems += _zone(spec.timezone)
    templates = {part: text for part, text in spec.templates.items() if text.strip()}
    for part, text in templates.items():
        try:
            check_template(part, text)
        except TemplateProblem as err:
            problems.append(Problem(f"templates.{part}", str(err)))
    digest_time = spec.digest_time
    if spec.mode is not DeliveryMode.IMMEDIATE:
        digest_time = digest_time or DEFAULT_DIGEST_TIME
    elif digest_time is not None:
        problems.append(Problem("digest_time", "only digest modes have a digest time"))
    quiet = None
    if spec.quiet_hours is not None:
        checked = _Checked()
        quiet = checked.run(QuietHours.model_validate, spec.quiet_hours)
        problems += [Problem(f"quiet_hours.{p.path}", p.reason) for p in checked.problems]
        if quiet is not None and quiet.start == quiet.end:
            problems.append(Problem("quiet_hours", "start and end are the same time"))
    if problems:
        raise SubscriptionError(problems)
    fields: dict[str, Any] = {
        "org_id": org_id,
        "name": spec.name.strip(),
        "area": area,
        "typologies": list(dict.fromkeys(spec.typologies)),
        "origins": list(dict.fromkeys(origins)),
        "destinations": list(dict.fromkeys(destinations)),
        "dimension_sets": list(dict.fromkeys(spec.dimension_sets)),
        "min_severity": spec.min_severity,
        "new_routes_only": spec.new_routes_only,
        "channels": channels,
        "mode": spec.mode,
        "digest_time": digest_time,
        "timezone": spec.timezone,
        "quiet_hours": quiet,
        "notify_resolved": spec.notify_resolved,
        "templates": templates,
        "updated_at": now,
    }
    base: dict[str, Any] = (
        previous.model_dump()
        if previous is not None
        else {"subscription_id": subscription_id or new_id(), "created_at": now}
    )
    version = previous.version + 1 if previous is not None else 1
    checked = _Checked()
    sub = checked.run(lambda: Subscription(**{**base, **fields, "version": version}))
    if sub is None:
        raise SubscriptionError(checked.problems)
    return sub  # type: ignore[no-any-return]


def spec_of(sub: Subscription) -> dict[str, Any]:
    """The user-facing fields of a subscription (what ``build`` takes back)."""
    data = sub.to_avro()
    area = {k: v for k, v in data["area"].items() if v not in (None, [])}
    out = {k: data[k] for k in SPEC_FIELDS if k != "area"}
    out["area"] = area
    out["channels"] = [{k: v for k, v in c.items() if v is not None} for c in data["channels"]]
    return out


def with_active(sub: Subscription, active: bool, now: datetime) -> Subscription:
    return sub.model_copy(update={"active": active, "version": sub.version + 1, "updated_at": now})


def public_view(sub: Subscription) -> dict[str, Any]:
    """What the API and CLI show: the spec plus ids, state and times (no secret values exist)."""
    return {
        "subscription_id": sub.subscription_id,
        "org_id": sub.org_id,
        "version": sub.version,
        "active": sub.active,
        **spec_of(sub),
        "created_at": sub.created_at.isoformat(),
        "updated_at": sub.updated_at.isoformat(),
    }
