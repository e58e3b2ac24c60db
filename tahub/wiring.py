"""Builds the runtime objects each component needs from the one Settings object."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from aiohttp.web import RouteDef

from alerts.admin import AlertAdmins, SilenceAdmin, SubscriptionAdmin
from alerts.book import SubscriptionBook
from alerts.delivery import DeliveryConfig
from alerts.http import AlertsApi
from alerts.policy import PolicyConfig
from alerts.secrets import Secrets
from alerts.service import AlertConfig, AlertService
from alerts.store import AlertStore
from alerts.subscriptions import Rules
from alerts.testsend import TestNotifier
from consumers.sink import Observer, Sink, SinkConfig
from consumers.tables import SINK_TOPICS
from consumers.warehouse import Warehouse
from producers.intake import scrub
from producers.intake.access import AccessStore
from producers.intake.checker import RowChecker
from producers.intake.http import IntakeApi
from producers.intake.idempotency import IdempotencyStore
from producers.intake.publisher import Publisher
from producers.intake.ratelimit import RateLimiter
from producers.intake.scrubbing import built_store, bundled
from producers.intake.service import IntakeService
from producers.kafka_producer import ContractProducer
from producers.news import feeds
from producers.news.service import NewsService
from producers.news.state import NewsState
from schemas.registry import SchemaRegistry, open_registry
from schemas.serde import Serde
from schemas.topics import INCIDENTS
from schemas.vault import Vault
from streams.detect import config as detection_config
from streams.stream_config import StreamConfig
from tahub.audit import Audit
from tahub.console import data as console_data
from tahub.console.app import Access, Console, sets_of
from tahub.errors import TahubError
from tahub.idkey import load_id_key
from tahub.masterkey import open_vault
from tahub.runtime import kafka_dist
from tahub.runtime.broker import BrokerConfig, local_password
from tahub.settings import Settings


def broker_config(s: Settings, *, fetch: bool = False) -> BrokerConfig:
    libs = (
        kafka_dist.fetch_kafka(s.cache_dir, s.kafka_version)
        if fetch
        else kafka_dist.libs_dir(s.cache_dir, s.kafka_version)
    )
    return BrokerConfig(
        home=s.kafka_dir,
        libs=libs,
        port=s.local_kafka_port,
        controller_port=s.local_kafka_controller_port,
        heap=s.local_kafka_heap,
        sasl_password=local_password(s.kafka_dir) if s.local_kafka_sasl else None,
    )


def registry(s: Settings) -> SchemaRegistry:
    info = s.schema_registry_user_info.get_secret_value() if s.schema_registry_user_info else None
    return open_registry(s.registry_url, user_info=info)


def serde(s: Settings) -> Serde:
    return Serde(registry(s), s.topic_prefix)


def stream_config(s: Settings) -> StreamConfig:
    conf = s.kafka_client_config()
    security = {k: v for k, v in conf.items() if k != "bootstrap.servers"}
    info = s.schema_registry_user_info.get_secret_value() if s.schema_registry_user_info else None
    return StreamConfig(
        app_id=s.app_id,
        bootstrap=s.bootstrap,
        topic_prefix=s.topic_prefix,
        partitions=s.partitions,
        replication=s.replication_factor,
        data_dir=s.data_dir,
        registry_url=s.registry_url,
        registry_user_info=info,
        session_timeout=s.faust_session_timeout,
        heartbeat_interval=s.faust_heartbeat_interval,
        commit_interval=s.faust_commit_interval,
        security=security,
        detector_config=s.detector_config,
        ids=load_id_key(s),
    )


def sink(s: Settings, warehouse: Warehouse, observer: Observer | None = None) -> Sink:
    conf = s.kafka_client_config()
    cfg = SinkConfig(
        topic_prefix=s.topic_prefix,
        group_id=f"{s.app_id}-sink",
        batch_rows=s.sink_batch_rows,
        batch_seconds=s.sink_batch_seconds,
        backoff_max=s.sink_backoff_max,
    )
    codec = serde(s)
    return Sink(conf, codec, warehouse, cfg, ContractProducer(conf, codec), SINK_TOPICS, observer)


def access(s: Settings) -> AccessStore:
    return AccessStore(s.intake_db_path)


def require_scrubbers() -> None:
    """Refuse a start whose bundled name recognisers cannot load: without them every
    Japanese, Korean or Thai name would pass scrubbing silently."""
    lines = bundled.missing()
    if lines:
        raise TahubError("; ".join(lines))


def keep_scrubber_tables(s: Settings) -> None:
    """The scrubber's built tables are kept in the cache dir, read back in ~0.2 s by the
    next process that scrubs instead of built in ~3.5 s (``built_store``)."""
    built_store.use(s.cache_dir / "scrubber")


def intake_service(s: Settings, *, role: str) -> IntakeService:
    """``role`` names the transactional producer: one per process that writes bulk files."""
    keep_scrubber_tables(s)
    require_scrubbers()
    if role == "intake":
        # long-lived: the scrubber loads beside the rest of the start, not in a partner's
        # first request (which waits for this load if it comes sooner, never a second one)
        threading.Thread(target=scrub.warm, name="scrub-warm", daemon=True).start()
    # the topic prefix names the deployment: two on one broker and host (tests run side by
    # side) must not fence each other's uploads
    txn_id = f"{s.topic_prefix}{s.app_id}-{role}-{socket.gethostname()}"
    if role != "intake":  # CLI runs may overlap each other and the main job
        txn_id += f"-{os.getpid()}"
    publisher = Publisher(
        s.kafka_client_config(), transactional_id=txn_id, ack_timeout=s.intake_ack_timeout
    )
    codec = serde(s)
    # an import's service checks one file and closes: its workers may keep scrubbed texts
    share = role == "import"
    checker = RowChecker(
        codec.encoder(INCIDENTS), s.intake_workers, load_id_key(s), share_texts=share
    )
    vault = open_vault(s)
    store = IdempotencyStore(s.intake_db_path, keys=vault)  # converts a store from before
    return IntakeService(
        publisher,
        codec.encode,
        s.topic_prefix,
        store,
        checker,
        keys=vault.current,
        key_of=vault.key,
        first=vault.oldest,
    )


def intake_api(s: Settings, pool: Executor) -> IntakeApi:
    return IntakeApi(
        intake_service(s, role="intake"),
        access(s),
        RateLimiter(s.intake_rate, s.intake_burst),
        pool,
        max_json_bytes=s.intake_max_json_bytes,
        max_bulk_bytes=s.intake_max_bulk_bytes,
    )


# --- alerts ---


def vault(s: Settings) -> Vault:
    return open_vault(s)


def secrets(s: Settings) -> Secrets:
    return Secrets(open_vault(s), s.alert_secrets_file)


def alert_store(s: Settings) -> AlertStore:
    return AlertStore(s.alerts_db_path)


def subscription_rules(s: Settings, *, check_secrets: bool = True) -> Rules:
    sets = frozenset(d.name for d in detection_config.load(s.detector_config).sets)
    return Rules(
        dimension_sets=sets,
        egress=s.egress,
        secrets=secrets(s) if check_secrets else None,
    )


def contract_producer(s: Settings) -> ContractProducer:
    return ContractProducer(s.kafka_client_config(), serde(s))


def delivery_config(s: Settings) -> DeliveryConfig:
    """How alerts are delivered: the subscribers' and the operators' (one sender)."""
    return DeliveryConfig(
        outbox_dir=s.outbox_dir,
        slack_api_url=s.slack_api_url,
        timeout=s.alert_timeout,
        retry_base=s.alert_retry_base,
        max_attempts=s.alert_retry_max_attempts,
        egress=s.egress,
        smtp_ca_file=s.smtp_ca_file,
    )


def alert_service(s: Settings) -> AlertService:
    cfg = AlertConfig(
        group_id=f"{s.app_id}-alerts",
        base_url=s.base_url,
        k=s.k_anonymity,
        policy=PolicyConfig(
            group_wait=s.alert_group_wait, repeat_interval=s.alert_repeat_hours * 3600
        ),
    )
    delivery = delivery_config(s)
    return AlertService(
        s.kafka_client_config(),
        serde(s),
        alert_store(s),
        secrets(s),
        cfg,
        delivery,
        contract_producer(s),
    )


def alert_admins(s: Settings, book: SubscriptionBook) -> AlertAdmins:
    """The subscription and silence managers (and the secret names, and test
    notifications) one process shares between the alerts API and the console."""
    subs = SubscriptionAdmin(
        contract_producer(s), s.topic_prefix, subscription_rules(s), book.snapshot, book.remember
    )
    store = alert_store(s)
    tests = TestNotifier(subs, store, s.base_url)
    return AlertAdmins(subs, SilenceAdmin(store), secrets(s), tests)


def alerts_api(
    pool: Executor,
    admins: AlertAdmins,
    authenticate: Callable[[str], str | None],
    audit: Audit | None = None,
) -> AlertsApi:
    return AlertsApi(
        admins.subs, admins.silences, authenticate, pool, admins.secrets, tests=admins.tests,
        audit=audit.record if audit is not None else None,
    )  # fmt: skip


def subscription_book(s: Settings) -> SubscriptionBook:
    return SubscriptionBook(s.kafka_client_config(), serde(s), lambda *_: None)


def partner_routes(
    s: Settings, pool: Executor, admins: AlertAdmins
) -> tuple[IntakeApi, list[RouteDef]]:
    """Every endpoint partners call with their API key: intake, subscriptions, silences."""
    intake = intake_api(s, pool)
    alerts = alerts_api(pool, admins, intake.authenticate, Audit(s.data_dir / "audit.log"))
    return intake, [*intake.routes(), *alerts.routes()]


def console(
    s: Settings,
    warehouse: Callable[[], Warehouse | None],
    *,
    operator_token: str | None,
    audit: Audit | None,
    alerts: Callable[[], AlertAdmins | None] = lambda: None,
    ops: Callable[[], dict[str, Any]] | None = None,
) -> tuple[Console, AccessStore]:
    """The console and the access store it signs partners in with (close it at the end)."""
    store = access(s)
    orgs = store.orgs
    console_access = Access(
        partner=store.authenticate,
        key_active=store.key_active,
        orgs=lambda: [o.org_id for o in orgs()],
        operator_token=operator_token,
    )
    reader = console_data.Reader(warehouse, s.k_anonymity, s.release_bin)
    sets = sets_of(detection_config.load(s.detector_config).sets)
    console = Console(
        reader, console_access, sets=sets, audit=audit, public_url=s.public_url, alerts=alerts,
        ops=ops,
    )  # fmt: skip
    return console, store


def news_service(s: Settings) -> NewsService:
    keep_scrubber_tables(s)
    return NewsService(
        feeds.load(s.news_feeds),
        NewsState(s.news_db_path),
        contract_producer(s),
        per_host=s.news_per_host,
        host_interval=s.news_host_interval,
        timeout=s.news_timeout,
        egress=s.egress,
    )
