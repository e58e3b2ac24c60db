"""What the stream layer needs to know, as plain data: the shell fills it from settings,
and the app, its agents and the repartition child process (spawned: it must pickle) read
it. Its own module, so that none of them imports another to get it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schemas.ids import IdKey


@dataclass(frozen=True)
class StreamConfig:
    """What the stream layer needs to know; the shell fills it from settings."""

    app_id: str
    bootstrap: str  # host:port[,host:port]
    topic_prefix: str
    partitions: int
    replication: int
    data_dir: Path
    registry_url: str
    registry_user_info: str | None = None
    session_timeout: float = 6.0
    heartbeat_interval: float = 1.0
    # changed key states are written at each commit: longer means fewer, larger writes
    commit_interval: float = 2.8
    # librdkafka-style security settings (security.protocol, sasl.*, ssl.*)
    security: dict[str, str] = field(default_factory=dict)
    detector_config: Path | None = None  # TOML of dimension sets and detector settings
    ids: IdKey = field(default_factory=IdKey.offline)  # keys detection ids
