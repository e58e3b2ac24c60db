"""Detectors that start warm (issue 17, item 3): history — reports of long ago, an import
— fills the baselines of the keys it names by occurrence, so the first live window after
start-up is judged, and novelty means new to the history. History is never news: it
opens nothing by itself, and repeating it changes nothing. The count stage takes it as
the offline replay does, through kills and restarts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from schemas import keys_topic
from streams.detect import count_stage, replay, state_codec
from streams.detect.count_stage import CountStage
from streams.detect.engine import Engine
from streams.detect.live import is_history
from streams.detect.repartition import entries_by_key, history_by_key
from tests.test_count_stage import (
    CONF,
    PARTS,
    Cluster,
    Host,
    _cut_checkpoint,
    _drain,
    _summary,
    partition_of,
    run_until,
)

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the worker starts; the history is imported now
KEY = "forced_labour|PH>AE"
NAME = f"typology_route|{KEY}#GREEN"  # its state: the GREEN tier these reports share


def _signal(
    n: int, at: datetime, *, route: tuple[str, str] = ("PH", "AE"), org: str = "org-h",
    occurred: date | None = None, precision: str = "unknown", prefix: str = "s",
) -> dict[str, Any]:  # fmt: skip
    return {
        "signal_id": f"{prefix}{n}",
        "event_time": at,
        "occurred_on": occurred,
        "occurred_precision": precision,
        "source_id": f"{prefix}r{n}",
        "org_id": org,
        "tlp": "GREEN",
        "typology": "forced_labour",
        "origin_country": route[0],
        "destination_country": route[1],
        "location_country": None,
    }


def _history(
    days: range, route: tuple[str, str] = ("PH", "AE"), *, seed: int = 1, prefix: str = "h"
) -> list[dict[str, Any]]:
    """One organisation's records of the ``days`` before T0 (0-2 a day, mean 1), all
    reported within the first minutes of T0, as an import sends them."""
    rng = random.Random(seed)
    out = []
    for back in days:
        for _ in range(rng.choice([0, 1, 1, 2])):
            n = len(out)
            on = (T0 - timedelta(days=back)).date()
            out.append(_signal(n, T0 + timedelta(seconds=n % 600), route=route, occurred=on,
                               precision="day", prefix=prefix))  # fmt: skip
    return out


def _spike(size: int, start: datetime, route: tuple[str, str] = ("PH", "AE")) -> list[Any]:
    """Reports now about now, from three organisations."""
    name = "x" + "".join(route)
    return [
        _signal(i, start + timedelta(minutes=5 * i), route=route, org=f"org-{i % 3}", prefix=name)
        for i in range(size)
    ]


TWO_YEARS = _history(range(730, 31, -1))


def _replay(signals: list[dict[str, Any]], batch: int = 50) -> list[dict[str, Any]]:
    run = replay.Offline(CONF.sets, CONF.configs)
    ordered = sorted(signals, key=lambda s: (s["event_time"], s["signal_id"]))
    return list(replay.replay(run, ordered, batch=batch))


def _opened_at(found: list[dict[str, Any]], key: str, day: datetime) -> list[dict[str, Any]]:
    start = day.replace(hour=0)
    return [
        d for d in found
        if f"{d['dimension_set']}|{d['dimension_key']}" == key and d["window_start"] == start
    ]  # fmt: skip


def test_imported_history_is_history_and_placed_by_day() -> None:
    assert len(TWO_YEARS) > 600
    assert all(is_history(s) for s in TWO_YEARS)
    bodies = history_by_key(TWO_YEARS, CONF)
    body = bodies[NAME]
    assert len(body["r"]) == len(TWO_YEARS)
    assert all(u - a == 86_400 for a, u in zip(body["a"], body["u"], strict=True))
    assert entries_by_key(TWO_YEARS, CONF) == {}  # never news


def test_a_spike_in_the_first_window_after_start_is_judged_with_imported_history() -> None:
    spike = _spike(12, T0 + timedelta(hours=2))
    warm = _opened_at(_replay(TWO_YEARS + spike), f"typology_route|{KEY}", T0)
    assert warm, "the first window is judged against the imported history"
    first = warm[0]
    assert first["state"] == "opened"
    assert first["method"] in {"poisson", "negbin"}
    # the baseline is the history's daily rate (0-2 a day, mean 1), not an empty start
    assert 0.6 <= first["expected"] <= 1.4
    assert _opened_at(_replay(spike), f"typology_route|{KEY}", T0) == [], "cold: no verdict"
    # an ordinary day is no spike against the same history
    usual = _spike(2, T0 + timedelta(hours=2))
    assert _replay(TWO_YEARS + usual) == []


def test_novelty_means_new_to_the_history() -> None:
    """A route the history never names is new at once; one it names 40 days before is
    not; one last named 200 days before has been dormant (90 windows) and is new again."""
    old = _history(range(210, 199, -1), ("NP", "MY"), seed=3, prefix="o")
    recent = _history(range(45, 39, -1), ("VN", "GB"), seed=4, prefix="r")
    history = TWO_YEARS + old + recent
    live = [*_spike(4, T0 + timedelta(hours=1), ("NG", "IT")),
            *_spike(4, T0 + timedelta(hours=1), ("NP", "MY")),
            *_spike(4, T0 + timedelta(hours=1), ("VN", "GB"))]  # fmt: skip
    found = _replay(history + live)

    def method(route: str) -> str | None:
        got = _opened_at(found, f"typology_route|forced_labour|{route}", T0)
        return got[0]["method"] if got else None

    assert method("NG>IT") == "novelty"  # never in the history
    assert method("NP>MY") == "novelty"  # dormant since 200 days
    assert method("VN>GB") not in {None, "novelty"}  # seen 40 days ago: a spike, not new
    # without the history, no key is judged in the first window, new or not
    assert _replay(live) == []


def test_history_known_only_to_the_month_or_year_marks_a_key_seen_and_warms_nothing() -> None:
    months = [
        _signal(i, T0, occurred=date(2024 + i // 12, 1 + i % 12, 1), precision="month")
        for i in range(24)
    ]
    years = [_signal(100, T0, occurred=date(2023, 1, 1), precision="year")]
    engine = replay.Offline(CONF.sets, CONF.configs)
    for sig in months + years:
        engine.add(sig)
    state = engine.keys[("typology_route", KEY, "GREEN")]
    assert state.hist == {}
    assert state.hist_from is None
    assert state.seen == (int(datetime(2026, 1, 1, tzinfo=UTC).timestamp()) - 1) // 86_400
    spike = _spike(12, T0 + timedelta(hours=2))
    assert _replay(months + years + spike) == []  # cold: nothing to judge against


def test_history_alone_opens_nothing_and_a_repeat_of_it_changes_nothing() -> None:
    heavy = [
        _signal(i, T0 + timedelta(days=d), occurred=(T0 - timedelta(days=60 - d)).date(),
                precision="day", org=f"org-{i % 3}", prefix=f"d{d}-")
        for d in range(10) for i in range(40 if d == 5 else 1)
    ]  # fmt: skip
    assert all(is_history(s) for s in heavy)
    assert _replay(TWO_YEARS + heavy) == []  # 40 old reports at once are no spike now
    spike = _spike(12, T0 + timedelta(hours=2))
    once = _replay(TWO_YEARS + spike)
    twice = _replay(TWO_YEARS + TWO_YEARS + spike)  # replayed: same source ids
    again = [{**s, "signal_id": s["signal_id"] + "-again"} for s in TWO_YEARS]
    assert replay.comparable(once) == replay.comparable(twice)
    assert replay.comparable(once) == replay.comparable(_replay(TWO_YEARS + again + spike))


def test_the_engine_keeps_only_the_history_a_baseline_may_borrow() -> None:
    engine = replay.Offline(CONF.sets, CONF.configs)
    for sig in TWO_YEARS:
        engine.add(sig)
    state = engine.keys[("typology_route", KEY, "GREEN")]
    cfg = CONF.configs["typology_route"]
    end = engine.engine.history_end(state, cfg)
    assert end == (int(T0.timestamp()) - 30 * 86_400) // 86_400 - 1
    assert state.hist
    assert max(state.hist) <= end
    assert len(state.hist) <= cfg.baseline + cfg.guard
    # once live windows fill the baseline, history is forgotten
    late = T0 + timedelta(days=cfg.baseline + cfg.guard + 2)
    engine.add(_signal(1, late, org="org-1", prefix="late"))
    engine.advance()
    assert state.hist == {}


def test_the_state_codec_keeps_history_and_reads_bases_without_it() -> None:
    engine = replay.Offline(CONF.sets, CONF.configs)
    for sig in TWO_YEARS:
        engine.add(sig)
    state = engine.keys[("typology_route", KEY, "GREEN")]
    assert state.hist
    back = state_codec.loads(state_codec.dumps_base(state))
    assert (back.hist_from, back.seen) == (state.hist_from, state.seen)
    assert back.hist == {}  # the reports travel in their own entry
    assert state_codec.history_of(state_codec.dumps_history(state.hist)) == state.hist
    assert state_codec.loads(state_codec.dumps(state)).hist == state.hist  # a whole state
    plain = Engine(CONF.sets, CONF.configs).new_state("typology_route", KEY, {}, 5)
    raw = state_codec.dumps_base(plain)
    assert b'"hf"' not in raw  # a key without history writes none
    old = raw.replace(b'"v":4', b'"v":3')  # format 3, before history
    assert state_codec.loads(old).hist == {}
    assert state_codec.loads(old).hist_from is None


def test_history_messages_round_trip_and_bad_ones_are_refused() -> None:
    bodies = history_by_key(TWO_YEARS[:50], CONF)
    messages = keys_topic.pack_history(bodies, limit=2_000)
    assert len(messages) > 1
    got: dict[str, Any] = {}
    for m in messages:
        decoded = keys_topic.decode(m)
        assert isinstance(decoded, keys_topic.Entries)
        assert decoded.keys == {}
        got.update(decoded.history)
    assert {k: v.sources for k, v in got.items()} == {k: b["r"] for k, b in bodies.items()}
    bad = (
        b'{"v":3,"keys":{},"hist":{"x":{"s":"a","k":"b","d":{},"t":[1],"a":[9],"u":[5],"r":["r"]}}}'
    )
    with pytest.raises(keys_topic.KeysContractError, match="ends before it starts"):
        keys_topic.decode(bad)


# --- the count stage, on the in-memory log ---


def _log(signals: list[dict[str, Any]], batch: int = 25) -> list[list[bytes]]:
    """The keys log as the repartition stage writes it: per batch, history, then news,
    then a mark; a last mark moves time past every window."""
    log: list[list[bytes]] = [[] for _ in range(PARTS)]
    newest = 0
    for i in range(0, len(signals), batch):
        chunk = signals[i : i + batch]
        back: list[Any] = []
        news = entries_by_key(chunk, CONF, back)
        for pack, bodies in ((keys_topic.pack_history, history_by_key(back, CONF)),
                             (keys_topic.pack, news)):  # fmt: skip
            per: dict[int, dict[str, Any]] = {}
            for full, body in bodies.items():
                per.setdefault(partition_of(full.encode()), {})[full] = body
            for part, items in per.items():
                log[part].extend(pack(items, limit=2_000))
        newest = max(newest, int(chunk[-1]["event_time"].timestamp()))
        for part in range(PARTS):
            log[part].append(keys_topic.mark({0: (newest, False)}, float(i)))
    far = Engine(CONF.sets, CONF.configs).end_of_input(newest)
    for part in range(PARTS):
        log[part].append(keys_topic.mark({0: (far, False)}, float(len(signals))))
    return log


def _scenario() -> list[dict[str, Any]]:
    """The import at start-up, then three weeks of live reports on the imported route and
    a new one, with spikes on the first day and later; and more history meanwhile."""
    rng = random.Random(9)
    live = _spike(12, T0 + timedelta(hours=2))
    for day in range(1, 21):
        for route in (("PH", "AE"), ("NG", "IT")):
            for i in range(rng.choice([0, 1, 1, 2])):
                at = T0 + timedelta(days=day, hours=rng.randrange(24))
                live.append(_signal(day * 10 + i, at, route=route, org=f"org-{i}",
                                    prefix="l" + route[0]))  # fmt: skip
    live += _spike(15, T0 + timedelta(days=12, hours=3), ("NG", "IT"))
    live += _spike(4, T0 + timedelta(days=3, hours=5), ("BD", "IN"))  # new to the history
    later = [{**s, "event_time": s["event_time"] + timedelta(days=6)}
             for s in _history(range(300, 250, -1), ("NG", "IT"), seed=7, prefix="g")]  # fmt: skip
    out = TWO_YEARS + TWO_YEARS[:100] + live + later
    return sorted(out, key=lambda s: (s["event_time"], s["signal_id"]))


SCENARIO = _scenario()
LOG = _log(SCENARIO)
EXPECTED = _summary(_replay(SCENARIO, batch=25))
TOTAL = sum(len(p) for p in LOG)


def test_the_scenario_judges_the_first_window() -> None:
    found = _replay(SCENARIO, batch=25)
    assert _opened_at(found, f"typology_route|{KEY}", T0)
    new = _opened_at(found, "typology_route|forced_labour|BD>IN", T0 + timedelta(days=3))
    assert new
    assert new[0]["method"] == "novelty"
    assert len(EXPECTED) >= 3


def test_one_host_takes_history_as_the_replay_does() -> None:
    cluster = Cluster(LOG)
    host = Host(cluster)
    host.assign(set(range(PARTS)))
    _drain([host], random.Random(2))
    assert _summary(cluster.sent) == EXPECTED


@pytest.mark.parametrize("kill_after", range(2, TOTAL, max(1, TOTAL // 8)))
def test_a_kill_and_a_restart_keep_the_history(kill_after: int) -> None:
    cluster = Cluster(LOG)
    rng = random.Random(kill_after)
    first = Host(cluster)
    first.assign(set(range(PARTS)))
    run_until(first, rng, kill_after, most=4, checkpoint=0.4)
    second = Host(cluster)  # kill -9: what was not checkpointed is read again
    second.assign(set(range(PARTS)))
    _drain([second], rng)
    assert _summary(cluster.sent) == EXPECTED


def test_history_read_twice_around_a_hand_over_changes_nothing() -> None:
    cluster = Cluster(LOG)
    rng = random.Random(5)
    host = Host(cluster)
    host.assign(set(range(PARTS)))
    while any(host.position[p] < len(LOG[p]) for p in range(PARTS)):
        p = rng.randrange(PARTS)
        pos = host.position[p]
        if pos >= len(LOG[p]):
            continue
        host.deliver(p, pos + 3, duplicate_from=max(0, pos - 3) if pos else None)
        host.tick()
    _drain([host], rng)
    assert _summary(cluster.sent) == EXPECTED


def _through_day_one(cluster: Cluster) -> Host:
    """A host that has read the import and the first day (nothing checkpointed)."""
    first = Host(cluster)
    first.assign(set(range(PARTS)))
    day_one = int((T0 + timedelta(days=1)).timestamp())
    for p in range(PARTS):
        marks = [
            i
            for i, m in enumerate(LOG[p])
            if isinstance(mark := keys_topic.decode(m), keys_topic.Mark)
            and mark.report[0][0] < day_one
        ]
        first.deliver(p, marks[-1] + 1)
    first.tick()
    return first


@pytest.mark.parametrize("keep", range(7))  # the checkpoint makes 6 writes
def test_a_kill_in_the_middle_of_the_checkpoint_after_the_import_changes_nothing(
    keep: int,
) -> None:
    """History entries, bases and chunks are separate writes: any prefix of them recovers
    to the replay's detections."""
    cluster = Cluster(LOG)
    _cut_checkpoint(_through_day_one(cluster), keep)
    second = Host(cluster)
    second.assign(set(range(PARTS)))
    _drain([second], random.Random(keep))
    assert _summary(cluster.sent) == EXPECTED


def test_a_restart_after_the_import_still_judges_new_keys_by_the_history() -> None:
    """Checkpointed after the import's day, then restarted: a key first seen after the
    restart knows where history starts from the stored states (novelty on day 3)."""
    cluster = Cluster(LOG)
    _through_day_one(cluster).checkpoint()
    second = Host(cluster)
    second.assign(set(range(PARTS)))
    _drain([second], random.Random(4))
    assert _summary(cluster.sent) == EXPECTED


def test_history_is_written_once_not_with_every_base_of_a_busy_key() -> None:
    """The history entry goes out when history changes; later checkpoints of the same key,
    busy with news, write its chunks and (when it changed) its base only."""
    stage = CountStage(Engine(CONF.sets, CONF.configs), 1, {}, partition_of)
    full = NAME.encode()
    part = partition_of(full)
    mine = set(range(PARTS))
    bodies = history_by_key(TWO_YEARS, CONF)
    stage.count([(partition_of(k.encode()), m) for k, b in bodies.items()
                 for m in keys_topic.pack_history({k: b})], mine)  # fmt: skip
    first = {w.key: w.value for w in stage.checkpoint(mine)}
    assert first[count_stage.history_key(full)]
    ids = {r for reports in stage.cache[full][1].hist.values() for r in reports}
    assert ids
    for i in range(3):
        news = entries_by_key(_spike(4, T0 + timedelta(hours=i + 1)), CONF)
        stage.count([(part, m) for m in keys_topic.pack({NAME: news[NAME]})], mine)  # fmt: skip
        later = {w.key: w.value for w in stage.checkpoint(mine)}
        assert count_stage.history_key(full) not in later
        assert not any(r.encode() in (later.get(full) or b"") for r in ids)  # the base: none
    again = CountStage(Engine(CONF.sets, CONF.configs), 1, dict(stage.stored), partition_of)
    again.assign(mine)
    assert again.cache[full][1].hist == stage.cache[full][1].hist  # recovered whole


def test_a_history_entry_left_without_its_base_is_deleted_not_borrowed() -> None:
    """A forgotten key's base is deleted before its history entry; a crash between leaves
    the entry alone. The restarted stage deletes it; the key, seen again, starts new."""
    full = NAME.encode()
    orphan = {count_stage.history_key(full): state_codec.dumps_history({20_000: {"old"}})}
    stage = CountStage(Engine(CONF.sets, CONF.configs), 1, dict(orphan), partition_of)
    mine = set(range(PARTS))
    stage.assign(mine)
    news = entries_by_key(_spike(1, T0), CONF)[NAME]
    part = partition_of(full)
    stage.count([(part, m) for m in keys_topic.pack({NAME: news})], mine)
    assert stage.cache[full][1].hist == {}
    writes = {w.key: w.value for w in stage.checkpoint(mine)}
    assert writes[count_stage.history_key(full)] is None
    assert count_stage.history_key(full) not in stage.stored
