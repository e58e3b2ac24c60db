"""Canonical article URLs: the same article reached by different links gets one id (pure)."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only say how a reader arrived, never which article it is.
TRACKING = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "cmpid", "ocid", "smid",
        "smtyp", "at_medium", "at_campaign", "cid", "src", "share", "spm", "s_cid", "si",
        "feature", "via", "ito", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
        "ns_fee", "outputType", "amp", "CMP", "taid", "utm",
    }
)  # fmt: skip


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in {("http", 80), ("https", 443)}
        else (f"{host}:{port}")
    )
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k not in TRACKING
    )
    path = parts.path or "/"
    if path.endswith("/amp"):
        path = path[: -len("/amp")] or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def article_id(canonical: str) -> str:
    return "art-" + hashlib.blake2b(canonical.encode(), digest_size=12).hexdigest()


def outlet(canonical: str) -> str:
    host = urlsplit(canonical).hostname or "unknown"
    return host.removeprefix("www.").removeprefix("amp.").removeprefix("m.")
