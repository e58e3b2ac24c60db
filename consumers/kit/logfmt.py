"""One log format for every tahub process: text lines by default, JSON lines when
``TAHUB_LOG_FORMAT=json`` (one object per line: time, level, logger, message, pid, and
stage / topic / partition / offset where the caller gave them as ``extra``).

Only those named fields are ever copied from a record, so nothing a caller attaches by
accident (a payload, a settings object) reaches the log; messages are already redacted
by the record factory ``tahub.redact`` installs. Kept in the consumer kit so the stream
worker's processes, which may import only the kit, format their lines the same way.
"""

from __future__ import annotations

import json
import logging
import logging.config
from datetime import UTC, datetime
from typing import Any

FIELDS = ("stage", "topic", "partition", "offset")  # the only extras ever logged
FORMATS = ("text", "json")
TEXT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def context(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k in FIELDS if (v := getattr(record, k, None)) is not None}


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message [stage=… topic=… partition=… offset=…]``."""

    def __init__(self) -> None:
        super().__init__(TEXT)

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        ctx = context(record)
        if ctx:
            line += " [" + " ".join(f"{k}={v}" for k, v in ctx.items()) + "]"
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a traceback, if any, in ``exc``."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
            **context(record),
        }
        if record.exc_info:
            out["exc"] = record.exc_text or self.formatException(record.exc_info)
        elif record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False, default=str)


def formatter(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def dict_config(level: str | int, fmt: str) -> dict[str, Any]:
    """The logging configuration of a tahub process (also handed to Faust's worker, which
    otherwise installs its own format on stdout)."""
    cls = JsonFormatter if fmt == "json" else TextFormatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"tahub": {"()": f"{cls.__module__}.{cls.__qualname__}"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "tahub",
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
    }


def setup(level: str | int, fmt: str) -> None:
    """Every line of this process to stderr in the chosen format."""
    logging.config.dictConfig(dict_config(level, fmt))
