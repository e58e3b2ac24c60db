"""Runs a single-node Apache Kafka (KRaft) from the cached jars, in the data dir.

The broker runs detached (its own session) so it outlives the command that started it;
a pid file in the data dir lets later commands find and stop it. It listens on loopback
only. With SASL on (``TAHUB_LOCAL_KAFKA_SASL``) a local user who can reach the port still
cannot talk to it: clients authenticate with SCRAM-SHA-512 as the one user ``tahub``, whose
password is made once in ``<data dir>/kafka/client.secret`` (0600) and given to the
storage format; the controller listener uses PLAIN with the same secret (KRaft
controllers cannot use SCRAM); the standard authorizer denies every principal but
``tahub`` (no ACL grants anyone else anything).
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from tahub.errors import TahubError
from tahub.runtime.kafka_dist import require_java
from tahub.runtime.ports import answers, port_is_free


class BrokerError(TahubError):
    """The local broker could not be started, reached or stopped."""


@dataclass(frozen=True)
class BrokerConfig:
    home: Path  # data_dir/kafka
    libs: Path
    port: int
    controller_port: int
    heap: str = "512m"
    sasl_password: str | None = field(default=None, repr=False)  # None: PLAINTEXT
    # one node of a cluster (tahub.runtime.broker_cluster): its id, every controller as
    # (node id, controller port), the id the nodes share, internal topics' replication
    node_id: int = 1
    voters: tuple[tuple[int, int], ...] = ()
    cluster_id: str | None = None
    replication: int = 1

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def client_config(self) -> dict[str, str]:
        """librdkafka settings that reach this broker."""
        conf = {"bootstrap.servers": self.bootstrap}
        if self.sasl_password is not None:
            conf |= sasl_client(self.sasl_password)
        return conf


SASL_USER = "tahub"
SASL_MECHANISM = "SCRAM-SHA-512"


def sasl_client(password: str) -> dict[str, str]:
    return {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": SASL_MECHANISM,
        "sasl.username": SASL_USER,
        "sasl.password": password,
    }


def local_password(home: Path) -> str:
    """The local broker's client password, made once (mode 0600)."""
    path = home / "client.secret"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(24) + "\n")
    return path.read_text().strip()


@dataclass(frozen=True)
class BrokerStatus:
    pid: int | None
    answering: bool

    @property
    def running(self) -> bool:
        return self.pid is not None


def _sasl_properties(password: str) -> dict[str, str]:
    scram = (
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{SASL_USER}" password="{password}";'
    )
    plain = (
        "org.apache.kafka.common.security.plain.PlainLoginModule required "
        f'username="{SASL_USER}" password="{password}" user_{SASL_USER}="{password}";'
    )
    return {
        "sasl.enabled.mechanisms": SASL_MECHANISM,
        "sasl.mechanism.inter.broker.protocol": SASL_MECHANISM,
        "listener.name.client.scram-sha-512.sasl.jaas.config": scram,
        "sasl.mechanism.controller.protocol": "PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
        "listener.name.controller.plain.sasl.jaas.config": plain,
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users": f"User:{SASL_USER}",
        "allow.everyone.if.no.acl.found": "false",
    }


def _server_properties(cfg: BrokerConfig) -> str:
    sasl = cfg.sasl_password is not None
    proto = "SASL_PLAINTEXT" if sasl else "PLAINTEXT"
    name = "CLIENT" if sasl else "PLAINTEXT"
    voters = cfg.voters or ((cfg.node_id, cfg.controller_port),)
    rf = str(cfg.replication)
    min_isr = str(min(2, cfg.replication))  # with 3 copies, one broker may be lost
    lines = {
        "process.roles": "broker,controller",
        "node.id": str(cfg.node_id),
        "controller.quorum.voters": ",".join(f"{n}@127.0.0.1:{p}" for n, p in voters),
        "listeners": f"{name}://127.0.0.1:{cfg.port},CONTROLLER://127.0.0.1:{cfg.controller_port}",
        "advertised.listeners": f"{name}://127.0.0.1:{cfg.port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": name,
        "listener.security.protocol.map": f"CONTROLLER:{proto},{name}:{proto}",
        "log.dirs": str(cfg.home / "data"),
        "num.partitions": "1",
        "num.network.threads": "2",
        "num.io.threads": "4",
        # a single node cannot replicate internal topics; fewer partitions start faster
        "offsets.topic.replication.factor": rf,
        "offsets.topic.num.partitions": "10",
        "transaction.state.log.replication.factor": rf,
        "transaction.state.log.min.isr": min_isr,
        "transaction.state.log.num.partitions": "10",
        "default.replication.factor": rf,
        "min.insync.replicas": min_isr,
        "group.initial.rebalance.delay.ms": "0",
        "auto.create.topics.enable": "false",
        "log.retention.hours": "168",
        "log.segment.bytes": "268435456",
    }
    if cfg.sasl_password is not None:
        lines |= _sasl_properties(cfg.sasl_password)
    return "".join(f"{k}={v}\n" for k, v in lines.items())


def _pid_file(cfg: BrokerConfig) -> Path:
    return cfg.home / "broker.pid"


def _alive(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"kafka.Kafka" in cmdline


def _read_pid(cfg: BrokerConfig) -> int | None:
    try:
        pid = int(_pid_file(cfg).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def status(cfg: BrokerConfig) -> BrokerStatus:
    pid = _read_pid(cfg)
    return BrokerStatus(pid=pid, answering=answers(cfg.port))


def _java_cmd(cfg: BrokerConfig, java: str, main: str, *args: str) -> list[str]:
    log4j = resources.files("tahub.runtime").joinpath("log4j.properties")
    return [
        java,
        f"-Xms{cfg.heap}",
        f"-Xmx{cfg.heap}",
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-Djava.awt.headless=true",
        f"-Dlog4j.configuration=file:{log4j}",
        f"-Dkafka.logs.dir={cfg.home / 'logs'}",
        "-cp",
        f"{cfg.libs}/*",
        main,
        *args,
    ]


def _format_storage(cfg: BrokerConfig, java: str, props: Path) -> None:
    marker = cfg.home / "data" / "tahub-sasl"
    if (cfg.home / "data" / "meta.properties").exists():
        if cfg.sasl_password is not None and not marker.exists():
            raise BrokerError(
                f"the local broker's storage in {cfg.home / 'data'} was made without SASL; "
                "unset TAHUB_LOCAL_KAFKA_SASL, or start from a new TAHUB_DATA_DIR"
            )
        return
    cluster_id = cfg.cluster_id or new_cluster_id()
    args = ["format", "-t", cluster_id, "-c", str(props)]
    if cfg.sasl_password is not None:  # SCRAM users live in the metadata log from the start
        args += ["--add-scram", f"{SASL_MECHANISM}=[name={SASL_USER},password={cfg.sasl_password}]"]
    cmd = _java_cmd(cfg, java, "kafka.tools.StorageTool", *args)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BrokerError(
            f"formatting Kafka storage in {cfg.home / 'data'} failed: {proc.stderr.strip()[-400:]}"
        )
    if cfg.sasl_password is not None:
        marker.write_text("SCRAM-SHA-512 user tahub\n")


def new_cluster_id() -> str:
    cluster_id = "-"
    while cluster_id.startswith("-"):  # the tool's parser reads a leading '-' as an option
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    return cluster_id


def _log_tail(cfg: BrokerConfig, lines: int = 5) -> str:
    out: list[str] = []
    for name in ("stdout.log", "server.log"):
        path = cfg.home / "logs" / name
        if path.exists():
            text = path.read_text(errors="replace").strip().splitlines()
            out.extend(line for line in text[-lines:] if "ERROR" in line or "Exception" in line)
    return " | ".join(out[-lines:])


def start(cfg: BrokerConfig, *, wait: float = 90.0) -> BrokerStatus:
    """Start the broker unless it already runs; return once it accepts connections."""
    wait_ready(cfg, launch(cfg), wait)
    return status(cfg)


def launch(cfg: BrokerConfig) -> Callable[[], bool]:
    """Start the broker's process unless it runs; returns whether it is still alive. The
    nodes of a cluster are all launched before any is waited for: none answers until a
    majority of the controllers is up."""
    current = status(cfg)
    if current.running:
        pid = current.pid
        return lambda: pid is None or _alive(pid)
    for port, setting in (
        (cfg.port, "TAHUB_LOCAL_KAFKA_PORT"),
        (cfg.controller_port, "TAHUB_LOCAL_KAFKA_CONTROLLER_PORT"),
    ):
        if not port_is_free(port):
            raise BrokerError(
                f"port {port} is already in use by another program; stop it, or set "
                f"{setting} to a free port (or TAHUB_KAFKA_BOOTSTRAP to use a running Kafka)"
            )
    java = require_java()
    _wait_unlocked(cfg)
    (cfg.home / "logs").mkdir(parents=True, exist_ok=True)
    props = cfg.home / "server.properties"
    props.write_text(_server_properties(cfg))
    _format_storage(cfg, java, props)
    with open(cfg.home / "logs" / "stdout.log", "ab") as log:
        proc = subprocess.Popen(
            _java_cmd(cfg, java, "kafka.Kafka", str(props)),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _pid_file(cfg).write_text(str(proc.pid))
    # our own child: ask Popen, not /proc/<pid>/cmdline, which names the forked Python
    # until the JVM has been exec'd (a busy machine made that window long enough to fail)
    return lambda: proc.poll() is None


def wait_ready(cfg: BrokerConfig, alive: Callable[[], bool], wait: float = 90.0) -> None:
    """Return once the broker answers metadata requests (BrokerError if it died first)."""
    from confluent_kafka.admin import AdminClient

    deadline = time.monotonic() + wait
    admin = AdminClient({**cfg.client_config(), "log_level": "0"})
    while time.monotonic() < deadline:
        if not alive():
            raise BrokerError(
                f"Kafka exited during start-up: {_log_tail(cfg) or 'see ' + str(cfg.home / 'logs')}"
            )
        if answers(cfg.port):
            with contextlib.suppress(Exception):  # not ready yet: metadata times out
                if admin.list_topics(timeout=2).brokers:
                    return
        time.sleep(0.3)
    raise BrokerError(
        f"Kafka did not answer on {cfg.bootstrap} within {wait:.0f} s; see {cfg.home / 'logs'}"
    )


def stop(cfg: BrokerConfig, *, timeout: float = 30.0) -> bool:
    """Stop the broker cleanly (SIGTERM, then SIGKILL after timeout). False if not running."""
    pid = _read_pid(cfg)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        kill_deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < kill_deadline:
            time.sleep(0.1)
    _pid_file(cfg).unlink(missing_ok=True)
    return True


def _wait_unlocked(cfg: BrokerConfig, wait: float = 30.0) -> None:
    """Wait until no process holds the data dir's lock: a broker still shutting down has
    already closed its port but keeps the lock, and a new one would exit on it."""
    import fcntl

    lock = cfg.home / "data" / ".lock"
    if not lock.exists():
        return
    deadline = time.monotonic() + wait
    with open(lock, "a") as fh:
        while True:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if time.monotonic() > deadline:
                    raise BrokerError(
                        f"another Kafka still holds {lock}; stop it before starting this one"
                    ) from None
                time.sleep(0.2)
                continue
            fcntl.lockf(fh, fcntl.LOCK_UN)
            return
