"""The pure parts behind the pages: event time bounds, event ids, chart layouts."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from ledger_data import ledger

from reportedly import service
from reportedly.errors import NotFoundError
from reportedly.web import charts


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2024-11-20", date(2024, 11, 20), date(2024, 11, 20)),
        ("2024-11-20T14:30", date(2024, 11, 20), date(2024, 11, 20)),
        ("2024-11", date(2024, 11, 1), date(2024, 11, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-W47", date(2024, 11, 18), date(2024, 11, 24)),
        ("2025-SP", date(2025, 3, 1), date(2025, 5, 31)),
        ("2025-WI", date(2025, 12, 1), date(2026, 2, 28)),
        ("2025-Q2", date(2025, 4, 1), date(2025, 6, 30)),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31)),
    ],
)
def test_time_bounds(value: str, first: date, last: date) -> None:
    assert service.time_bounds(value) == (first, last)


@pytest.mark.parametrize("value", [None, "", "PT48H", "PRESENT_REF", "2024-13-01", "2024-W60", "last week"])
def test_vague_times_have_no_bounds(value: str | None) -> None:
    assert service.time_bounds(value) is None


@pytest.mark.parametrize("key", ["", "abc", "0123456789abcdef", "0123456789abcdef-e", "0123456789abcdef-ex", "../x-e1"])
def test_malformed_event_ids(key: str) -> None:
    with pytest.raises(NotFoundError, match="event ids look like"):
        service.parse_event_id(key)


def test_event_id_round_trip() -> None:
    assert service.parse_event_id(service.event_id("0123456789abcdef", 12)) == ("0123456789abcdef", 12)


def test_frames_fall_back_to_the_content_holding_the_trigger() -> None:
    art, analysis = ledger()[0]
    unlinked = analysis.events[0].__class__(trigger=analysis.events[0].trigger)
    bare = analysis.__class__(art.id, analysis.attributions, (unlinked,))
    frames = service.asserting_frames(bare, 0)
    assert frames and all(
        analysis.attributions[i].content.start <= unlinked.trigger.start < analysis.attributions[i].content.end
        for i in frames
    )


@pytest.mark.parametrize(
    "first, last, step_days",
    [(date(2025, 3, 1), date(2025, 3, 9), 1), (date(2025, 3, 1), date(2025, 4, 20), 7)],
)
def test_ticks_are_evenly_spaced(first: date, last: date, step_days: int) -> None:
    ticks = charts.ticks(first, last)
    gaps = {(b - a).days for a, b in pairwise(ticks)}
    assert len(gaps) == 1 and gaps.pop() % step_days == 0
    assert first <= ticks[0] and ticks[-1] <= last


def test_month_ticks_fall_on_first_days() -> None:
    ticks = charts.ticks(date(2024, 1, 15), date(2025, 6, 1))
    assert ticks and all(t.day == 1 for t in ticks) and len(ticks) <= 10


def test_timeline_lanes_do_not_overlap() -> None:
    rows = [
        {
            "id": f"x-e{i}",
            "type": "ATTACK",
            "trigger": {"text": "strike"},
            "statuses": {"reported": 1},
            "date_start": "2025-03-10",
            "date_end": "2025-03-10",
        }
        for i in range(4)
    ]
    layout = charts.timeline(rows)
    assert len({bar["y"] for bar in layout["bars"]}) == 4
    assert all(0 <= bar["x"] <= layout["width"] for bar in layout["bars"])


def test_map_view_frames_the_points() -> None:
    rows = [{"place": {"lat": 49.99, "lon": 36.23}}, {"place": {"lat": 46.64, "lon": 32.62}}]
    view = charts.map_view(rows)
    for row in rows:
        x = (row["place"]["lon"] + 180) / 360 * 1000
        y = (90 - row["place"]["lat"]) / 180 * 500
        assert view["x"] < x < view["x"] + view["w"] and view["y"] < y < view["y"] + view["h"]
    assert view["w"] == pytest.approx(2 * view["h"], rel=0.01)
    assert charts.map_view(rows, world=True)["w"] == 1000


@pytest.mark.parametrize(
    "snippet, parts",
    [
        ("the [convoy] was hit", [("the ", False), ("convoy", True), (" was hit", False)]),
        ("[a] and [b]", [("a", True), (" and ", False), ("b", True)]),
        ("no match", [("no match", False)]),
        ("", []),
    ],
)
def test_snippet_parts(snippet: str, parts: list[tuple[str, bool]]) -> None:
    from reportedly.web.pages import snippet_parts

    assert snippet_parts(snippet) == parts


def dated(*days: str) -> list[dict[str, str]]:
    return [{"date_start": d, "date_end": d} for d in days]


@pytest.mark.parametrize(
    "events, expected",
    [
        (dated("2021-06-01", *[f"2025-03-1{d}" for d in range(8)], "2025-03-20"), ("2025-03-09", "2025-03-18")),
        (dated(*[f"2025-03-1{d}" for d in range(8)]), None),
        (dated("2021-01-01", "2025-03-10"), None),
    ],
)
def test_timeline_focus(events: list[dict[str, str]], expected: tuple[str, str] | None) -> None:
    assert charts.focus(events) == expected
