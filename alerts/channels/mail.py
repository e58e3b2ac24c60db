"""Email channel: one multipart/alternative message (plain text and HTML from the same
payload) through the organisation's SMTP relay, with STARTTLS (or TLS from the start)
and authentication always.

smtplib is blocking, so an attempt runs on a worker thread. The relay's name is resolved
here and only addresses the egress policy allows are dialled, by address, while TLS
checks the certificate against the name: a name that resolves (or rebinds) to a private
or loopback address is not reached unless the operator allowed it. A relay that does not
offer STARTTLS is refused rather than sent to in clear. SMTP 4xx answers, timeouts and
dropped connections may pass and are retried; 5xx answers, a refused login, a bad
certificate and a refused address are the channel's configuration and fail at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.policy
import re
import smtplib
import socket
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from alerts.channels.base import SENT, Outcome, failed
from alerts.channels.mail_body import SUBJECT_MAX, html_body, one_line, subject, text
from alerts.channels.mail_relay import Relay, RelayError, recipients, relay
from alerts.templating import CHANNEL_PARTS, attempt, note
from schemas.egress import EgressPolicy

_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class _Refused(Exception):
    """The relay may not be used as configured: fail at once, no retry."""


def parts(payload: dict[str, Any], templates: dict[str, str]) -> tuple[dict[str, str], str | None]:
    """Subject, text and HTML: the subscription's templates where it has them, else the
    default; a template that fails gives the default for its part, and the reason."""
    out = {"subject": subject(payload), "text": text(payload), "html": html_body(payload)}
    problems = []
    for part in CHANNEL_PARTS["email"]:
        got = attempt(part, templates, payload)
        if got.text is not None:
            out[part] = got.text
        elif got.problem is not None:
            problems.append(got.problem)
    out["subject"] = one_line(out["subject"], SUBJECT_MAX)  # a template cannot add headers
    return out, note(problems)


def message(
    payload: dict[str, Any], sender: str, to: list[str], body: dict[str, str] | None = None
) -> EmailMessage:
    """The email for ``payload``; its Message-ID is the notification's, so a retry is
    recognisable as the same message."""
    body = body or parts(payload, {})[0]
    msg = EmailMessage(policy=email.policy.SMTP)
    nid = _ID_CHARS.sub("", str(payload["notification_id"]))[:120] or "tahub"
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = body["subject"]
    msg["Date"] = format_datetime(_created(payload))
    msg["Message-ID"] = f"<{nid}@{sender.rpartition('@')[2]}>"
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to it
    msg["X-Tahub-Notification"] = nid
    msg.set_content(body["text"])
    msg.add_alternative(body["html"], subtype="html")
    return msg


def _created(payload: dict[str, Any]) -> datetime:
    try:
        at = datetime.fromisoformat(str(payload.get("created_at")))
    except ValueError:
        return datetime.now(UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """The system's trusted roots, plus an operator's CA for an on-premise relay."""
    ctx = ssl.create_default_context()
    if ca_file is not None:
        ctx.load_verify_locations(cafile=str(ca_file))
    return ctx


class _Pinned(smtplib.SMTP):
    """Dials the address the egress check kept; TLS still checks the relay's name."""

    def __init__(self, address: str, **kwargs: Any) -> None:
        self._address = address
        super().__init__(**kwargs)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        self._host = host  # what starttls() checks the certificate against
        return socket.create_connection((self._address, port), timeout, self.source_address)


class _PinnedSSL(smtplib.SMTP_SSL):
    def __init__(self, address: str, **kwargs: Any) -> None:
        self._address = address
        super().__init__(**kwargs)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        raw = socket.create_connection((self._address, port), timeout, self.source_address)
        return self.context.wrap_socket(raw, server_hostname=host)


def addresses(policy: EgressPolicy, r: Relay) -> list[str]:
    """The relay's addresses tahub may dial; _Refused when there is none."""
    reason = policy.host_refusal(r.host)
    if reason is not None:
        raise _Refused(f"email: the relay is {reason}")
    try:
        infos = socket.getaddrinfo(r.host, r.port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise OSError("the relay's name does not resolve") from None
    found = list(dict.fromkeys(str(info[4][0]) for info in infos))
    kept = policy.reachable(r.host, found)
    if not kept:
        raise _Refused("email: the relay resolves only to addresses tahub must not reach")
    return kept


def _server_said(err: smtplib.SMTPResponseException) -> str:
    said = err.smtp_error.decode(errors="replace") if isinstance(err.smtp_error, bytes) else ""
    return " ".join(said.split())[:80]


def classify(err: BaseException) -> Outcome:  # noqa: PLR0911 - one return per kind of failure
    """An attempt's failure as an Outcome (no recipient, no body, no password)."""
    if isinstance(err, _Refused):
        return failed(str(err), recoverable=False)
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in err.recipients.values()})
        return failed(f"email: every recipient refused ({', '.join(map(str, codes))})",
                      recoverable=all(400 <= c < 500 for c in codes))  # fmt: skip
    if isinstance(err, smtplib.SMTPAuthenticationError):
        return failed(f"email: login refused ({err.smtp_code})", recoverable=False)
    if isinstance(err, smtplib.SMTPResponseException):
        return failed(f"email: {err.smtp_code} {_server_said(err)}".strip(),
                      recoverable=400 <= err.smtp_code < 500)  # fmt: skip
    if isinstance(err, smtplib.SMTPNotSupportedError):
        return failed("email: the relay does not offer what is needed (AUTH)", recoverable=False)
    if isinstance(err, ssl.SSLCertVerificationError):
        return failed(f"email: the relay's certificate is not trusted ({err.verify_message})",
                      recoverable=False)  # fmt: skip
    if isinstance(err, smtplib.SMTPServerDisconnected | TimeoutError | OSError):
        return failed(f"email: {type(err).__name__}", recoverable=True)
    return failed(f"email: {type(err).__name__}", recoverable=True)


def _login(smtp: smtplib.SMTP, r: Relay) -> None:
    """AUTH PLAIN when offered (inside TLS), else smtplib's choice. One mechanism only:
    after a refusal smtplib would try the next, repeating the refused password."""
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in offered:
        smtp.login(r.username, r.password)
        return
    smtp.user, smtp.password = r.username, r.password
    code, _ = smtp.auth("PLAIN", smtp.auth_plain)
    if code not in {235, 503}:  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, b"")


class EmailSender:
    def __init__(
        self,
        secret: str,
        target: str,
        policy: EgressPolicy,
        timeout: float,
        ca_file: Path | None = None,
        *,
        templates: dict[str, str] | None = None,
    ) -> None:
        self.secret, self.target, self.policy = secret, target, policy
        self.timeout, self.ca_file = timeout, ca_file
        self.templates = templates or {}

    async def send(self, payload: dict[str, Any]) -> Outcome:
        try:
            r = relay(self.secret)
            to = recipients(self.target)
        except RelayError as err:
            return failed(f"email: {err}", recoverable=False)
        body, why = await asyncio.to_thread(parts, payload, self.templates)
        msg = message(payload, r.sender, to, body)
        outcome = await asyncio.to_thread(self._send, r, to, msg)
        if why is not None and outcome.ok:  # sent, with the default: the record says why
            said = f"{outcome.error}; {why}" if outcome.error else f"email: {why}"  # refusals first
            return Outcome(True, error=said[:300])
        return outcome

    def _send(self, r: Relay, to: list[str], msg: EmailMessage) -> Outcome:
        try:
            return self._deliver(r, to, msg)
        except Exception as err:  # every failure becomes an outcome, classified
            return classify(err)

    def _deliver(self, r: Relay, to: list[str], msg: EmailMessage) -> Outcome:
        ctx = tls_context(self.ca_file)
        helo = r.sender.rpartition("@")[2]  # not getfqdn(): a DNS wait on some hosts
        last: OSError | None = None
        for address in addresses(self.policy, r):
            smtp: smtplib.SMTP = (
                _PinnedSSL(address, local_hostname=helo, timeout=self.timeout, context=ctx)
                if r.implicit_tls
                else _Pinned(address, local_hostname=helo, timeout=self.timeout)
            )
            try:
                smtp.connect(r.host, r.port)
            except OSError as err:  # this address does not answer: the next one may
                last = err
                smtp.close()
                continue
            try:
                return self._session(smtp, r, to, msg, ctx)
            finally:
                smtp.close()
        raise last or OSError("no address of the relay answered")

    @staticmethod
    def _session(
        smtp: smtplib.SMTP, r: Relay, to: list[str], msg: EmailMessage, ctx: ssl.SSLContext
    ) -> Outcome:
        smtp.ehlo()
        if not r.implicit_tls:
            if not smtp.has_extn("starttls"):
                raise _Refused("email: the relay offers no STARTTLS; nothing is sent in clear")
            smtp.starttls(context=ctx)
            smtp.ehlo()
        _login(smtp, r)
        refused = smtp.send_message(msg, from_addr=r.sender, to_addrs=to)
        with contextlib.suppress(smtplib.SMTPException):
            smtp.quit()  # the message was accepted; a lost goodbye changes nothing
        if refused:
            codes = sorted({code for code, _ in refused.values()})
            # sent to the others: a partial delivery, noted on the record
            return Outcome(True, error=f"email: {len(refused)} of {len(to)} recipient(s) "
                                       f"refused ({', '.join(map(str, codes))})")  # fmt: skip
        return SENT
