"""The controlled vocabularies of tahub: typologies, sharing levels (TLP) and other enums.

This module is the single source of truth; the Avro enum types in ``avro/`` carry the
same symbols and ``tests/schemas`` fails if they drift apart.
"""

from __future__ import annotations

from enum import StrEnum


class Typology(StrEnum):
    """Forms of exploitation (see DOMAIN.md). A record may carry several."""

    SEXUAL_EXPLOITATION = "sexual_exploitation"
    FORCED_LABOUR = "forced_labour"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    FORCED_CRIMINALITY = "forced_criminality"
    FORCED_BEGGING = "forced_begging"
    FORCED_MARRIAGE = "forced_marriage"
    ORGAN_REMOVAL = "organ_removal"
    CHILD_SOLDIERING = "child_soldiering"
    DEBT_BONDAGE = "debt_bondage"
    OTHER = "other"


class Tlp(StrEnum):
    """FIRST Traffic Light Protocol 2.0. Avro symbols cannot hold '+', hence AMBER_STRICT."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER_STRICT"
    RED = "RED"

    @property
    def label(self) -> str:
        """The label as TLP 2.0 writes it, e.g. ``TLP:AMBER+STRICT``."""
        return "TLP:" + self.value.replace("_", "+")

    @property
    def rank(self) -> int:
        """0 = most shareable (CLEAR) … 4 = least shareable (RED)."""
        return _TLP_ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> Tlp:
        """Accept 'AMBER+STRICT', 'tlp:amber+strict', 'amber_strict' and the like."""
        norm = text.strip().upper().removeprefix("TLP:").replace("+", "_").replace(" ", "_")
        try:
            return cls(norm)
        except ValueError:
            allowed = ", ".join(t.label for t in cls)
            raise ValueError(f"unknown sharing level {text!r}; use one of {allowed}") from None


_TLP_ORDER = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED]


def least_shareable(levels: list[Tlp]) -> Tlp:
    """The sharing level an aggregate inherits: the most restrictive of its records."""
    if not levels:
        raise ValueError("an aggregate needs at least one record")
    return max(levels, key=lambda t: t.rank)


class DatePrecision(StrEnum):
    """How precisely an occurrence date is known; the date's unknown parts are set to 1,
    and an unknown date is no date at all (null)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class RouteRole(StrEnum):
    """HTCDS historic-trafficking-event types, as a place's role on a route."""

    ORIGIN = "origin"  # recruitment
    TRANSIT = "transit"
    DESTINATION = "destination"  # exploitation


class SourceKind(StrEnum):
    """Where a signal came from."""

    PARTNER = "partner"
    NEWS = "news"


class Severity(StrEnum):
    """Detection severity, from score and size."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class AgeBand(StrEnum):
    """CTDC's published age bands."""

    AGE_0_8 = "age_0_8"
    AGE_9_17 = "age_9_17"
    AGE_18_20 = "age_18_20"
    AGE_21_23 = "age_21_23"
    AGE_24_26 = "age_24_26"
    AGE_27_29 = "age_27_29"
    AGE_30_38 = "age_30_38"
    AGE_39_47 = "age_39_47"
    AGE_48_PLUS = "age_48_plus"
    UNKNOWN = "unknown"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class MeansOfControl(StrEnum):
    """CTDC means of control."""

    DEBT_BONDAGE = "debt_bondage"
    TAKES_EARNINGS = "takes_earnings"
    RESTRICTS_FINANCIAL_ACCESS = "restricts_financial_access"
    THREATS = "threats"
    PSYCHOLOGICAL_ABUSE = "psychological_abuse"
    PHYSICAL_ABUSE = "physical_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    FALSE_PROMISES = "false_promises"
    PSYCHOACTIVE_SUBSTANCES = "psychoactive_substances"
    RESTRICTS_MOVEMENT = "restricts_movement"
    RESTRICTS_MEDICAL_CARE = "restricts_medical_care"
    EXCESSIVE_WORKING_HOURS = "excessive_working_hours"
    USES_CHILDREN = "uses_children"
    THREAT_OF_LAW_ENFORCEMENT = "threat_of_law_enforcement"
    WITHHOLDS_NECESSITIES = "withholds_necessities"
    WITHHOLDS_DOCUMENTS = "withholds_documents"
    OTHER = "other"


class Recruitment(StrEnum):
    """How the victim was recruited, and the recruiter's relation (CTDC / HTCDS vic_)."""

    INTIMATE_PARTNER = "intimate_partner"
    FRIEND = "friend"
    FAMILY = "family"
    JOB_OFFER = "job_offer"
    ONLINE = "online"
    AGENCY = "agency"
    ABDUCTION = "abduction"
    OTHER = "other"
    UNKNOWN = "unknown"


class DeliveryStatus(StrEnum):
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


class DetectionState(StrEnum):
    OPENED = "opened"
    UPDATED = "updated"
    RESOLVED = "resolved"


class ChannelKind(StrEnum):
    SLACK = "slack"
    WEBHOOK = "webhook"
    OUTBOX = "outbox"
    EMAIL = "email"


class DeliveryMode(StrEnum):
    IMMEDIATE = "immediate"
    DIGEST_DAILY = "digest_daily"
    DIGEST_WEEKLY = "digest_weekly"


class NotificationKind(StrEnum):
    NEW = "new"
    ESCALATED = "escalated"
    REPEAT = "repeat"
    RESOLVED = "resolved"
    DIGEST = "digest"


# Avro enum name -> the Python enum that owns its symbols.
AVRO_ENUMS: dict[str, type[StrEnum]] = {
    "org.tahub.Typology": Typology,
    "org.tahub.Tlp": Tlp,
    "org.tahub.DatePrecision": DatePrecision,
    "org.tahub.RouteRole": RouteRole,
    "org.tahub.SourceKind": SourceKind,
    "org.tahub.Severity": Severity,
    "org.tahub.AgeBand": AgeBand,
    "org.tahub.Gender": Gender,
    "org.tahub.MeansOfControl": MeansOfControl,
    "org.tahub.Recruitment": Recruitment,
    "org.tahub.DeliveryStatus": DeliveryStatus,
    "org.tahub.DetectionState": DetectionState,
    "org.tahub.ChannelKind": ChannelKind,
    "org.tahub.DeliveryMode": DeliveryMode,
    "org.tahub.NotificationKind": NotificationKind,
}
