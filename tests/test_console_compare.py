"""The trends page's period comparison: which periods, the noise test, and numbers that are
exactly the query API's answers for each period to the same viewer (chDB, real server)."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from consumers import migrations
from consumers.warehouse import Warehouse, open_warehouse
from tahub.console import compare
from tests import consolekit as ck
from tests.consolekit import KEY_R, KEY_X


def test_periods_are_whole_bins_of_equal_length_before_or_a_year_earlier() -> None:
    start = datetime(2026, 10, 8, 13, tzinfo=UTC)  # a Thursday
    end = datetime(2026, 11, 20, 9, tzinfo=UTC)
    p = compare.periods(start, end, "previous", "week")
    assert p.start == datetime(2026, 10, 5, tzinfo=UTC)  # Monday: weeks start on Mondays
    assert p.end == datetime(2026, 11, 23, tzinfo=UTC)
    assert p.other_end == p.start
    assert p.end - p.start == p.other_end - p.other_start
    assert p.share == 0.5
    y = compare.periods(start, end, "year", "week")
    assert (y.start - y.other_start, y.end - y.other_end) == (timedelta(weeks=52),) * 2
    assert y.other_start.weekday() == 0
    m = compare.periods(start, end, "previous", "month")
    assert (m.start, m.end) == (
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert (m.other_start, m.other_end) == (datetime(2026, 8, 1, tzinfo=UTC), m.start)
    assert m.share == pytest.approx(61 / (61 + 61))
    my = compare.periods(start, end, "year", "month")
    assert (my.other_start, my.other_end) == (datetime(2025, 10, 1, tzinfo=UTC),
                                              datetime(2025, 12, 1, tzinfo=UTC))  # fmt: skip
    with pytest.raises(ValueError, match="previous or year"):
        compare.periods(start, end, "decade", "week")


def test_the_noise_test_sums_from_the_mode_as_every_outcome_would() -> None:
    """The sum runs outwards from the mode and stops where terms are negligible; it agrees
    with the rule summed over every outcome in exact fractions, in both tails, for
    counts as large as a campaign brief's."""
    from fractions import Fraction

    for n, share in ((400, Fraction(1, 2)), (301, Fraction(1, 3)), (90, Fraction(7, 12))):
        pmf = [Fraction(math.comb(n, k)) * share**k * (1 - share) ** (n - k)
               for k in range(n + 1)]  # fmt: skip
        for current in (0, 1, n // 5, int(n * share) - 9, int(n * share), n - 3, n):
            seen = pmf[current] * Fraction(10_000_001, 10_000_000)
            expected = float(sum(q for q in pmf if q <= seen))
            got = compare.p_value(current, n - current, share=float(share))
            assert got == pytest.approx(min(1.0, expected), rel=1e-9, abs=1e-300), (n, current)


def test_the_noise_test_is_the_exact_two_poisson_test() -> None:
    assert compare.p_value(0, 0) == 1.0
    assert compare.p_value(10, 10) == pytest.approx(1.0)
    assert compare.p_value(8, 0) == pytest.approx(2 * 0.5**8)  # all in one period
    assert compare.p_value(3, 9) == pytest.approx(compare.p_value(9, 3))
    assert compare.p_value(6, 4) > compare.ALPHA  # a small wobble is noise
    assert compare.p_value(30, 10) < 0.01
    # unequal periods: R's binom.test rule (outcomes no likelier than the one seen, with a
    # relative tolerance of 1e-7), summed here in exact fractions
    from fractions import Fraction

    pmf = [Fraction(math.comb(20, k)) * Fraction(1, 3) ** k * Fraction(2, 3) ** (20 - k)
           for k in range(21)]  # fmt: skip
    expected = sum(q for q in pmf if q <= pmf[12] * Fraction(10_000_001, 10_000_000))
    assert compare.p_value(12, 8, share=1 / 3) == pytest.approx(float(expected), rel=1e-9)
    # past the exact sum's limit the normal approximation agrees with it
    exact = compare.p_value(2600, 2400)
    approx = compare.p_value(2601, 2401)  # n = 5002: approximated
    assert math.isclose(exact, approx, rel_tol=0.1)
    rows = compare.changes({"a": 12, "b": 5}, {"a": 2, "c": 4})
    assert [(c.name, c.change, c.ratio) for c in rows] == [
        ("a", 10, 6.0),
        ("b", 5, None),
        ("c", -4, 0.0),
    ]  # largest change first; nothing before is "new" (no ratio)
    assert rows[0].beyond_noise
    assert not rows[2].beyond_noise  # 0 against 4: p = 0.125


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    warehouse = open_warehouse(f"chdb://{tmp_path_factory.mktemp('compare') / 'chdb'}")
    migrations.migrate(warehouse)
    ck.seed(warehouse)
    yield warehouse
    warehouse.close()


def _table(page: str) -> dict[str, tuple[int, int, str]]:
    """series → (this period, the other, beyond noise?) from the comparison table."""
    body = page.split('id="comparison"', 1)[1].split("</table>", 1)[0]
    out = {}
    for series, cells in re.findall(r'<tr data-series="([^"]+)">(.*?)</tr>', body):
        values = re.findall(r"<td[^>]*>([^<]*)</td>", cells)
        out[html.unescape(series)] = (int(values[0]), int(values[1]), values[5])
    return out


def _api(base: str, key: str, since: str, until: str) -> dict[str, int]:
    answer = httpx.get(
        f"{base}/api/v1/query/counts",
        params={"by": "origin,destination", "bucket": "all", "since": since, "until": until},
        headers={"Authorization": f"Bearer {key}"}, timeout=30,
    ).json()  # fmt: skip
    return {f"{r['origin']}>{r['destination']}": r["reports"] for r in answer["rows"]}


@pytest.mark.chdb
def test_the_comparison_is_the_query_apis_answer_for_each_period(
    wh: Warehouse, tmp_path: Path
) -> None:
    with ck.serve(wh, tmp_path) as served:
        for key in (KEY_X, KEY_R):
            client = ck.sign_in(served.base, key)
            page = client.get("/trends", params={"by": "route", "since": "21d",
                                                 "compare": "previous"})  # fmt: skip
            assert page.status_code == 200, page.text[:300]
            shown = _table(page.text)
            when = compare.periods(ck.NOW - timedelta(days=21), datetime.now(UTC), "previous",
                                   "week")  # fmt: skip
            now = _api(served.base, key, when.start.isoformat(), when.end.isoformat())
            before = _api(served.base, key, when.other_start.isoformat(), when.start.isoformat())
            assert {s: (c, o) for s, (c, o, _) in shown.items()} == {
                s: (now.get(s, 0), before.get(s, 0)) for s in set(now) | set(before)
            }
            assert shown["NG>IT"] == (8, 0, "yes")  # the spike, beyond noise
            if key == KEY_X:  # org-r's RED and AMBER reports are not counted for org-x
                assert shown["MM>TH"][0] == 8
                assert "LA>TH" not in shown
            else:
                assert shown["MM>TH"][0] == 11
                assert shown["LA>TH"][0] == 3
        x = ck.sign_in(served.base, KEY_X)
        assert x.get("/trends", params={"since": "all", "compare": "previous"}).status_code == 400
        assert x.get("/trends", params={"compare": "decade"}).status_code == 400
        year = x.get("/trends", params={"by": "route", "since": "21d", "compare": "year"})
        assert year.status_code == 200
        assert "the same period 52 weeks earlier" in year.text
        assert _table(year.text)["NG>IT"][:2] == (8, 0)
