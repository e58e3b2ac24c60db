"""The campaign brief (chDB, the real web server): where reports rose, computed either as
the public sees it (TLP:CLEAR only, by the query API's rule for anyone: may be published)
or as the organisation does (not for publication), each number the query API's answer
for that viewer and period."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers import migrations, tables
from consumers.warehouse import Warehouse, open_warehouse
from tahub.console import compare
from tests import consolekit as ck
from tests.consolekit import KEY_R, KEY_X
from tests.sharingkit import with_report_classes

pytestmark = pytest.mark.chdb


def _clear_story() -> list[dict[str, Any]]:
    """Route KH>TH reported TLP:CLEAR by four organisations, two reports each."""
    out = []
    for i in range(8):
        for sig in ck._signal(100 + i, ck.SPIKE + timedelta(hours=i), f"org-{'abcd'[i % 4]}",
                              "MM", "TH", "CLEAR", "forced_labour"):  # fmt: skip
            out.append({**sig, "origin_country": "KH", "signal_id": f"clear-{sig['signal_id']}",
                        "source_id": f"rep-clear-{i}",
                        "location_country": "KH" if sig["role"] == "origin" else "TH"})  # fmt: skip
    return with_report_classes(out)  # of the route as changed here


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    warehouse = open_warehouse(f"chdb://{tmp_path_factory.mktemp('campaign') / 'chdb'}")
    migrations.migrate(warehouse)
    ck.seed(warehouse)
    ck.load(warehouse, tables.SIGNALS, _clear_story())
    yield warehouse
    warehouse.close()


def _rows(page: str, kind: str) -> dict[str, tuple[int, int]]:
    if f'id="rising-{kind}"' not in page:
        return {}
    body = page.split(f'id="rising-{kind}"', 1)[1].split("</table>", 1)[0]
    out = {}
    for series, cells in re.findall(r'<tr data-series="([^"]+)">(.*?)</tr>', body):
        values = re.findall(r"<td[^>]*>([^<]*)</td>", cells)
        out[html.unescape(series)] = (int(values[1]), int(values[2]))
    return out


def _api(base: str, key: str | None, by: str, when: compare.Periods) -> dict[str, tuple[int, int]]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}

    def ask(since: datetime, until: datetime) -> dict[str, int]:
        answer = httpx.get(f"{base}/api/v1/query/counts", headers=headers, timeout=30, params={
            "by": by, "bucket": "all", "since": since.isoformat(), "until": until.isoformat(),
        }).json()  # fmt: skip
        return {">".join(str(r[d]) for d in by.split(",")): r["reports"] for r in answer["rows"]}

    now, before = ask(when.start, when.end), ask(when.other_start, when.other_end)
    return {s: (now.get(s, 0), before.get(s, 0)) for s in now if now[s] > before.get(s, 0)}


def test_a_brief_is_the_query_apis_answer_for_the_public_or_the_organisation(
    wh: Warehouse, tmp_path: Path
) -> None:
    when = compare.periods(ck.NOW - timedelta(days=21), datetime.now(UTC), "previous", "week")
    with ck.serve(wh, tmp_path) as served:
        x, r = ck.sign_in(served.base, KEY_X), ck.sign_in(served.base, KEY_R)
        public = x.get("/campaign", params={"since": "21d"})
        assert public.status_code == 200, public.text[:300]
        assert "TLP:CLEAR" in public.text
        assert _rows(public.text, "routes") == _api(served.base, None, "origin,destination", when)
        assert _rows(public.text, "places") == _api(served.base, None, "location", when)
        assert set(_rows(public.text, "routes")) == {"KH>TH"}  # CLEAR only
        assert _rows(public.text, "towns") == _api(served.base, None, "cell_fine", when)
        assert "near Bangkok (TH)" in public.text  # a town, not a cell id, to aim at
        # the same public brief whoever asks: org-r's own RED reports are not in it
        assert _rows(r.get("/campaign", params={"since": "21d"}).text, "routes") == _rows(
            public.text, "routes"
        )

        for client, key in ((x, KEY_X), (r, KEY_R)):
            mine = client.get("/campaign", params={"since": "21d", "audience": "mine"})
            assert mine.status_code == 200
            assert "Not for publication" in mine.text
            assert _rows(mine.text, "routes") == _api(served.base, key, "origin,destination", when)
            assert _rows(mine.text, "places") == _api(served.base, key, "location", when)
            assert _rows(mine.text, "towns") == _api(served.base, key, "cell_fine", when)
        x_routes = _rows(x.get("/campaign?since=21d&audience=mine").text, "routes")
        r_routes = _rows(r.get("/campaign?since=21d&audience=mine").text, "routes")
        assert x_routes["MM>TH"][0] == 8
        assert "LA>TH" not in x_routes  # org-r's AMBER reports are org-r's
        assert (r_routes["MM>TH"][0], r_routes["LA>TH"][0]) == (11, 3)
        assert ck.RED_ID not in x.get("/campaign?since=21d&audience=mine").text

        assert x.get("/campaign", params={"audience": "everyone"}).status_code == 400
        assert x.get("/campaign", params={"since": "all"}).status_code == 400
        year = x.get("/campaign", params={"since": "21d", "compare": "year"})
        assert "the same period 52 weeks earlier" in year.text
