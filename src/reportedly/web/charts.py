"""Layouts of the server-drawn SVG charts: the event timeline and the source graph. Numbers only, no markup."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

TIMELINE_WIDTH = 1100
LANE = 30
MARGIN_LEFT = 40
MARGIN_RIGHT = 40


def _day(value: str) -> date:
    return date.fromisoformat(value)


def ticks(first: date, last: date, count: int = 8) -> list[date]:
    """About `count` round dates between first and last: days, weeks, months or years as the range asks."""
    span = max(1, (last - first).days)
    if span <= 14:
        step = 1
    elif span <= 90:
        step = 7
    else:
        step = 0
    if step:
        days = [first + timedelta(days=d) for d in range(0, span + 1, step)]
        return days[:: max(1, len(days) // count)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    every = max(1, math.ceil(months / count))
    found, year, month = [], first.year, first.month
    for number in range(months + 1):
        if number % every == 0:
            tick = date(year, month, 1)
            if first <= tick <= last:
                found.append(tick)
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return found or [first]


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def label_place(start: float, width: float, size: float) -> dict[str, Any]:
    """Where a bar's label goes: after the bar, else inside it when it fits, else before it."""
    if start + width + 6 + size <= TIMELINE_WIDTH - 4:
        return {"x": round(start + width + 6, 1), "anchor": "start", "inside": False}
    if width >= size + 12:
        return {"x": round(start + 6, 1), "anchor": "start", "inside": True}
    return {"x": round(start - 6, 1), "anchor": "end", "inside": False}


def timeline(events: list[dict[str, Any]]) -> dict[str, Any]:
    """x positions by event date and lanes so that labels on one lane do not overlap; undated events are left out."""
    dated = sorted((e for e in events if e.get("date_start")), key=lambda e: (e["date_start"], e["id"]))
    if not dated:
        return {"width": TIMELINE_WIDTH, "height": 0, "bars": [], "ticks": []}
    first = _day(dated[0]["date_start"]) - timedelta(days=1)
    last = max(_day(e["date_end"]) for e in dated) + timedelta(days=1)
    scale = (TIMELINE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / max(1, (last - first).days)

    def x(day: date) -> float:
        return round(MARGIN_LEFT + (day - first).days * scale, 1)

    lanes_end: list[float] = []
    items = []
    for event in dated:
        start, end = x(_day(event["date_start"])), x(_day(event["date_end"]) + timedelta(days=1))
        width = max(8.0, end - start)
        label = short(f"{event['type'].lower()}: {event['trigger']['text']}", 40)
        place = label_place(start, width, 7 * len(label))
        left = min(start, place["x"] - 7 * len(label)) if place["anchor"] == "end" else start
        right = max(start + width, place["x"] + 7 * len(label)) if place["anchor"] == "start" else start + width
        lane = next((i for i, taken in enumerate(lanes_end) if taken < left), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(right + 12)
        else:
            lanes_end[lane] = right + 12
        top = max(event["statuses"], key=event["statuses"].get) if event["statuses"] else "asserted"
        items.append(
            {
                "event": event,
                "x": start,
                "width": width,
                "y": 40 + lane * LANE,
                "label": label,
                "status": top,
                **{f"label_{k}": v for k, v in place.items()},
            }
        )
    axis = [{"x": x(t), "label": t.isoformat()} for t in ticks(first, last)]
    return {"width": TIMELINE_WIDTH, "height": 60 + len(lanes_end) * LANE, "bars": items, "ticks": axis}


def source_graph(graph: dict[str, Any], width: int = 1100) -> dict[str, Any]:
    """Outlets in a column on the left, sources on the right; circle areas and edge widths follow frame counts."""
    outlets, sources = graph["outlets"], graph["sources"]
    row = 28
    height = 40 + row * max(len(outlets), len(sources), 1)
    biggest = max([o["frames"] for o in outlets] + [s["frames"] for s in sources] + [1])
    heaviest = max([e["weight"] for e in graph["edges"]] + [1])

    def radius(frames: int) -> float:
        return round(3 + 10 * math.sqrt(frames / biggest), 1)

    def column(items: list[dict[str, Any]], x: int) -> list[dict[str, Any]]:
        gap = (height - 40) / max(len(items), 1)
        return [
            {**item, "x": x, "y": round(30 + gap * (i + 0.5), 1), "r": radius(item["frames"])}
            for i, item in enumerate(items)
        ]

    left, right = column(outlets, 230), column(sources, width - 470)
    for node in left + right:
        node["label"] = short(node["name"], 44)
    edges = [
        {
            "x1": left[e["outlet"]]["x"],
            "y1": left[e["outlet"]]["y"],
            "x2": right[e["source"]]["x"],
            "y2": right[e["source"]]["y"],
            "width": round(1 + 7 * e["weight"] / heaviest, 1),
            "weight": e["weight"],
            "outlet": outlets[e["outlet"]]["name"],
            "source": sources[e["source"]]["name"],
        }
        for e in graph["edges"]
    ]
    return {"width": width, "height": height, "outlets": left, "sources": right, "edges": edges}


def map_view(events: list[dict[str, Any]], world: bool = False) -> dict[str, float]:
    """The SVG viewBox (in the 1000×500 equirectangular frame) around the event places, with a 2:1 aspect."""
    if world or not events:
        return {"x": 0, "y": 0, "w": 1000, "h": 500, "r": 6}
    xs = [(e["place"]["lon"] + 180) / 360 * 1000 for e in events]
    ys = [(90 - e["place"]["lat"]) / 180 * 500 for e in events]
    w = max(max(xs) - min(xs) + 120, 170.0)
    h = max(max(ys) - min(ys) + 60, w / 2)
    w = max(w, 2 * h)
    x = min(max((max(xs) + min(xs)) / 2 - w / 2, 0), 1000 - w)
    y = min(max((max(ys) + min(ys)) / 2 - h / 2, 0), 500 - h)
    return {"x": round(x, 1), "y": round(y, 1), "w": round(w, 1), "h": round(h, 1), "r": round(w / 170, 2)}


def map_points(events: list[dict[str, Any]], view: dict[str, float]) -> list[dict[str, Any]]:
    """One point per place (events at the same coordinates share it), its area following the number of events."""
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for event in events:
        lat, lon = event["place"]["lat"], event["place"]["lon"]
        point = places.setdefault(
            (round(lat, 3), round(lon, 3)),
            {
                "name": event["place"]["name"],
                "x": round((lon + 180) / 360 * 1000, 2),
                "y": round((90 - lat) / 180 * 500, 2),
                "events": [],
            },
        )
        point["events"].append(event)
    for point in places.values():
        point["r"] = round(view["r"] * math.sqrt(len(point["events"])), 2)
        point["font"] = round(view["r"] * 1.9, 2)
        right_side = point["x"] > view["x"] + view["w"] * 0.7
        gap = point["r"] + view["r"] * 0.5
        point["label_x"] = round(point["x"] - gap if right_side else point["x"] + gap, 2)
        point["anchor"] = "end" if right_side else "start"
    return sorted(places.values(), key=lambda p: -len(p["events"]))


def focus(events: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The dates between which most dated events lie, when a few far ones stretch the timeline (else None)."""
    days = sorted(_day(e["date_start"]) for e in events if e.get("date_start"))
    if len(days) < 5:
        return None
    low, high = days[len(days) // 10], days[-1 - len(days) // 10]
    if (days[-1] - days[0]).days <= 4 * max(7, (high - low).days):
        return None
    return (low - timedelta(days=1)).isoformat(), (high + timedelta(days=1)).isoformat()
