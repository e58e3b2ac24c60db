"""Entries of aggregator feeds such as Google News (pure).

Five of the nine default feeds are Google News searches: every link points at
news.google.com and the outlet is named only by the entry's ``<source url=…>``. Counting
outlets by the link's host counted them all as one (a signal's weight grows with outlets),
so an entry that names its source is that source's.

Google's article ids made before mid-2024 (``CBMi…``) are base64 of a small protobuf
message that carries the publisher's URL: read here, no request needed. Newer ids carry
only a token that Google resolves itself; such a link is fetched as before, through the
guarded fetcher, and a redirect it answers with is followed there.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from urllib.parse import urlsplit

from producers.news.canon import canonical_url, outlet
from producers.news.extract import Entry

GOOGLE_NEWS = "news.google.com"
_ID_PATHS = ("/rss/articles/", "/articles/")


def _varint(raw: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(raw) or shift > 63:
            raise ValueError("truncated varint")
        byte = raw[i]
        value |= (byte & 0x7F) << shift
        i, shift = i + 1, shift + 7
        if not byte & 0x80:
            return value, i


def _strings(raw: bytes) -> Iterator[bytes]:
    """The length-delimited fields of a protobuf message, until it stops making sense."""
    i = 0
    try:
        while i < len(raw):
            key, i = _varint(raw, i)
            kind = key & 7
            if kind == 0:
                _, i = _varint(raw, i)
            elif kind == 1:
                i += 8
            elif kind == 5:
                i += 4
            elif kind == 2:
                size, i = _varint(raw, i)
                if i + size > len(raw):
                    return
                yield raw[i : i + size]
                i += size
            else:
                return
    except ValueError:
        return


def publisher_url(link: str) -> str | None:
    """The publisher's URL a Google News link carries, or None (any other link, or an id
    that carries only a token)."""
    parts = urlsplit(link)
    if parts.hostname != GOOGLE_NEWS:
        return None
    token = next((parts.path[len(p) :] for p in _ID_PATHS if parts.path.startswith(p)), "")
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, binascii.Error):
        return None
    for field in _strings(raw):
        try:
            text = field.decode("ascii")
        except UnicodeDecodeError:
            continue
        found = urlsplit(text)
        if found.scheme in ("http", "https") and found.hostname and text.isprintable():
            return text
    return None


def outlet_of(entry: Entry, url: str) -> str:
    """The outlet of an entry: the source it names, else the article URL's site."""
    return outlet(canonical_url(entry.source or url))
