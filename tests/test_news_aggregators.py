"""Entries of aggregator feeds (Google News): the outlet is the entry's source, and the
link is the publisher's where the entry carries it."""

from __future__ import annotations

import base64

from producers.news import extract
from producers.news.aggregators import outlet_of, publisher_url


def _google_id(url: str) -> str:
    """An article id in the shape Google News used until 2024: base64url of a small
    protobuf message whose field 4 is the publisher's URL (hence every id starts CBMi)."""
    raw = url.encode()
    message = b"\x08\x13\x22" + bytes([len(raw)]) + raw + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(message).decode().rstrip("=")


def test_an_old_style_google_news_link_carries_the_publishers_url() -> None:
    target = "https://www.example-times.com/world/2026/11/fishermen-rescued?id=77"
    link = f"https://news.google.com/rss/articles/{_google_id(target)}?oc=5"
    assert _google_id(target).startswith("CBMi")
    assert publisher_url(link) == target


def test_links_that_carry_no_url_are_left_alone() -> None:
    opaque = base64.urlsafe_b64encode(b"\x08\x13\x22\x10AU_yqLOpaqueToken").decode()
    assert publisher_url(f"https://news.google.com/rss/articles/{opaque}?oc=5") is None
    assert publisher_url("https://news.google.com/rss/articles/%%%notbase64") is None
    assert publisher_url("https://news.google.com/rss/articles/") is None
    # the same path on another host is not Google's id scheme
    assert publisher_url(f"https://example.org/rss/articles/{_google_id('https://a.b/c')}") is None
    # a URL in the id must be http(s): no file:// or javascript: through the decoder
    assert (
        publisher_url(f"https://news.google.com/rss/articles/{_google_id('file:///etc/x')}") is None
    )


GOOGLE_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>"forced labour"</title>
<item><title>Police free 40 trafficked fishermen - Reuters</title>
<link>https://news.google.com/rss/articles/{a}?oc=5</link>
<description>&lt;a href="https://news.google.com/rss/articles/{a}?oc=5"&gt;Police free 40 trafficked
fishermen&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Reuters&lt;/font&gt;
</description>
<source url="https://www.reuters.com">Reuters</source></item>
<item><title>Police free 40 trafficked fishermen - BBC</title>
<link>https://news.google.com/rss/articles/CBMiQUFVX3lxTE9wYXF1ZQ?oc=5</link>
<description>&lt;a href="https://news.google.com/"&gt;Police free 40 trafficked
fishermen&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;BBC&lt;/font&gt;</description>
<source url="https://www.bbc.co.uk">BBC</source></item>
<item><title>Direct from the outlet</title><link>https://m.thestar.com.my/news/1</link></item>
</channel></rss>"""


def test_entries_of_a_google_news_feed_name_their_outlets() -> None:
    target = "https://www.reuters.com/world/asia/fishermen-2026-11-20/"
    body = GOOGLE_FEED.replace("{a}", _google_id(target)).encode()
    reuters, bbc, direct = extract.entries(body)
    assert (reuters.source, bbc.source, direct.source) == (
        "https://www.reuters.com", "https://www.bbc.co.uk", None,
    )  # fmt: skip
    # the outlet's name is the aggregator's label, not part of the story's words
    assert reuters.title == bbc.title == "Police free 40 trafficked fishermen"
    assert reuters.summary == bbc.summary == "Police free 40 trafficked fishermen"
    assert publisher_url(reuters.url) == target
    assert publisher_url(bbc.url) is None
    outlets = {outlet_of(e, publisher_url(e.url) or e.url) for e in (reuters, bbc, direct)}
    assert outlets == {"reuters.com", "bbc.co.uk", "thestar.com.my"}  # not news.google.com
