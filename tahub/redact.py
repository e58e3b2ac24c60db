"""Credentials out of everything tahub prints: settings, errors and log lines (pure).

A URL's password, secret-looking query parameters, Slack tokens and webhook URLs, and
tahub's own API keys are masked wherever they appear in a text. Third-party loggers that
print request URLs or message bodies (slack_sdk at DEBUG logs an incoming-webhook URL and
the message, httpx logs every URL at INFO) are held at WARNING whatever the log level.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "********"
SECRET_PARAMS = re.compile(
    r"^(pass(word|wd)?|pwd|secret|token|access_token|api_?key|key|sig(nature)?|auth)$", re.I
)
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
_PATTERNS = (
    re.compile(r"\bxox[abposr]-[A-Za-z0-9-]+"),  # Slack tokens
    re.compile(r"\bxapp-[A-Za-z0-9-]+"),
    re.compile(r"\bthk_[A-Za-z0-9]+_[A-Za-z0-9_-]+"),  # tahub API keys
    re.compile(r"\bwhsec_[A-Za-z0-9+/=]+"),  # Standard Webhooks signing keys
)
_SLACK_HOOK = re.compile(r"(hooks\.slack\.com/(services|workflows|triggers)/)[^\s'\"<>]+")
# loggers that print URLs or bodies below WARNING
CHATTY = ("slack_sdk", "slack_bolt", "httpx", "httpcore", "urllib3", "aiohttp.client", "hpack")


def mask_url(url: str) -> str:
    """The URL with its user-info password and secret-looking query values masked."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # an unparseable port and the like: mask what follows the scheme
        return url.split("://", 1)[0] + "://" + MASK if "://" in url else MASK
    netloc = parts.netloc
    if password is not None:
        netloc = netloc.rsplit("@", 1)[1]
        netloc = f"{parts.username}:{MASK}@{netloc}" if parts.username else f":{MASK}@{netloc}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, MASK if SECRET_PARAMS.match(k) else v) for k, v in pairs], safe="*")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def redact(text: str) -> str:
    """Every credential tahub knows the shape of, masked in ``text``."""
    text = _URL.sub(lambda m: mask_url(m.group(0)), text)
    text = _SLACK_HOOK.sub(lambda m: m.group(1) + MASK, text)
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def _cleaned(record: logging.LogRecord) -> logging.LogRecord:
    message = record.getMessage()
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and record.exc_info[1] is not None:
        text = logging.Formatter().formatException(record.exc_info)
        record.exc_text = redact(text)
    return record


def install() -> None:
    """Redact every log record as it is made, whatever handlers a library installs later
    (Faust replaces the root handlers), and hold chatty loggers at WARNING."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "tahub_redacts", False):

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return _cleaned(current(*args, **kwargs))

        factory.tahub_redacts = True  # type: ignore[attr-defined]
        logging.setLogRecordFactory(factory)
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
