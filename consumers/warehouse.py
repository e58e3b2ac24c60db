"""One warehouse interface, two backends: embedded chDB and a ClickHouse server.

SQL sent here must run on ClickHouse 18.16 (Debian's server) and on current ClickHouse
(chDB): MergeTree family, DateTime, no window functions, no DateTime64.
Query results come back as tuples of plain Python values; DateTime as Unix seconds.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlparse

from consumers.errors import WarehouseError

Columns = dict[str, list[Any]]


class Warehouse(Protocol):
    name: str

    def execute(self, sql: str) -> None: ...
    def query(self, sql: str) -> list[tuple[Any, ...]]: ...
    def insert(self, table: str, columns: Columns, types: dict[str, str] | None = None) -> int:
        """Columnar insert; ``types`` (ClickHouse types by column) lets backends that
        build their own buffers type empty or all-null columns."""
        ...

    def ping(self) -> None: ...
    def close(self) -> None: ...


class ChdbWarehouse:
    """chDB in a directory. Only one process may open a path; threads may share it."""

    def __init__(self, path: Path) -> None:
        from chdb import session

        self.name = f"chdb:{path}"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._session = session.Session(str(path))  # type: ignore[no-untyped-call]
        except Exception as err:
            raise WarehouseError(
                f"cannot open chDB at {path}: {err}. Only one process may open it; "
                "is `tahub up` already running? Ask it (tahub status) instead"
            ) from None
        self._lock = threading.Lock()

    def execute(self, sql: str) -> None:
        self._run(sql, "CSV")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        table = self._run(sql, "ArrowTable")
        columns = [col.to_pylist() for col in table.columns]
        return list(zip(*columns, strict=True)) if columns else []

    def insert(self, table: str, columns: Columns, types: dict[str, str] | None = None) -> int:
        import pyarrow as pa

        if not columns:
            return 0
        if types:
            schema = pa.schema([(name, _arrow_type(types[name])) for name in columns])
            arrow = pa.table(columns, schema=schema)
        else:
            arrow = pa.table(columns)
        names = ", ".join(columns)
        self._run(f"INSERT INTO {table} ({names}) SELECT {names} FROM Python(arrow)", "CSV")
        return int(arrow.num_rows)

    def ping(self) -> None:
        self._run("SELECT 1", "CSV")

    def close(self) -> None:
        self._session.close()  # type: ignore[no-untyped-call]

    def _run(self, sql: str, fmt: str) -> Any:
        try:
            with self._lock:
                return self._session.query(sql, fmt)  # type: ignore[no-untyped-call]
        except Exception as err:
            raise WarehouseError(f"chDB: {_first_line(err)}") from err


class ServerWarehouse:
    """A ClickHouse server over the native protocol (clickhouse-driver). With
    ``?cluster=<name>`` its tables are Distributed ones over shards (consumers.sharding)."""

    def __init__(self, url: str) -> None:
        from clickhouse_driver import Client

        parsed = urlparse(url)
        self.url = url  # carries the password: never logged, ``name`` is what is shown
        self.database = parsed.path.lstrip("/") or "default"
        self.cluster = parse_qs(parsed.query).get("cluster", [None])[0]
        self.name = f"clickhouse://{parsed.hostname}:{parsed.port or 9000}{parsed.path}"
        if self.cluster:
            self.name += f"?cluster={self.cluster}"
        secure = parsed.scheme == "clickhouses"
        settings: dict[str, Any] = {"use_numpy": False}
        if self.cluster:
            # an insert returns once every shard has its rows (the sink commits offsets
            # after it); an IN or JOIN subquery runs once, here, over all shards (as
            # GLOBAL): sent to the shards as written, it named tables of their default db
            settings |= {"insert_distributed_sync": 1, "distributed_product_mode": "global"}
        self._client = Client(
            host=parsed.hostname or "localhost",
            port=parsed.port or (9440 if secure else 9000),
            database=self.database,
            user=unquote(parsed.username or "default"),
            password=unquote(parsed.password or ""),
            secure=secure,
            connect_timeout=5,
            send_receive_timeout=60,
            settings=settings,
        )
        self._lock = threading.Lock()

    def execute(self, sql: str) -> None:
        self._run(sql)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        rows = self._run(sql)
        return [tuple(_plain(v) for v in row) for row in rows]

    def insert(self, table: str, columns: Columns, types: dict[str, str] | None = None) -> int:
        if not columns:
            return 0
        names = ", ".join(columns)
        data = list(columns.values())
        self._run(f"INSERT INTO {table} ({names}) VALUES", data, columnar=True)
        return len(data[0])

    def ping(self) -> None:
        self._run("SELECT 1")

    def close(self) -> None:
        self._client.disconnect()

    def _run(self, sql: str, data: Any = None, **kw: Any) -> Any:
        from clickhouse_driver import errors

        try:
            with self._lock:
                if data is None:
                    return self._client.execute(sql, **kw)
                return self._client.execute(sql, data, **kw)
        except errors.NetworkError as err:
            raise WarehouseError(f"ClickHouse at {self.name} unreachable: {err}") from err
        except (errors.Error, OSError, EOFError) as err:
            raise WarehouseError(f"ClickHouse at {self.name}: {_first_line(err)}") from err


def _arrow_type(ch_type: str) -> Any:
    import pyarrow as pa

    if ch_type.startswith("Nullable(") or ch_type.startswith("LowCardinality("):
        return _arrow_type(ch_type[ch_type.index("(") + 1 : -1])
    if ch_type.startswith("Array("):
        return pa.list_(_arrow_type(ch_type[6:-1]))
    simple = {
        "String": pa.string(),
        "UInt8": pa.uint8(),
        "UInt16": pa.uint16(),
        "UInt32": pa.uint32(),
        "UInt64": pa.uint64(),
        "Int32": pa.int32(),
        "Int64": pa.int64(),
        "Float64": pa.float64(),
        "Date": pa.date32(),
        "DateTime": pa.uint32(),  # Unix seconds
    }
    try:
        return simple[ch_type]
    except KeyError:
        raise WarehouseError(f"no Arrow type for ClickHouse type {ch_type}") from None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, tuple):
        return list(value)
    return value


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def open_warehouse(url: str) -> Warehouse:
    """chdb:///path → embedded; clickhouse(s)://user:pass@host:port/db → server."""
    parsed = urlparse(url)
    if parsed.scheme == "chdb":
        return ChdbWarehouse(Path(unquote(parsed.netloc + parsed.path)))
    if parsed.scheme in ("clickhouse", "clickhouses"):
        return ServerWarehouse(url)
    raise WarehouseError(f"warehouse URL scheme {parsed.scheme!r} is not chdb or clickhouse")
