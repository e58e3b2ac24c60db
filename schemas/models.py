"""Pydantic models mirroring the Avro contracts field by field (tests/schemas checks it).

They validate values the Avro type system cannot express (country codes, ranges, at least
one typology) and convert to and from the plain dicts the serde reads and writes.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from schemas.countries import check_country
from schemas.sharing import When
from schemas.taxonomy import (
    AgeBand,
    ChannelKind,
    DatePrecision,
    DeliveryMode,
    DeliveryStatus,
    DetectionState,
    Gender,
    MeansOfControl,
    NotificationKind,
    Recruitment,
    RouteRole,
    Severity,
    SourceKind,
    Tlp,
    Typology,
)

Country = Annotated[str, AfterValidator(check_country)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]


def _to_millis(value: datetime) -> datetime:
    # Avro timestamp-millis keeps milliseconds; truncate here so a round trip is exact.
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


Timestamp = Annotated[AwareDatetime, AfterValidator(_to_millis)]
HhMm = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class Contract(BaseModel):
    """Base for models that mirror an Avro record."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)
    avro_name: ClassVar[str]

    def to_avro(self) -> dict[str, Any]:
        """A dict fastavro can write: enums as their symbols, datetimes as aware UTC."""
        data: dict[str, Any] = _enums_to_str(self.model_dump(mode="python"))
        return data

    @classmethod
    def from_avro(cls, data: dict[str, Any]) -> Self:
        return cls.model_validate(data)


def _enums_to_str(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _enums_to_str(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_enums_to_str(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


class Place(Contract):
    avro_name = "Place"
    country: Country
    lat: Latitude | None = None
    lon: Longitude | None = None
    name: str | None = None

    @field_validator("lon")
    @classmethod
    def _both_or_neither(cls, lon: float | None, info: Any) -> float | None:
        if (lon is None) != (info.data.get("lat") is None):
            raise ValueError("lat and lon must be given together")
        return lon


class VictimCount(Contract):
    avro_name = "VictimCount"
    age_band: AgeBand
    gender: Gender
    count: Annotated[int, Field(ge=0, le=2**31 - 1)]


class FieldError(Contract):
    avro_name = "FieldError"
    path: str
    reason: str


class Incident(Contract):
    avro_name = "Incident"
    incident_id: str
    submission_id: str | None = None
    version: Annotated[int, Field(ge=1)] = 1
    org_id: str
    submitted_at: Timestamp
    occurred_on: date | None
    occurred_precision: DatePrecision
    typologies: Annotated[list[Typology], Field(min_length=1)]
    means_of_control: list[MeansOfControl] = []
    recruitment: list[Recruitment] = []
    recruitment_places: list[Place] = []
    transit_places: list[Place] = []
    exploitation_places: list[Place] = []
    sector: str | None = None
    victims: list[VictimCount] = []
    victim_citizenships: list[Country] = []
    tlp: Tlp
    confidence: Unit = 1.0
    summary: str | None = None

    @model_validator(mode="after")
    def _occurrence(self) -> Self:
        When(self.occurred_on, self.occurred_precision.value)  # raises if inconsistent
        return self


class NewsArticle(Contract):
    avro_name = "NewsArticle"
    article_id: str
    url: str
    source: str
    title: str
    published_at: Timestamp
    fetched_at: Timestamp
    language: str | None = None
    text: str | None = None
    story_id: str | None = None
    source_count: Annotated[int, Field(ge=1)] = 1
    relevant: bool
    typologies: list[Typology] = []
    countries: list[Country] = []
    origin_countries: list[Country] = []
    transit_countries: list[Country] = []
    destination_countries: list[Country] = []
    places: list[Place] = []
    confidence: Unit = 0.0
    tlp: Tlp = Tlp.CLEAR


class Signal(Contract):
    avro_name = "Signal"
    signal_id: str
    event_time: Timestamp
    occurred_on: date | None = None
    occurred_precision: DatePrecision = DatePrecision.UNKNOWN
    source_kind: SourceKind
    source_id: str
    org_id: str
    typology: Typology
    origin_country: Country | None = None
    transit_countries: list[Country] = []
    destination_country: Country | None = None
    location_country: Country | None = None
    role: RouteRole | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None
    cell_coarse: str | None = None
    cell_fine: str | None = None
    weight: Annotated[float, Field(ge=0.0)] = 1.0
    tlp: Tlp
    report_class: str = ""

    @model_validator(mode="after")
    def _occurrence(self) -> Self:
        When(self.occurred_on, self.occurred_precision.value)  # raises if inconsistent
        return self


class EvidenceShare(Contract):
    avro_name = "Evidence"
    org_id: str
    tlp: Tlp
    reports: Annotated[int, Field(ge=1, le=2**31 - 1)]


class Detection(Contract):
    avro_name = "Detection"
    detection_id: str
    version: Annotated[int, Field(ge=1)]
    state: DetectionState
    dimension_set: str
    dimension_key: str
    dimensions: dict[str, str]
    window_start: Timestamp
    window_end: Timestamp
    observed: float
    expected: float
    score: float
    p_value: Unit | None = None
    method: str
    severity: Severity
    distinct_sources: Annotated[int, Field(ge=0)]
    evidence: list[EvidenceShare] = []
    tlp: Tlp
    opened_at: Timestamp
    updated_at: Timestamp


class Circle(Contract):
    avro_name = "Circle"
    lat: Latitude
    lon: Longitude
    radius_km: Annotated[float, Field(gt=0.0, le=20_000.0)]


class Area(Contract):
    avro_name = "Area"
    countries: list[Country] = []
    bbox: list[float] | None = None
    circle: Circle | None = None
    geojson: str | None = None


class Channel(Contract):
    avro_name = "Channel"
    kind: ChannelKind
    target: str
    secret_ref: str | None = None


class QuietHours(Contract):
    avro_name = "QuietHours"
    start: HhMm
    end: HhMm


class Subscription(Contract):
    avro_name = "Subscription"
    subscription_id: str
    org_id: str
    name: str
    version: Annotated[int, Field(ge=1)] = 1
    active: bool = True
    area: Area
    typologies: list[Typology] = []
    origins: list[Country] = []
    destinations: list[Country] = []
    dimension_sets: list[str] = []
    min_severity: Severity = Severity.MEDIUM
    new_routes_only: bool = False
    channels: Annotated[list[Channel], Field(min_length=1)]
    mode: DeliveryMode = DeliveryMode.IMMEDIATE
    digest_time: HhMm | None = None
    timezone: str = "UTC"
    quiet_hours: QuietHours | None = None
    notify_resolved: bool = False
    created_at: Timestamp
    updated_at: Timestamp
    templates: dict[str, str] = {}  # email parts' own Jinja2 templates (alerts.templating)


class AlertNotification(Contract):
    avro_name = "AlertNotification"
    notification_id: str
    subscription_id: str
    org_id: str
    kind: NotificationKind
    detection_ids: list[str]
    severity: Severity
    title: str
    summary: str
    tlp: Tlp
    channels: list[ChannelKind]
    created_at: Timestamp


class Delivery(Contract):
    avro_name = "Delivery"
    delivery_id: str
    notification_id: str
    subscription_id: str
    channel: ChannelKind
    target: str
    attempt: Annotated[int, Field(ge=1)]
    status: DeliveryStatus
    recoverable: bool = False
    error: str | None = None
    latency_ms: int | None = None
    attempted_at: Timestamp


class DeadLetter(Contract):
    avro_name = "DeadLetter"
    dead_letter_id: str
    stage: str
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    record_ref: str | None = None
    org_id: str | None = None
    error_kind: str
    reason: str
    errors: list[FieldError] = []
    payload_sha256: str | None = None
    payload_fingerprint: str | None = None
    payload_size: int | None = None
    failed_at: Timestamp


# Avro record name -> model, for the top-level contracts.
MODELS: dict[str, type[Contract]] = {
    m.avro_name: m
    for m in (
        Incident,
        NewsArticle,
        Signal,
        Detection,
        Subscription,
        AlertNotification,
        Delivery,
        DeadLetter,
    )
}
