"""Builds the Faust app from plain configuration; agents register themselves on it.

No module-level app: tests and workers each build their own, so settings are explicit.
"""

from __future__ import annotations

import ssl
from typing import Any

import faust

from schemas.registry import open_registry
from schemas.serde import Serde
from streams import faust_patches
from streams.stream_config import StreamConfig


def _credentials(security: dict[str, str]) -> Any:
    proto = security.get("security.protocol", "PLAINTEXT")
    if proto == "PLAINTEXT":
        return None
    context = None
    if proto in ("SSL", "SASL_SSL"):
        context = ssl.create_default_context(cafile=security.get("ssl.ca.location"))
        if "ssl.certificate.location" in security:
            context.load_cert_chain(
                security["ssl.certificate.location"],
                security.get("ssl.key.location"),
                security.get("ssl.key.password"),
            )
    if proto.startswith("SASL"):
        return faust.SASLCredentials(
            username=security.get("sasl.username"),
            password=security.get("sasl.password"),
            mechanism=security.get("sasl.mechanism", "PLAIN"),
            ssl_context=context,
        )
    return faust.SSLCredentials(context)


def create_app(cfg: StreamConfig, *, agents: bool = True) -> faust.App:
    """A configured Faust app; with ``agents`` it carries tahub's agents."""
    (cfg.data_dir / "faust").mkdir(parents=True, exist_ok=True)
    faust_patches.register()
    brokers = ";".join(f"{faust_patches.SCHEME}://{h.strip()}" for h in cfg.bootstrap.split(","))
    app = faust.App(
        cfg.app_id,
        broker=brokers,
        broker_credentials=_credentials(cfg.security),
        # Faust joins a group after about half the session timeout: 6 s gives a ~3 s start.
        broker_session_timeout=cfg.session_timeout,
        broker_heartbeat_interval=cfg.heartbeat_interval,
        broker_commit_interval=cfg.commit_interval,
        # a topic missing from the metadata at subscription (a broker still loading, a
        # topic created a moment later) is ignored until the next refresh: aiokafka's
        # default of 5 min left a fresh worker reading nothing for that long
        consumer_metadata_max_age_ms=10_000,
        topic_partitions=cfg.partitions,
        topic_replication_factor=cfg.replication,
        datadir=str(cfg.data_dir / "faust"),
        store="memory://",
        web_enabled=False,
        autodiscover=False,
        value_serializer="raw",
        key_serializer="raw",
    )
    if agents:
        from streams.agents import register_agents

        register_agents(
            app,
            cfg,
            Serde(
                open_registry(cfg.registry_url, user_info=cfg.registry_user_info), cfg.topic_prefix
            ),
        )
    return app
