"""What an email channel is made of (pure): its recipients, and the organisation's SMTP
relay read from a channel secret.

The channel's target is the recipients (``a@example.org,b@example.org``); its secret is
the relay as one URL, ``smtp://USER:PASSWORD@HOST[:PORT]?from=ADDRESS`` (STARTTLS, port
587 by default) or ``smtps://…`` (TLS from the first byte, port 465). The URL is the
secret because it holds the password, as a Slack incoming-webhook URL does; a user name
holding ``@`` is written ``%40``. Addresses are checked strictly with the standard
library's RFC 5322 parser: one plain ``local@domain`` each, no display name, no comment,
no group, so nothing in a target can add a header or a recipient.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from urllib.parse import parse_qs, unquote, urlsplit

MAX_RECIPIENTS = 10  # per channel: a subscription is not a mailing list
PORTS = {"smtp": 587, "smtps": 465}


class RelayError(ValueError):
    """The relay secret or a recipient is malformed (the message never holds a value)."""


def address(raw: str) -> str:
    """One plain address, ``local@domain.tld``, exactly as written; else RelayError."""
    text = raw.strip()
    if not text or len(text) > 254 or not text.isprintable() or not text.isascii():
        raise RelayError("an address is printable ASCII, at most 254 characters")
    try:
        parsed = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError):
        raise RelayError("not a plain address such as ops@example.org") from None
    domain = parsed.domain
    if parsed.addr_spec != text or not parsed.username or "." not in domain.strip("."):
        raise RelayError("not a plain address such as ops@example.org")
    if domain.startswith("[") or domain.endswith("."):
        raise RelayError("the domain must be a name such as example.org, not an address")
    return text


def recipients(target: str) -> list[str]:
    """The comma-separated addresses of a channel target (no duplicates, at most
    MAX_RECIPIENTS); RelayError naming the position of the first bad one."""
    parts = [p.strip() for p in target.split(",")]
    if not any(parts):
        raise RelayError("one or more addresses, comma-separated")
    out: list[str] = []
    for i, part in enumerate(parts, 1):
        try:
            found = address(part)
        except RelayError as err:
            raise RelayError(f"address {i}: {err}") from None
        if found.lower() in (o.lower() for o in out):
            raise RelayError(f"address {i} is listed twice")
        out.append(found)
    if len(out) > MAX_RECIPIENTS:
        raise RelayError(f"at most {MAX_RECIPIENTS} addresses a channel")
    return out


@dataclass(frozen=True)
class Relay:
    host: str
    port: int
    implicit_tls: bool  # smtps://; else STARTTLS, which is then required
    username: str
    password: str
    sender: str

    def __repr__(self) -> str:  # a relay is never printed with its password
        return f"Relay({self.host}:{self.port}, user set, password set, from {self.sender})"


def relay(secret: str) -> Relay:
    """The relay an email channel's secret names; RelayError says what is missing."""
    try:
        parts = urlsplit(secret.strip())
        port = parts.port
        host = parts.hostname or ""
    except ValueError:
        raise RelayError("the relay secret is not a URL (smtp://user:password@host:587)") from None
    if parts.scheme not in PORTS or not host:
        raise RelayError("the relay secret is smtp://user:password@host[:port]?from=address "
                         "(STARTTLS) or smtps://… (TLS)")  # fmt: skip
    if not parts.username or not parts.password:
        raise RelayError("the relay secret needs the user name and password (authentication)")
    username = unquote(parts.username)
    query = parse_qs(parts.query)
    sender = (query.get("from") or [username])[0]
    try:
        sender = address(sender)
    except RelayError:
        raise RelayError("the relay secret needs ?from=ADDRESS (the user name is none)") from None
    return Relay(host, port or PORTS[parts.scheme], parts.scheme == "smtps", username,
                 unquote(parts.password), sender)  # fmt: skip
