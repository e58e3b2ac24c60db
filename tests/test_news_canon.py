"""Canonical article URLs: tracking parameters go, parameters that name the article stay."""

from __future__ import annotations

import pytest

from producers.news.canon import article_id, canonical_url, outlet


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://ex.org/view?cid=1234", "https://ex.org/view?cid=5678"),
        ("https://ex.org/news.php?id=7", "https://ex.org/news.php?id=8"),
        ("https://ex.org/a?src=court-records-2", "https://ex.org/a?src=court-records-3"),
        ("https://ex.org/story?ref=A1&p=2", "https://ex.org/story?ref=B7&p=2"),
        ("https://ex.org/a?si=3", "https://ex.org/a?si=4"),
    ],
)
def test_parameters_that_identify_an_article_keep_two_articles_apart(
    first: str, second: str
) -> None:
    assert canonical_url(first) != canonical_url(second)
    assert article_id(canonical_url(first)) != article_id(canonical_url(second))


@pytest.mark.parametrize(
    "tracked",
    [
        "https://ex.org/view?cid=1234&utm_source=rss&utm_medium=feed&utm_campaign=x",
        "https://ex.org/view?fbclid=IwAR0abc&cid=1234",
        "https://ex.org/view?cid=1234&gclid=Cj0K&msclkid=9f&dclid=1",
        "https://ex.org/view?mc_cid=5d&mc_eid=77&cid=1234",
        "https://ex.org/view?cid=1234&igshid=Mz&yclid=1&_ga=2.1&_gl=1*x",
        "https://ex.org/view?cid=1234&CMP=share_btn_tw",  # the Guardian's campaign tag
        "https://ex.org/view?cid=1234&ns_source=twitter&ns_mchannel=social",
        "https://ex.org/view?cid=1234#comments",
        "HTTPS://EX.org:443/view?cid=1234",
    ],
)
def test_tracking_parameters_fragments_and_spelling_do_not_make_a_new_article(
    tracked: str,
) -> None:
    assert canonical_url(tracked) == canonical_url("https://ex.org/view?cid=1234")


def test_one_article_reached_by_differently_written_links_has_one_id() -> None:
    same = {
        canonical_url(u)
        for u in (
            "https://ex.org/news/café?b=2&a=1",
            "https://ex.org/news/caf%c3%a9?a=1&b=2",
            "https://ex.org/news/caf%C3%A9/?a=1&b=2&utm_term=t",
            "https://EX.org:443/news/caf%C3%A9?a=1&b=2#top",
        )
    }
    assert len(same) == 1
    assert canonical_url("http://ex.org/a") != canonical_url("http://ex.org/b")
    assert canonical_url("https://ex.org/a/amp") == canonical_url("https://ex.org/a")


def test_outlet_is_the_site_without_mobile_or_www_prefixes() -> None:
    assert outlet(canonical_url("https://www.Example.org/x")) == "example.org"
    assert outlet(canonical_url("https://m.example.org/x?cid=1")) == "example.org"
