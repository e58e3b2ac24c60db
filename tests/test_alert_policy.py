"""The notification policy and subscriber-local time (pure: no Kafka, no clock)."""

from __future__ import annotations

from datetime import UTC, datetime

from alerts import compose
from alerts.policy import Policy, PolicyConfig, SubState
from alerts.schedule import in_quiet_hours, next_digest
from schemas import lifecycle
from tests.alertkit import T0, detection, ended, subscription

NOW = T0.timestamp()
POLICY = Policy(PolicyConfig(group_wait=2.0, repeat_interval=3600.0))


def test_a_new_detection_waits_for_its_group_then_notifies_once() -> None:
    sub, state = subscription(), SubState()
    assert POLICY.offer(sub, state, detection(), NOW) == "queued"
    assert POLICY.release(sub, state, NOW + 1) is None  # still gathering
    n = POLICY.release(sub, state, NOW + 2)
    assert n is not None
    assert (n.kind, len(n.items)) == ("new", 1)
    assert POLICY.release(sub, state, NOW + 10) is None
    assert POLICY.offer(sub, state, detection(), NOW + 11) == "replayed"
    assert POLICY.offer(sub, state, detection(version=2), NOW + 12) == "already-notified"


def test_detections_arriving_within_the_wait_are_grouped() -> None:
    sub, state = subscription(), SubState()
    POLICY.offer(sub, state, detection(det_id="a"), NOW)
    POLICY.offer(sub, state, detection(det_id="b", severity="critical"), NOW + 1.5)
    n = POLICY.release(sub, state, NOW + 2)
    assert n is not None
    assert [i.detection["detection_id"] for i in n.items] == ["b", "a"]  # most severe first
    assert n.severity == "critical"


def test_a_rise_in_severity_escalates_and_says_from_what() -> None:
    sub, state = subscription(), SubState()
    POLICY.offer(sub, state, detection(severity="medium"), NOW)
    POLICY.release(sub, state, NOW + 2)
    assert POLICY.offer(sub, state, detection(version=2, severity="high"), NOW + 5) == "queued"
    n = POLICY.release(sub, state, NOW + 7)
    assert n is not None
    assert n.kind == "escalated"
    assert n.items[0].previous_severity == "medium"
    # back down and up to the same level again: already told
    POLICY.offer(sub, state, detection(version=3, severity="medium"), NOW + 8)
    assert POLICY.offer(sub, state, detection(version=4, severity="high"), NOW + 9) == (
        "already-notified"
    )


def test_a_spike_still_open_after_the_repeat_interval_is_repeated() -> None:
    sub, state = subscription(), SubState()
    POLICY.offer(sub, state, detection(), NOW)
    POLICY.release(sub, state, NOW + 2)
    assert POLICY.offer(sub, state, detection(version=2), NOW + 3000) == "already-notified"
    assert POLICY.offer(sub, state, detection(version=3), NOW + 3700) == "queued"
    n = POLICY.release(sub, state, NOW + 3702)
    assert n is not None
    assert n.kind == "repeat"


def test_resolved_notices_go_only_to_those_who_asked_and_were_told() -> None:
    wants, quiet = subscription(notify_resolved=True), subscription()
    for sub in (wants, quiet):
        state = SubState()
        POLICY.offer(sub, state, detection(), NOW)
        POLICY.release(sub, state, NOW + 2)
        POLICY.offer(sub, state, detection(version=2, state="resolved"), NOW + 10)
        n = POLICY.release(sub, state, NOW + 12)
        assert (n is not None and n.kind == "resolved") == (sub is wants)
    # never told of it: no resolved notice either
    state = SubState()
    POLICY.offer(wants, state, detection(severity="low"), NOW)
    POLICY.offer(wants, state, detection(version=2, state="resolved"), NOW + 1)
    assert POLICY.release(wants, state, NOW + 5) is None


def test_a_spike_that_held_and_ended_before_its_notice_is_still_told_once() -> None:
    # a catch-up after an outage reads the opening and the end in one batch; a digest or
    # quiet hours hold the notice for hours: the spike happened, the subscriber hears of it
    for spec in ({}, {"notify_resolved": True}):
        sub, state = subscription(**spec), SubState()
        assert POLICY.offer(sub, state, detection(), NOW) == "queued"
        assert POLICY.offer(sub, state, ended(), NOW + 0.1) == "resolved-waiting"
        n = POLICY.release(sub, state, NOW + 2)
        assert n is not None
        assert [(i.change, i.detection["state"], i.detection["version"]) for i in n.items] == [
            ("new", "resolved", 2)
        ]
        assert n.items[0].detection["window_start"] == detection()["window_start"]
        assert "ended before this notice" in compose.line(n.items[0])
        # told it ended: no "resolved" notice follows, and a replay changes nothing
        assert POLICY.release(sub, state, NOW + 30) is None
        assert POLICY.offer(sub, state, ended(), NOW + 31) == "replayed"
        assert POLICY.release(sub, state, NOW + 60) is None
    # a digest collected the spike, which ended hours before the digest went out
    sub = subscription(mode="digest_daily", digest_time="08:00", timezone="Europe/London")
    state = SubState()
    POLICY.offer(sub, state, detection(det_id="a"), NOW)
    POLICY.offer(sub, state, ended(det_id="a"), NOW + 3600)
    n = POLICY.release(sub, state, datetime(2026, 11, 3, 8, 0, tzinfo=UTC).timestamp())
    assert n is not None
    assert [(i.detection["detection_id"], i.detection["state"]) for i in n.items] == [
        ("a", "resolved")
    ]


def test_a_version_it_may_not_see_ends_a_waiting_spike_as_a_resolution_would() -> None:
    # v1 is the subscriber's to see; before its notice goes out, a version counting reports
    # it may not see comes, a window later: the spike held, so it is told, ended, with v1's
    # figures only and the end's version number the query API shows (``lifecycle.end_of``)
    sub, state = subscription(), SubState()
    hidden = ended(version=200_001, tlp="RED", observed=40.0, severity="critical")
    hidden["state"] = "updated"
    assert POLICY.offer(sub, state, detection(), NOW) == "queued"
    assert POLICY.offer(sub, state, hidden, NOW + 0.5, visible=False) == "resolved-waiting"
    n = POLICY.release(sub, state, NOW + 2)
    assert n is not None
    (item,) = n.items
    shown = {k: v for k, v in item.detection.items() if k not in {"state", "version"}}
    assert shown == {k: v for k, v in detection().items() if k not in {"state", "version"}}
    assert (item.change, item.detection["state"], item.detection["version"]) == (
        "new",
        "resolved",
        lifecycle.resolved_version(200_001),
    )
    # nothing of it follows, a version it may see again included
    assert POLICY.offer(sub, state, detection(version=300_000), NOW + 5) == "ended"
    assert POLICY.release(sub, state, NOW + 30) is None
    # in the window it opened in, the hidden version ends an early look: nothing is told
    sub, state = subscription(), SubState()
    POLICY.offer(sub, state, detection(), NOW)
    early = detection(version=2, state="updated", tlp="RED", observed=40.0)
    assert POLICY.offer(sub, state, early, NOW + 0.5, visible=False) == "resolved-unsent"
    assert POLICY.release(sub, state, NOW + 5) is None


def test_an_early_look_its_window_did_not_confirm_is_dropped_unsent() -> None:
    sub, state = subscription(notify_resolved=True), SubState()
    POLICY.offer(sub, state, detection(), NOW)
    # resolved in the window it opened in: the window's full count did not alarm
    assert POLICY.offer(sub, state, detection(version=2, state="resolved"), NOW + 1) == (
        "resolved-unsent"
    )
    assert POLICY.release(sub, state, NOW + 5) is None


def test_below_the_minimum_severity_nothing_is_sent_until_it_rises() -> None:
    sub, state = subscription(min_severity="high"), SubState()
    assert POLICY.offer(sub, state, detection(severity="medium"), NOW) == "below-threshold"
    assert POLICY.release(sub, state, NOW + 5) is None
    POLICY.offer(sub, state, detection(version=2, severity="high"), NOW + 6)
    n = POLICY.release(sub, state, NOW + 8)
    assert n is not None
    assert n.kind == "new"


def test_a_silenced_detection_is_not_logged_as_sent_so_it_notifies_after() -> None:
    sub, state = subscription(), SubState()
    assert POLICY.offer(sub, state, detection(), NOW, silenced=True) == "silenced"
    assert POLICY.release(sub, state, NOW + 5) is None
    assert POLICY.offer(sub, state, detection(version=2), NOW + 10) == "queued"


def test_quiet_hours_hold_all_but_critical_until_they_end() -> None:
    # 09:00 UTC is 16:00 in Bangkok; quiet 15:00-18:00 local ends at 11:00 UTC
    sub = subscription(timezone="Asia/Bangkok", quiet_hours={"start": "15:00", "end": "18:00"})
    state = SubState()
    POLICY.offer(sub, state, detection(det_id="a", severity="high"), NOW)
    POLICY.offer(sub, state, detection(det_id="b", severity="critical"), NOW)
    n = POLICY.release(sub, state, NOW + 2)
    assert n is not None
    assert [i.detection["detection_id"] for i in n.items] == ["b"]
    assert POLICY.release(sub, state, NOW + 3600) is None
    later = POLICY.release(sub, state, NOW + 2 * 3600)
    assert later is not None
    assert [i.detection["detection_id"] for i in later.items] == ["a"]


def test_a_daily_digest_collects_until_its_local_time() -> None:
    sub = subscription(mode="digest_daily", digest_time="08:00", timezone="Europe/London")
    state = SubState()
    POLICY.offer(sub, state, detection(det_id="a"), NOW)
    POLICY.offer(sub, state, detection(det_id="b", severity="critical"), NOW + 600)
    assert POLICY.release(sub, state, NOW + 3600) is None
    tomorrow_8 = datetime(2026, 11, 3, 8, 0, tzinfo=UTC).timestamp()  # GMT in November
    n = POLICY.release(sub, state, tomorrow_8)
    assert n is not None
    assert (n.kind, len(n.items)) == ("digest", 2)


def test_notification_ids_are_deterministic() -> None:
    ids, sub = [], subscription()
    for _ in range(2):
        state = SubState()
        POLICY.offer(sub, state, detection(), NOW)
        n = POLICY.release(sub, state, NOW + 2)
        assert n is not None
        ids.append(n.notification_id)
    assert ids[0] == ids[1]


def test_state_survives_a_json_round_trip() -> None:
    sub, state = subscription(), SubState()
    POLICY.offer(sub, state, detection(det_id="a"), NOW)
    POLICY.release(sub, state, NOW + 2)
    POLICY.offer(sub, state, detection(det_id="b"), NOW + 3)
    copy = SubState.from_json(state.to_json())
    assert copy == state
    assert POLICY.offer(sub, copy, detection(det_id="a"), NOW + 4) == "replayed"


def test_quiet_hours_across_midnight_and_dst() -> None:
    ends = in_quiet_hours(datetime(2026, 11, 2, 23, 30, tzinfo=UTC), "UTC", "22:00", "07:00")
    assert ends == datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    ends = in_quiet_hours(datetime(2026, 11, 3, 6, 0, tzinfo=UTC), "UTC", "22:00", "07:00")
    assert ends == datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    assert in_quiet_hours(datetime(2026, 11, 3, 12, 0, tzinfo=UTC), "UTC", "22:00", "07:00") is None
    # 08:00 in New York is 12:00 UTC in summer and 13:00 UTC in winter
    summer = next_digest(
        datetime(2026, 7, 1, 0, 0, tzinfo=UTC), "America/New_York", "08:00", weekly=False
    )
    winter = next_digest(
        datetime(2026, 12, 1, 0, 0, tzinfo=UTC), "America/New_York", "08:00", weekly=False
    )
    assert (summer.hour, winter.hour) == (12, 13)
    weekly = next_digest(datetime(2026, 11, 3, 0, 0, tzinfo=UTC), "UTC", "08:00", weekly=True)
    assert weekly == datetime(2026, 11, 9, 8, 0, tzinfo=UTC)  # the next Monday


def test_a_planned_silence_mutes_only_inside_its_time_range() -> None:
    from datetime import timedelta

    from alerts.silences import muted, new_silence

    start = T0 + timedelta(hours=1)
    s = new_silence(
        org_id="org-b", matchers={"location": "TH"}, starts_at=start,
        ends_at=start + timedelta(hours=2), author="ana", reason="planned raid", now=T0,
    )  # fmt: skip
    det = detection("location")
    assert muted([s], "sub-1", "org-b", det, T0) is None  # not yet
    assert muted([s], "sub-1", "org-b", det, start + timedelta(minutes=1)) is s
    assert muted([s], "sub-1", "org-c", det, start + timedelta(minutes=1)) is None  # not theirs
    assert muted([s], "sub-1", "org-b", det, start + timedelta(hours=3)) is None  # ended
