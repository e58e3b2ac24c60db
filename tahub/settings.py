"""The one settings model: TAHUB_* environment variables, an optional TOML file, defaults.

Loaded once at start-up, validated, frozen. Local mode needs nothing set; servers mode
needs a Kafka bootstrap, a registry URL and a ClickHouse URL. Secrets are SecretStr and
never appear in ``describe()``.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from schemas.egress import EgressPolicy
from tahub.redact import MASK, mask_url, redact

ENV_PREFIX = "TAHUB_"
CONFIG_FILE_ENV = "TAHUB_CONFIG_FILE"


class Mode(StrEnum):
    LOCAL = "local"
    SERVERS = "servers"


class SecurityProtocol(StrEnum):
    PLAINTEXT = "PLAINTEXT"
    SSL = "SSL"
    SASL_PLAINTEXT = "SASL_PLAINTEXT"
    SASL_SSL = "SASL_SSL"


class SaslMechanism(StrEnum):
    PLAIN = "PLAIN"
    SCRAM_SHA_256 = "SCRAM-SHA-256"
    SCRAM_SHA_512 = "SCRAM-SHA-512"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tahub"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tahub"


class Settings(BaseSettings):
    """Every knob of tahub. Field docs double as `tahub config show` help."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="forbid", validate_default=True
    )

    mode: Mode = Field(
        Mode.LOCAL, description="local (managed Kafka, file registry, chDB) or servers"
    )
    data_dir: Path = Field(default_factory=_default_data_dir, description="where local state lives")
    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="downloaded Kafka jars, the scrubber's built tables",
    )

    # Kafka
    kafka_bootstrap: str | None = Field(
        None, description="host:port[,host:port]; unset = local broker"
    )
    kafka_security_protocol: SecurityProtocol = SecurityProtocol.PLAINTEXT
    kafka_sasl_mechanism: SaslMechanism | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_ca_location: Path | None = None
    kafka_ssl_certificate_location: Path | None = None
    kafka_ssl_key_location: Path | None = None
    kafka_ssl_key_password: SecretStr | None = None
    topic_prefix: str = Field("tahub.", pattern=r"^[A-Za-z0-9._-]*$", max_length=100)
    partitions: int = Field(6, ge=1, le=1000)
    replication_factor: int = Field(1, ge=1, le=10)

    # local broker
    local_kafka_port: int = Field(9092, ge=1, le=65535)
    local_kafka_controller_port: int = Field(9093, ge=1, le=65535)
    local_kafka_heap: str = Field("512m", pattern=r"^\d+[mMgG]$")
    kafka_version: str = Field("3.9.1", pattern=r"^\d+\.\d+\.\d+$")
    local_kafka_sasl: bool = Field(
        False,
        description="the local broker requires SCRAM-SHA-512 (user tahub, password made in "
        "<data dir>/kafka/client.secret) and denies everyone else",
    )

    # schema registry
    schema_registry_url: str | None = Field(
        None, description="http(s)://, file:///path; unset = file registry in data dir"
    )
    schema_registry_user_info: SecretStr | None = Field(
        None, description="user:password for basic auth"
    )

    # warehouse
    warehouse_url: SecretStr | None = Field(
        None,
        description="clickhouse://user:pass@host:9000/db or chdb:///path; unset = chDB in data dir",
    )

    # detection
    detector_config: Path | None = Field(
        None, description="TOML of dimension sets and detector settings; unset = built-in"
    )

    # warehouse sink
    sink_batch_rows: int = Field(
        50_000, ge=1, le=1_000_000, description="insert when this many records are buffered"
    )
    sink_batch_seconds: float = Field(
        1.0, gt=0, le=300, description="… or when the oldest buffered record is this old"
    )
    sink_backoff_max: float = Field(30.0, gt=0, le=3600, description="longest retry wait, s")
    news_text_retention_days: int = Field(
        90, ge=1, description="raw article text older than this is dropped (whole months)"
    )

    # HTTP (health, metrics, queries, partner intake)
    http_host: str = "127.0.0.1"
    http_port: int = Field(8700, ge=1, le=65535)
    metrics_token: SecretStr | None = Field(
        None, description="bearer token a scraper sends for /metrics; unset = metrics_token_file"
    )
    metrics_token_file: Path | None = Field(
        None, description="file holding the metrics token (made once, mode 0600)"
    )

    # partner intake
    intake_db: Path | None = Field(
        None, description="SQLite file of organisations, API keys and idempotency records"
    )
    intake_rate: float = Field(100.0, gt=0, description="requests per second per organisation")
    intake_burst: int = Field(200, ge=1, description="requests an organisation may burst")
    intake_max_json_bytes: int = Field(65_536, ge=1024, description="largest single incident")
    intake_max_bulk_bytes: int = Field(
        256 * 1024 * 1024, ge=1024, description="largest bulk CSV / JSON Lines upload"
    )
    intake_workers: int = Field(
        default_factory=lambda: min(2, os.cpu_count() or 1),
        ge=0,
        le=64,
        description="processes that check bulk rows; 0 = in the request's process",
    )
    intake_ack_timeout: float = Field(
        10.0, gt=0, le=120, description="how long a request waits for the broker, s"
    )

    # stream processing
    app_id: str = Field("tahub", pattern=r"^[A-Za-z0-9._-]+$")
    worker_metrics_port: int = Field(
        8701, ge=0, le=65535, description="the stream worker's /metrics port; 0 = none"
    )
    faust_session_timeout: float = Field(6.0, gt=0, le=300)
    faust_heartbeat_interval: float = Field(1.0, gt=0, le=60)
    faust_commit_interval: float = Field(
        2.8, gt=0, le=60, description="seconds between the stream worker's offset commits"
    )

    # alerts (channel secrets: TAHUB_SECRET_<NAME> or alert_secrets_file)
    alerts_db: Path | None = Field(
        None, description="SQLite file of alert state, delivery queue and silences"
    )
    alert_outbox_dir: Path | None = Field(
        None, description="where outbox channels write; unset = data dir/outbox"
    )
    alert_secrets_file: Path | None = Field(
        None, description='TOML of name = "secret" for channels (Slack tokens, signing keys)'
    )
    public_url: str | None = Field(
        None, description="base URL of the HTTP API for evidence links; unset = http_host:port"
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", pattern=r"^https?://", description="Slack Web API base URL"
    )
    alert_group_wait: float = Field(
        0.5, ge=0, le=3600, description="seconds to gather a burst into one notification"
    )
    alert_repeat_hours: float = Field(
        24.0, gt=0, description="re-notify a spike still open after this many hours"
    )
    alert_retry_base: float = Field(2.0, gt=0, le=600, description="first retry wait, s")
    alert_retry_max_attempts: int = Field(8, ge=1, le=50)
    alert_timeout: float = Field(10.0, gt=0, le=120, description="per delivery attempt, s")
    egress_allow: str = Field(
        "",
        description="hosts or networks (comma-separated, e.g. hooks.internal,10.0.0.0/8) "
        "tahub may reach although they are private or loopback: on-premise receivers, tests",
    )
    smtp_ca_file: Path | None = Field(
        None,
        description="PEM CA certificate trusted for email channels' SMTP relays besides the "
        "system's: an on-premise relay with a private CA, tests",
    )
    alerts_metrics_port: int = Field(
        8702, ge=0, le=65535, description="the alerts process's /metrics port; 0 = none"
    )

    # news scraping
    news_feeds: Path | None = Field(
        None, description="TOML list of feeds ([[feeds]] name, url, …); unset = built-in feeds"
    )
    news_db: Path | None = Field(None, description="SQLite memory of the news scraper")
    news_per_host: int = Field(2, ge=1, le=16, description="requests at once to one host")
    news_host_interval: float = Field(
        1.0, ge=0, le=60, description="seconds between requests to one host"
    )
    news_timeout: float = Field(20.0, gt=0, le=120, description="per HTTP request, s")
    news_metrics_port: int = Field(
        8703, ge=0, le=65535, description="the news scraper's /metrics port; 0 = none"
    )

    # what the main job runs itself (containers: each process in one of its own)
    job_children: str = Field(
        "worker,alerts,news",
        pattern=r"^((worker|alerts|news)(,(worker|alerts|news))*)?$",
        description="the processes the main job starts and tends (comma-separated); "
        "empty = none: they run elsewhere (`tahub worker`, `tahub alerts run`, "
        "`tahub news run`)",
    )
    job_sink: bool = Field(
        True, description="the main job runs a warehouse sink on a thread (chDB needs it)"
    )
    sink_metrics_port: int = Field(
        0, ge=0, le=65535, description="`tahub sink run`'s /metrics port; 0 = none"
    )

    # privacy
    k_anonymity: int = Field(3, ge=1, le=100)
    release_bin: str = Field(
        "week",
        pattern=r"^(day|week|month)$",
        description="answers about others' reports come in whole UTC days, weeks or months",
    )
    master_key: SecretStr | None = Field(
        None,
        description="<id>:<64 hex>[,…] master keys of the vault (last current); "
        "unset = <data dir>/master.key",
    )
    vault_db: Path | None = Field(
        None, description="SQLite file of wrapped data keys and channel secrets"
    )
    id_key: SecretStr | None = Field(
        None,
        description="64 hex digits behind derived ids (same in every process); "
        "unset = <data dir>/id.key",
    )

    log_level: str = Field("INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
    log_format: str = Field(
        "text", pattern=r"^(text|json)$", description="text lines, or JSON lines (one object each)"
    )

    # `tahub status`: when a part turns yellow or red
    status_interval: float = Field(
        5.0, ge=0, le=300, description="seconds between the two looks at every group's offsets"
    )
    status_lag_floor: int = Field(
        1_000, ge=0, description="a group's lag that grows between looks is yellow from here"
    )
    status_lag_seconds_yellow: float = Field(
        60.0, gt=0, description="a stage's oldest unread record this old (s): yellow"
    )
    status_lag_seconds_red: float = Field(300.0, gt=0, description="… and red")
    status_stall_seconds: float = Field(
        30.0, gt=0, description="none read between the looks while the oldest waits this long: red"
    )
    stall_restart_seconds: float = Field(
        90.0,
        ge=0,
        description="a stage stalled this long has its process restarted "
        "(the bound doubles after each restart until it reads again; 0: never)",
    )
    stall_restart_grace: float = Field(
        120.0,
        ge=0,
        description="a process (re)started this recently is not judged stalled: "
        "it recovers its tables and rejoins its groups first",
    )
    status_dlq_ratio_yellow: float = Field(
        0.05, gt=0, description="new dead letters per record written between looks: yellow"
    )
    status_dlq_ratio_red: float = Field(0.5, gt=0, description="… and red")
    status_dlq_min: int = Field(
        10, ge=1, description="fewer new dead letters than this never change the colour"
    )
    status_feed_failures: int = Field(
        1, ge=1, description="polls failed in a row before a feed counts as failing"
    )
    status_disk_free_yellow: float = Field(
        10.0, ge=0, le=100, description="free space of the data dir's disk, %: yellow below"
    )
    status_disk_free_red: float = Field(5.0, ge=0, le=100, description="… and red below")

    # operator alerts: the main job tells the operators when the status turns bad
    ops_alert_channel: str = Field(
        "outbox:operators",
        description="kind:target of the operators' channel: outbox:NAME (<outbox>/_operators/"
        "NAME.jsonl), slack:#channel, slack:incoming-webhook, webhook:https://…; off = none",
    )
    ops_alert_secret: SecretStr | None = Field(
        None, description="Slack bot token, incoming-webhook URL or webhook signing key"
    )
    ops_alert_level: str = Field(
        "yellow", pattern=r"^(yellow|red)$", description="tell from this colour on"
    )
    ops_alert_for: float | None = Field(
        None, ge=0, le=86400,
        description="seconds a condition must hold before it is told; unset = each "
        "condition's own, as the Prometheus rules' `for`",
    )  # fmt: skip
    ops_alert_clear: float = Field(
        60.0, ge=0, le=86400, description="seconds green before an incident is resolved"
    )
    ops_alert_every: float = Field(
        5.0, gt=0, le=300, description="seconds between the operator alerts' evaluations"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get(CONFIG_FILE_ENV)
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)

    @field_validator("kafka_bootstrap")
    @classmethod
    def _bootstrap(cls, value: str | None) -> str | None:
        if value is None:
            return None
        for part in value.split(","):
            host, sep, port = part.strip().rpartition(":")
            if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError(f"{part.strip()!r} is not host:port")
        return value

    @field_validator("schema_registry_url")
    @classmethod
    def _registry(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value).scheme not in ("http", "https", "file", "mock"):
            raise ValueError("must start with http://, https://, file:// or mock://")
        return value

    @field_validator("warehouse_url")
    @classmethod
    def _warehouse(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parsed = urlparse(value.get_secret_value())
            if parsed.scheme not in ("clickhouse", "clickhouses", "chdb"):
                raise ValueError("must start with clickhouse://, clickhouses:// or chdb://")
            if parsed.scheme.startswith("clickhouse") and not parsed.hostname:
                raise ValueError(
                    "a clickhouse:// URL needs a host, e.g. clickhouse://localhost:9000/default"
                )
        return value

    @field_validator("id_key")
    @classmethod
    def _id_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            text = value.get_secret_value()
            if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
                raise ValueError("must be 64 hex digits (e.g. from `openssl rand -hex 32`)")
        return value

    @model_validator(mode="after")
    def _mode_rules(self) -> Settings:
        if self.mode is Mode.SERVERS:
            missing = [
                name
                for name, value in (
                    ("kafka_bootstrap", self.kafka_bootstrap),
                    ("schema_registry_url", self.schema_registry_url),
                    ("warehouse_url", self.warehouse_url),
                )
                if value is None
            ]
            if missing:
                names = ", ".join(env_name(m) for m in missing)
                raise ValueError(f"servers mode needs {names}")
        proto = self.kafka_security_protocol
        if proto in (SecurityProtocol.SASL_PLAINTEXT, SecurityProtocol.SASL_SSL) and not (
            self.kafka_sasl_mechanism and self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                f"{proto.value} needs TAHUB_KAFKA_SASL_MECHANISM, TAHUB_KAFKA_SASL_USERNAME "
                "and TAHUB_KAFKA_SASL_PASSWORD"
            )
        if self.local_kafka_port == self.local_kafka_controller_port:
            raise ValueError(
                "TAHUB_LOCAL_KAFKA_PORT and TAHUB_LOCAL_KAFKA_CONTROLLER_PORT must differ"
            )
        if self.status_lag_seconds_red < self.status_lag_seconds_yellow:
            raise ValueError("TAHUB_STATUS_LAG_SECONDS_RED must be at least the _YELLOW age")
        if self.status_dlq_ratio_red < self.status_dlq_ratio_yellow:
            raise ValueError("TAHUB_STATUS_DLQ_RATIO_RED must be at least the _YELLOW ratio")
        if self.status_disk_free_red > self.status_disk_free_yellow:
            raise ValueError("TAHUB_STATUS_DISK_FREE_RED must be at most the _YELLOW share")
        if not self.job_sink and self.warehouse.startswith("chdb://"):
            raise ValueError(
                "TAHUB_JOB_SINK=false needs a ClickHouse server: chDB is opened by one "
                "process, the main job, so its sink runs there"
            )
        return self

    # --- derived values (the rest of the code asks these, never the mode) ---

    @property
    def uses_local_broker(self) -> bool:
        return self.kafka_bootstrap is None

    @property
    def bootstrap(self) -> str:
        return self.kafka_bootstrap or f"127.0.0.1:{self.local_kafka_port}"

    @property
    def registry_url(self) -> str:
        return self.schema_registry_url or f"file://{self.data_dir / 'registry'}"

    @property
    def warehouse(self) -> str:
        if self.warehouse_url is not None:
            return self.warehouse_url.get_secret_value()
        return f"chdb://{self.data_dir / 'warehouse'}"

    @property
    def egress(self) -> EgressPolicy:
        return EgressPolicy.parse(self.egress_allow.split(","))

    @property
    def children(self) -> tuple[str, ...]:
        return tuple(x for x in self.job_children.split(",") if x)

    @property
    def outbox_dir(self) -> Path:
        return self.alert_outbox_dir or self.data_dir / "outbox"

    @property
    def news_db_path(self) -> Path:
        return self.news_db or self.data_dir / "news.db"

    @property
    def alerts_db_path(self) -> Path:
        return self.alerts_db or self.data_dir / "alerts.db"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.http_host}:{self.http_port}"

    @property
    def operator_token_path(self) -> Path:
        """Written by the main job (mode 0600): who can read it may query as any org."""
        return self.data_dir / "operator.token"

    @property
    def metrics_token_path(self) -> Path:
        return self.metrics_token_file or self.data_dir / "metrics.token"

    @property
    def intake_db_path(self) -> Path:
        return self.intake_db or self.data_dir / "intake.db"

    @property
    def kafka_dir(self) -> Path:
        return self.data_dir / "kafka"

    def kafka_client_config(self) -> dict[str, str]:
        """librdkafka (confluent-kafka) connection settings."""
        if self.uses_local_broker and self.local_kafka_sasl:
            from tahub.runtime.broker import local_password, sasl_client

            return {
                "bootstrap.servers": self.bootstrap,
                **sasl_client(local_password(self.kafka_dir)),
            }
        conf = {
            "bootstrap.servers": self.bootstrap,
            "security.protocol": self.kafka_security_protocol.value,
        }
        if self.kafka_sasl_mechanism:
            conf["sasl.mechanism"] = self.kafka_sasl_mechanism.value
        if self.kafka_sasl_username:
            conf["sasl.username"] = self.kafka_sasl_username
        if self.kafka_sasl_password:
            conf["sasl.password"] = self.kafka_sasl_password.get_secret_value()
        for key, path in (
            ("ssl.ca.location", self.kafka_ssl_ca_location),
            ("ssl.certificate.location", self.kafka_ssl_certificate_location),
            ("ssl.key.location", self.kafka_ssl_key_location),
        ):
            if path:
                conf[key] = str(path)
        if self.kafka_ssl_key_password:
            conf["ssl.key.password"] = self.kafka_ssl_key_password.get_secret_value()
        return conf

    def describe(self) -> dict[str, str]:
        """Every setting by its environment name, secrets masked, derived values filled in."""
        out: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                shown = mask_url(value.get_secret_value()) if name.endswith("_url") else MASK
            elif value is None:
                shown = ""
            else:
                shown = redact(str(value.value if isinstance(value, StrEnum) else value))
            out[env_name(name)] = shown
        out["(effective) kafka bootstrap"] = self.bootstrap
        out["(effective) schema registry"] = mask_url(self.registry_url)
        out["(effective) warehouse"] = mask_url(self.warehouse)
        return out


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


class SettingsError(Exception):
    """Settings that cannot be used; the message names each setting and the fix."""


def _explain(err: ValidationError) -> str:
    lines = []
    for item in err.errors():
        loc = [str(p) for p in item["loc"]]
        field = loc[0] if loc else ""
        name = env_name(field) if field in Settings.model_fields else "settings"
        msg = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            lines.append(f"{field}: not a tahub setting (see `tahub config show` for the list)")
            continue
        given = item.get("input")
        hidden = (
            given is None or isinstance(given, dict) or "password" in field or "secret" in field
        )
        shown = "" if hidden or repr(given) in msg else f" (got {redact(repr(given))})"
        lines.append(f"{name}: {redact(msg)}{shown}")
    return "; ".join(lines)


def load_settings(**overrides: Any) -> Settings:
    """Build settings from env, the optional TOML file and overrides, or raise SettingsError."""
    config_file = os.environ.get(CONFIG_FILE_ENV)
    if config_file and not Path(config_file).is_file():
        raise SettingsError(
            f"{CONFIG_FILE_ENV}: {config_file} does not exist; fix the path or unset it"
        )
    try:
        return Settings(**overrides)
    except ValidationError as err:
        raise SettingsError(_explain(err)) from None
    except ValueError as err:  # e.g. malformed TOML
        raise SettingsError(f"{CONFIG_FILE_ENV}: {config_file} cannot be read: {err}") from None
