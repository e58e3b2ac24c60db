"""Starts the real services tests use: Apache Kafka (KRaft) and a ClickHouse server.

Each test session gets its own broker and server on free ports in a temp dir, unless
TAHUB_TEST_KAFKA_BOOTSTRAP / TAHUB_TEST_CLICKHOUSE_URL point at running ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tahub.runtime import broker, broker_cluster, kafka_dist
from tahub.runtime.ports import answers, free_port
from tahub.settings import Settings

REQUIRE = os.environ.get("CI") == "true" or os.environ.get("TAHUB_REQUIRE_SERVICES") == "1"


def missing(reason: str) -> None:
    """Skip locally; fail under CI=true / TAHUB_REQUIRE_SERVICES=1."""
    if REQUIRE:
        pytest.fail(f"required service missing: {reason}", pytrace=False)
    pytest.skip(reason)


def _kafka_libs() -> Path:
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            missing(f"`{tool}` not installed: cannot run Apache Kafka for tests")
    return kafka_dist.fetch_kafka(Settings().cache_dir, Settings().kafka_version)


def start_kafka_cluster(home: Path, nodes: int = 3) -> list[broker.BrokerConfig]:
    """``nodes`` local KRaft nodes as one cluster (tahub.runtime.broker_cluster, as
    `tahub broker start --nodes` runs them), small heaps: the machine has two cores."""
    ports = [(free_port(), free_port()) for _ in range(nodes)]
    cfgs = broker_cluster.plan(home, _kafka_libs(), ports, heap="384m")
    broker_cluster.start(cfgs, wait=180)
    return cfgs


def start_kafka(home: Path) -> tuple[str, broker.BrokerConfig]:
    libs = _kafka_libs()
    cfg = broker.BrokerConfig(home=home, libs=libs, port=free_port(), controller_port=free_port())
    broker.start(cfg, wait=120)
    return cfg.bootstrap, cfg


CLICKHOUSE_BINARIES = ("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server")

_CONFIG = """<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>{d}/server.log</log><errorlog>{d}/server.err.log</errorlog>
    <size>10M</size><count>2</count></logger>
  <tcp_port>{tcp}</tcp_port>
  <http_port>{http}</http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>{d}/data/</path>
  <tmp_path>{d}/tmp/</tmp_path>
  <user_files_path>{d}/user_files/</user_files_path>
  <format_schema_path>{d}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
{extra}</yandex>
"""

_USERS = """<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
  </interval></default></quotas>
</yandex>
"""


def start_clickhouse(home: Path, extra: str = "") -> tuple[str, subprocess.Popen[bytes]]:
    """A server in ``home`` (ports kept there for a restart); ``extra`` goes into its config."""
    binary = next((b for b in CLICKHOUSE_BINARIES if os.path.exists(b)), None)
    if binary is None:
        missing("clickhouse-server not installed (Debian: apt-get install clickhouse-server)")
    assert binary is not None
    home.mkdir(parents=True, exist_ok=True)
    ports = home / "ports"
    if ports.exists():  # a restart keeps its ports and data
        tcp, http = (int(p) for p in ports.read_text().split())
    else:
        tcp, http = free_port(), free_port()
        ports.write_text(f"{tcp} {http}")
    (home / "config.xml").write_text(_CONFIG.format(d=home, tcp=tcp, http=http, extra=extra))
    (home / "users.xml").write_text(_USERS)
    log = open(home / "stdout.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen(
        [binary, f"--config-file={home / 'config.xml'}"], stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"clickhouse-server exited: {(home / 'stdout.log').read_text()[-500:]}")
        if answers(tcp):
            return f"clickhouse://127.0.0.1:{tcp}/default", proc
        time.sleep(0.2)
    proc.kill()
    pytest.fail("clickhouse-server did not answer within 60 s")
    raise AssertionError  # unreachable


def start_clickhouse_shards(
    root: Path, shards: int = 2, cluster: str = "tahub"
) -> tuple[list[str], list[subprocess.Popen[bytes]]]:
    """``shards`` servers (``root``/shard-<n>), each with a ``remote_servers`` entry naming
    all of them as ``cluster``, one node per shard: consumers.sharding's layout. A server
    is started again with ``start_clickhouse(root / f"shard-{n}", cluster_config(root))``."""
    homes = [root / f"shard-{n}" for n in range(1, shards + 1)]
    for home in homes:
        home.mkdir(parents=True, exist_ok=True)
        if not (home / "ports").exists():
            (home / "ports").write_text(f"{free_port()} {free_port()}")
    extra = cluster_config(root, cluster)
    started = [start_clickhouse(home, extra) for home in homes]
    return [url for url, _ in started], [proc for _, proc in started]


def cluster_config(root: Path, cluster: str = "tahub") -> str:
    """The ``remote_servers`` section over the shards in ``root``."""
    entries = "".join(
        f"<shard><replica><host>127.0.0.1</host><port>{ports.read_text().split()[0]}</port>"
        "</replica></shard>"
        for ports in sorted(root.glob("shard-*/ports"))
    )
    return f"  <remote_servers><{cluster}>{entries}</{cluster}></remote_servers>\n"


def fresh_warehouse_url(request: pytest.FixtureRequest, backend: str, tmp: Path) -> str:
    """An empty warehouse for one test: chDB in ``tmp``, or a new database on the test
    session's ClickHouse server, or on its two shards behind Distributed tables
    (``backend`` "chdb", "server" or "shards")."""
    import uuid

    from consumers.warehouse import open_warehouse

    if backend == "chdb":
        return f"chdb://{tmp / 'chdb'}"
    server = request.getfixturevalue("clickhouse_shards" if backend == "shards" else
                                     "clickhouse_server")  # fmt: skip
    db = "t_" + uuid.uuid4().hex[:12]
    admin = open_warehouse(server)
    admin.execute(f"CREATE DATABASE {db}")
    admin.close()
    url = f"{server.rsplit('/', 1)[0]}/{db}"
    return url + "?cluster=tahub" if backend == "shards" else url
