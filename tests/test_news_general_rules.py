"""General rules from the causes of typology and relevance misses across blind_1-7 (pure).

Each rule was written for a cause seen in more than one batch or checked on batches it
was not written from (producers/news/data/BLIND.md, "general-rules round"). Cases are in
their own words, not copied from a batch, and fail on the rules before the change.
"""

from __future__ import annotations

import pytest

from producers.news.classify import understand


def _typ(text: str, title: str) -> list[str]:
    u = understand(title, text)
    assert u.relevant, u.why
    return sorted(u.typologies)


@pytest.mark.parametrize(
    "text",
    [
        "Sudan's ombudsman said on Monday that armed factions had recruited at least 60 "
        "children in Darfur this year, offering phones and cash.",
        "The rights office said militias in Darfur recruited boys as young as 13 to fight; some "
        "children were taken by force from markets.",
        "Chad's army has forcibly recruited dozens of boys under 18 in N'Djamena and sent "
        "them to the front lines, a rights group said.",
    ],
)
def test_a_counted_or_forcible_recruitment_of_children_is_a_case(text: str) -> None:
    assert _typ(text, "Children recruited in Sudan") == ["child_soldiering"]


def test_a_trend_about_recruitment_stays_no_case() -> None:
    text = (
        "A UN report said the recruitment of children by armed groups rose worldwide last "
        "year, and called on governments to pass laws against it."
    )
    assert not understand("Child recruitment rising, UN says", text).relevant
