"""What a partner submits for one incident, how it is checked, and how it becomes an Incident.

Pure: no I/O. Every problem is reported at once as a RowError (path, kind of value,
reason) that never repeats the submitted value, since values may identify people.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Protocol

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from producers.intake import geo
from producers.intake.scrub import scrub, scrub_place
from schemas.countries import check_country
from schemas.envelope import DataKey
from schemas.ids import IdKey
from schemas.sharing import OCCURRENCE_LEAD
from schemas.taxonomy import (
    AgeBand,
    DatePrecision,
    Gender,
    MeansOfControl,
    Recruitment,
    Tlp,
    Typology,
)

MAX_SUMMARY = 4000
MAX_PLACES = 20
EARLIEST = date(1900, 1, 1)
# a partner in UTC+14 may legitimately report "today" while UTC is still yesterday
FUTURE_GRACE = OCCURRENCE_LEAD
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"
_ISIC = re.compile(r"^[A-U](?:\d{2}(?:\d{1,2})?)?$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# a namespace for incident ids derived from (organisation, submission id)


def _country(value: Any) -> Any:
    return check_country(value) if isinstance(value, str) else value


Country = Annotated[str, BeforeValidator(_country)]


def _tlp(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return Tlp.parse(value)
    except ValueError:  # Tlp.parse repeats the value; errors here never do
        allowed = ", ".join(t.label for t in Tlp)
        raise ValueError(f"unknown sharing level; use one of {allowed}") from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PlaceIn(_Strict):
    country: Country
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    lat: Annotated[float, Field(ge=-90.0, le=90.0)] | None = None
    lon: Annotated[float, Field(ge=-180.0, le=180.0)] | None = None

    @model_validator(mode="after")
    def _coordinates(self) -> PlaceIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if self.lat is not None and self.lon is not None:
            problem = geo.mismatch(self.country, self.lat, self.lon)
            if problem:
                raise ValueError(problem)
        return self


class VictimsIn(_Strict):
    age_band: AgeBand = AgeBand.UNKNOWN
    gender: Gender = Gender.UNKNOWN
    count: Annotated[int, Field(ge=0, le=100_000)]


Places = Annotated[list[PlaceIn], Field(max_length=MAX_PLACES)]


class Submission(_Strict):
    """One incident as a partner sends it (JSON body, JSON Lines line or CSV row)."""

    submission_id: Annotated[str, Field(pattern=_ID_PATTERN)] | None = None
    occurred_precision: DatePrecision
    # required unless the precision is unknown (then it must be empty)
    occurred_on: Annotated[date | None, Field(validate_default=True)] = None
    typologies: Annotated[list[Typology], Field(min_length=1, max_length=10)]
    means_of_control: Annotated[list[MeansOfControl], Field(max_length=20)] = Field(
        default_factory=list
    )
    recruitment: Annotated[list[Recruitment], Field(max_length=10)] = Field(default_factory=list)
    recruitment_places: Places = Field(default_factory=list)
    transit_places: Places = Field(default_factory=list)
    exploitation_places: Places = Field(default_factory=list)
    sector: str | None = None
    victims: Annotated[list[VictimsIn], Field(max_length=50)] = Field(default_factory=list)
    victim_citizenships: Annotated[list[Country], Field(max_length=50)] = Field(
        default_factory=list
    )
    tlp: Annotated[Tlp, BeforeValidator(_tlp)]
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0
    summary: Annotated[str, Field(max_length=MAX_SUMMARY)] | None = None

    @field_validator("occurred_on", mode="before")
    @classmethod
    def _partial_date(cls, value: Any, info: Any) -> Any:
        """Accept YYYY, YYYY-MM or YYYY-MM-DD, at least as precise as the stated precision;
        empty only when the precision is unknown."""
        if isinstance(value, str) and not value.strip():
            value = None
        precision = info.data.get("occurred_precision")
        if value is None:
            if precision is DatePrecision.UNKNOWN:
                return None
            if precision is None:
                raise PydanticCustomError("missing", "Field required")
            raise PydanticCustomError("missing", "required unless occurred_precision is unknown")
        if precision is DatePrecision.UNKNOWN:
            raise ValueError("occurred_precision is unknown: leave occurred_on empty")
        if not isinstance(value, str):
            return value
        m = _PARTIAL_DATE.match(value.strip())
        if not m:
            raise ValueError("not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = m.group(1), m.group(2), m.group(3)
        given = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        order = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]
        if precision is not None and order.index(given) < order.index(precision):
            raise ValueError(
                f"occurred_precision is {precision.value} but the date gives only the {given.value}"
            )
        try:
            return date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError("not a calendar date") from None

    @field_validator("occurred_on")
    @classmethod
    def _when(cls, value: date | None, info: Any) -> date | None:
        if value is None:
            return None
        if value > datetime.now(UTC).date() + FUTURE_GRACE:
            raise ValueError("is in the future")
        if value < EARLIEST:
            raise ValueError(f"is before {EARLIEST.year}; check the year")
        # the unknown parts of a date are set to 1 (schemas.taxonomy.DatePrecision); a
        # date that states more than its precision says is a mistake somewhere
        precision = info.data.get("occurred_precision")
        if precision is DatePrecision.MONTH and value.day != 1:
            raise ValueError("is finer than occurred_precision month: give YYYY-MM, or say day")
        if precision is DatePrecision.YEAR and (value.month, value.day) != (1, 1):
            raise ValueError(
                "is finer than occurred_precision year: give YYYY, or say month or day"
            )
        return value

    @field_validator("typologies")
    @classmethod
    def _unique(cls, value: list[Typology]) -> list[Typology]:
        return list(dict.fromkeys(value))

    @field_validator("sector")
    @classmethod
    def _isic(cls, value: str | None) -> str | None:
        if value is not None and not _ISIC.match(value.upper()):
            raise ValueError("not an ISIC Rev.4 code; use a section letter or division, e.g. A03")
        return value.upper() if value else None


@dataclass(frozen=True)
class RowError:
    """One problem with one field; never carries the submitted value."""

    path: str
    kind: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "kind": self.kind, "reason": self.reason}


_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: bool is an int
    (int, "number"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return next((name for t, name in _KINDS if isinstance(value, t)), type(value).__name__)


def _field_names() -> frozenset[str]:
    names: set[str] = set()
    for model in (Submission, PlaceIn, VictimsIn):
        names.update(model.model_fields)
    return frozenset(names)


KNOWN_NAMES = _field_names()


def shown_name(name: object) -> str:
    """A field name as errors and dead letters may repeat it: a name the contract knows,
    or a list index, as given; anything else only by its length, since a partner's
    mistake may put a person's name or phone number where a field name goes (a dead
    letter keeps no length either: ``schemas.deadletters.unmeasured``)."""
    if isinstance(name, int) or name in KNOWN_NAMES:
        return str(name)
    return f"<unknown name of {len(str(name))} characters>"


def row_errors(err: ValidationError) -> list[RowError]:
    out = []
    for e in err.errors(include_url=False, include_input=True):
        path = ".".join(shown_name(p) for p in e["loc"]) or "(record)"
        kind = "missing" if e["type"] == "missing" else _kind(e.get("input"))
        reason = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            reason = "not a field of an incident submission"
        out.append(RowError(path, kind, reason))
    return out


def parse(data: Any) -> Submission | list[RowError]:
    """The checked submission, or every reason it is not one."""
    if not isinstance(data, dict):
        return [RowError("(record)", _kind(data), "an incident must be a JSON object")]
    try:
        return Submission.model_validate(data)
    except ValidationError as err:
        return row_errors(err)


def fingerprint(sub: Submission) -> str:
    """Identifies the content of a submission, to tell a retry from a reuse of its id."""
    return hashlib.sha256(sub.model_dump_json().encode()).hexdigest()  # field order is fixed


def org_ids(ids: IdKey, first: DataKey) -> IdKey:
    """The key of one organisation's incident ids: the deployment's id key narrowed by a
    subkey of the organisation's first data key (stable across rotation). Whoever holds
    the id key and a copy of the data cannot confirm a guessed submission id without the
    master key too, and after `tahub orgs forget` nobody can."""
    return ids.within(first.subkey("incident-ids"))


def incident_id(ids: IdKey, org_id: str, submission_id: str | None) -> str:
    """Stable for (organisation, submission id), so a resubmission lands on the same id;
    keyed (``ids``: the organisation's, ``org_ids``), so nobody without the keys can
    compute it from a guessed pair."""
    if submission_id is None:
        return str(uuid.uuid4())
    return ids.uuid("incident", org_id, submission_id)


class _Scrub:
    """Scrubs each text as it comes (``producers.intake.scrubcache`` keeps answers)."""

    def summary(self, text: str) -> str:
        return scrub(text).text

    def place(self, name: str) -> str:
        return scrub_place(name).text


class TextScrubber(Protocol):
    def summary(self, text: str) -> str: ...

    def place(self, name: str) -> str: ...


EACH_TIME: TextScrubber = _Scrub()


def _place(p: PlaceIn, texts: TextScrubber) -> dict[str, Any]:
    name = texts.place(p.name) if p.name else None
    return {"country": p.country, "lat": p.lat, "lon": p.lon, "name": name}


def to_incident(
    sub: Submission,
    *,
    org_id: str,
    submitted_at: datetime,
    incident: str,
    texts: TextScrubber = EACH_TIME,
) -> dict[str, Any]:
    """The Incident record (as the dict the serde writes), with free text scrubbed (by
    ``texts``: a batch may scrub each distinct text once). Symbols are read as ``_value_``,
    the plain str each enum holds (``.value`` is a descriptor, 3x dearer, on every row of
    an import)."""
    return {
        "incident_id": incident,
        "submission_id": sub.submission_id,
        "version": 1,
        "org_id": org_id,
        "submitted_at": submitted_at,
        "occurred_on": sub.occurred_on,
        "occurred_precision": sub.occurred_precision._value_,
        "typologies": [t._value_ for t in sub.typologies],
        "means_of_control": [m._value_ for m in sub.means_of_control],
        "recruitment": [r._value_ for r in sub.recruitment],
        "recruitment_places": [_place(p, texts) for p in sub.recruitment_places],
        "transit_places": [_place(p, texts) for p in sub.transit_places],
        "exploitation_places": [_place(p, texts) for p in sub.exploitation_places],
        "sector": sub.sector,
        "victims": [
            {"age_band": v.age_band._value_, "gender": v.gender._value_, "count": v.count}
            for v in sub.victims
        ],
        "victim_citizenships": list(sub.victim_citizenships),
        "tlp": sub.tlp._value_,
        "confidence": sub.confidence,
        "summary": texts.summary(sub.summary) if sub.summary else None,
    }
