"""Normalise a matched time expression to a TIMEX3 (type, value) against the article's date.

Relative expressions get the value None when there is no article date: we never guess one.
Tense ("past", "future" or None) decides the direction of a bare weekday or month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .timex_calendar import (
    duration,
    first_day,
    holiday_in,
    last_quarter,
    month_year,
    number,
    quarter_of,
    shift,
    unit_of,
    weekday_date,
    year_before,
    year_of,
    ymd,
)
from .timex_rules import Candidate, lexicon

__all__ = ["Context", "Result", "duration", "month_year", "normalise", "shift", "weekday_date"]

Result = tuple[str, str | None]  # (TIMEX3 type, value or None)
ENDED = re.compile(r"\s+end(?:ed|ing)\b", re.IGNORECASE)
RANGE_END_YEAR = re.compile(r"\s*(?:-|–|to|and|through|until|till)\s+[A-Z][a-z]+\.?\s+(\d{4})\b")


@dataclass(frozen=True)
class Context:
    anchor: date | None
    tense: str | None = None
    sentence: str = ""
    quarter: str | None = None  # the quarter the text last named ("1989-Q4"): what "the quarter" then means
    named: str | None = None  # the last date the text named ("1995-03"): what "the following year" counts from


def _explicit_date(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    month = int(g["m"]) if g.get("m") else int(lexicon().get("month", g["month"]) or 0)
    day = int(re.sub(r"\D", "", g["d"]))
    year = year_of(g.get("y"), ctx.anchor)
    if year is None and ctx.anchor is not None:
        year = month_year(ctx.anchor, month, ctx.tense, None)
    value = ymd(year, month, day) if year else None
    if year is None and 1 <= month <= 12 and 1 <= day <= 31:
        return "DATE", None
    if value is None:
        return None
    if g.get("hh"):
        return "TIME", f"{value}T{g['hh']}:{g['mm']}"
    return "DATE", value


def _month(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    month = int(lexicon().get("month", g["month"]) or 0)
    year = year_of(g.get("y"), ctx.anchor)
    if year is None and (later := RANGE_END_YEAR.match(c.match.string, c.end)):
        year = int(later.group(1))  # "between March and May 2022": the year of the range's end
    if year is None and g.get("yrel") and ctx.anchor is not None:
        year = ctx.anchor.year + _REL_OFFSET.get(g["yrel"].lower(), 0)
    if year is None:
        if ctx.anchor is None:
            return "DATE", None
        year = month_year(ctx.anchor, month, ctx.tense, g.get("rel"))
    return "DATE", f"{year}-{month:02d}"


def _weekday(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.anchor is None:
        return "DATE", None
    wd = int(lexicon().get("weekday", g["wd"]) or 1)
    # "Friday night": TimeBank mostly gives the day alone
    return "DATE", weekday_date(ctx.anchor, wd, ctx.tense, g.get("rel")).isoformat()


def _deictic(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    word = g["dx"].lower()
    if ctx.anchor is None:
        return ("TIME" if word == "tonight" or g.get("part") else "DATE"), None
    day = (ctx.anchor + timedelta(days=int(lexicon().get("deictic", word) or 0))).isoformat()
    if word == "tonight":
        return "TIME", day + "TNI"
    if g.get("part"):
        return "TIME", day + "T" + (lexicon().get("partofday", g["part"]) or "")
    return "DATE", day


def _partday(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.anchor is None:
        return "TIME", None
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get((g.get("rel") or "").lower(), 0)
    part = lexicon().get("partofday", g["part"]) or ""
    return "TIME", (ctx.anchor + timedelta(days=offset)).isoformat() + "T" + part


def _ago(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    n, unit = number(g["n"]), unit_of(g["u"])
    if n is None or unit is None:
        return None
    if n == "X":
        return "DATE", "PAST_REF" if g["dir"].lower() in {"ago", "earlier", "before"} else "FUTURE_REF"
    if ctx.anchor is None:
        return "DATE", None
    sign = 1 if g["dir"].lower() in {"later", "after", "from now", "hence"} else -1
    if unit[1]:
        return "TIME", None
    if unit[0] == "Y" and n == "1" and "quarter" in ctx.sentence.lower():
        return "DATE", year_before(_latest_quarter(ctx, ctx.anchor))
    return "DATE", shift(ctx.anchor, sign * int(float(n)), unit[0])


_REL_OFFSET = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
}


def _rel_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    rel = g["rel"].lower().replace("the", "").strip()
    unit = unit_of(g["u"])
    if unit is None:
        return None
    if ctx.anchor is None:
        return "DATE", None
    if g["rel"].lower().startswith("the"):
        return "DATE", _the_rel(rel, unit[0], ctx)
    return "DATE", shift(ctx.anchor, _REL_OFFSET.get(rel, 0), unit[0])


def _the_rel(rel: str, unit: str, ctx: Context) -> str:
    """'the past year' (the year before the article's), 'the next month', and 'the following year' or 'the
    previous month', counted from the last date the text named (else from the article date)."""
    anchor = ctx.anchor or date.today()
    if rel in {"following", "previous"} and ctx.named:
        anchor = first_day(ctx.named) or anchor
    if unit in {"W", "2W"} and rel in {"past", "last"}:
        # the seven days up to the article date: mostly this week from Thursday on
        return shift(anchor, 0 if anchor.isoweekday() >= 4 else -1, unit)
    return shift(anchor, _REL_OFFSET.get(rel, 0), unit)


def _rel_ref(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    unit = unit_of(g["u"])
    if unit is None or ctx.anchor is None:
        return "DATE", None
    return "DATE", shift(ctx.anchor, _REL_OFFSET.get(g["rel"].lower(), 0), unit[0])


def _duration(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    n = number(g["n"])
    if n is None or (n == "1" and g["n"].lower() in {"a", "an"} and g["u"].lower() in {"second"}):
        return None
    value = duration(n, g["u"])
    before = c.match.string[max(0, c.start - 25) : c.start]
    if value and g["n"].lower() in {"a", "an"} and re.search(r"\d\S*\s+(?:\w+\s+)?$", before):
        return "SET", value  # "$5 billion a year": a rate
    return ("DURATION", value) if value else None


def _the_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    unit = unit_of(g["u"])
    if g.get("rel") and unit is not None:
        return "DATE", (_the_rel(g["rel"].lower(), unit[0], ctx) if ctx.anchor else None)
    if unit is not None and unit[0] == "Y" and ENDED.match(c.match.string, c.end):
        return "DURATION", "P1Y"  # "for the year ended June 30": a fiscal year's length, not this year
    if unit is None or ctx.anchor is None:
        return "DATE", None
    return "DATE", shift(ctx.anchor, 0, unit[0])


def _quarter_rule(c: Candidate, ctx: Context) -> Result | None:
    """'the third quarter', 'the year-ago quarter', 'the 1988 period', 'fourth-quarter': a quarter of a year."""
    g = c.match.groupdict()
    named = bool(g.get("q") or g.get("qrel") or g.get("ya") or g.get("yn") or g.get("py"))
    if g.get("period") and not named:
        return None
    if ctx.anchor is None and not (g.get("y") or g.get("yn")):
        return "DATE", None
    year = year_of(g.get("y") or g.get("yn"), ctx.anchor)
    yrel = g.get("yrel") or g.get("py")
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year + _REL_OFFSET.get((yrel or "this").lower(), 0) - (1 if g.get("ya") else 0)
    q = lexicon().get("ordinal", g["q"]) if g.get("q") else None
    if q is None:
        if ctx.anchor is None:
            return "DATE", f"{year}" if year else None
        current = (g.get("qrel") or "").lower() == "current"
        latest = quarter_of(ctx.anchor) if current else _latest_quarter(ctx, ctx.anchor)
        if g.get("ya") or g.get("yn") or yrel:
            return "DATE", f"{year}-{latest.split('-')[1]}"
        return "DATE", latest
    explicit = g.get("y") or g.get("yn") or yrel or g.get("ya")
    if ctx.anchor is not None and not explicit and int(q) > (ctx.anchor.month - 1) // 3 + 1:
        year = ctx.anchor.year - (0 if ctx.tense == "future" else 1)
    return "DATE", f"{year}-Q{q}" if year else None


def _year_ago(c: Candidate, ctx: Context) -> Result | None:
    """'year-earlier' as a modifier: last year's matching quarter in a quarterly report, else last year."""
    if ctx.anchor is None:
        return "DATE", None
    if "quarter" in ctx.sentence.lower():
        return "DATE", year_before(_latest_quarter(ctx, ctx.anchor))
    return "DATE", str(ctx.anchor.year - 1)


def _the_quarter(c: Candidate, ctx: Context) -> Result | None:
    return ("DATE", _latest_quarter(ctx, ctx.anchor)) if ctx.anchor else ("DATE", None)


def _latest_quarter(ctx: Context, anchor: date) -> str:
    """The quarter the text last named, else the last full quarter before the article date."""
    return ctx.quarter or last_quarter(anchor)


def _season(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    code = lexicon().get("season", g["s"]) or "SU"
    rel = (g.get("rel") or "").lower()
    if not (g.get("y") or rel or g.get("mod")):
        return None
    year = year_of(g.get("y"), ctx.anchor)
    if year is None:
        if ctx.anchor is None:
            return "DATE", None
        year = ctx.anchor.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    return "DATE", f"{year}-{code}"


def _decade(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("c"):
        return "DATE", g["c"] + g["dec"]
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", "19" + g["sdec"]


def _century(c: Candidate, ctx: Context) -> Result | None:
    n = int(c.match.group("ord"))
    return "DATE", f"{n - 1:02d}"


def _year_rule(c: Candidate, ctx: Context) -> Result | None:
    year = year_of(c.match.group("y"), None)
    return ("DATE", str(year)) if year else None


def _time(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    hour = int(g["hh"])
    ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{g.get('mm') or '00'}"
    day = _day_of(g, ctx)
    return "TIME", (day + clock) if day else None


def _day_of(g: dict[str, str | None], ctx: Context) -> str | None:
    """The date a clock time is on: its weekday or 'today'/'yesterday' when given, else the article's date."""
    if ctx.anchor is None:
        return None
    if g.get("wd"):
        wd = int(lexicon().get("weekday", g["wd"] or "") or 1)
        return weekday_date(ctx.anchor, wd, ctx.tense, None).isoformat()
    if g.get("dx"):
        return (ctx.anchor + timedelta(days=int(lexicon().get("deictic", g["dx"] or "") or 0))).isoformat()
    if g.get("month") and g.get("d"):
        month = int(lexicon().get("month", g["month"] or "") or 1)
        day = int(re.sub(r"\D", "", g["d"] or "1"))
        return ymd(month_year(ctx.anchor, month, ctx.tense, None), month, day)
    return ctx.anchor.isoformat()


def _noon(c: Candidate, ctx: Context) -> Result | None:
    clock = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[c.match.group("w").lower()]
    day = _day_of(c.match.groupdict(), ctx)
    return "TIME", (day + clock) if day else None


def _set_every(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("wd"):
        return "SET", f"XXXX-WXX-{lexicon().get('weekday', g['wd'])}"
    if g.get("month"):
        return "SET", f"XXXX-{int(lexicon().get('month', g['month']) or 1):02d}"
    n = number(g["n"]) if g.get("n") else ("2" if "other" in c.match.group(0).lower() else "1")
    return "SET", duration(n or "1", g["u"])


def _weekday_set(c: Candidate, ctx: Context) -> Result | None:
    """'Mondays', 'Tuesday nights': every such day (or part of it)."""
    g = c.match.groupdict()
    word = g.get("part") or g.get("part2")
    part = lexicon().get("partofday", word) if word else ""
    return "SET", f"XXXX-WXX-{lexicon().get('weekday', g['wd'])}" + (f"T{part}" if part else "")


def _set_per(c: Candidate, ctx: Context) -> Result | None:
    return "SET", duration("1", c.match.group("u"))


def _set_word(c: Candidate, ctx: Context) -> Result | None:
    return "SET", lexicon().get("set", c.match.group("w"))


def _bare_plural(c: Candidate, ctx: Context) -> Result | None:
    """'for years', 'recent months' (TimeBank reads both as a vague duration), 'the coming weeks'."""
    g = c.match.groupdict()
    return "DURATION", duration("X", g["u"])


def _holiday(c: Candidate, ctx: Context) -> Result | None:
    """A fixed day ('12-25') or the nth weekday of a month ('11-4-4': the fourth Thursday of November)."""
    parts = [int(p) for p in (lexicon().get("holiday", c.match.group("h")) or "").split("-")]
    if ctx.anchor is None or not parts:
        return "DATE", None
    day = holiday_in(ctx.anchor.year, parts)
    if day > ctx.anchor and ctx.tense != "future":
        day = holiday_in(ctx.anchor.year - 1, parts)
    return "DATE", day.isoformat()


def _weekend(c: Candidate, ctx: Context) -> Result | None:
    """'the weekend': the one just past from Monday to Thursday, else the coming one."""
    if ctx.anchor is None:
        return "DATE", None
    back = ctx.anchor.isoweekday() <= 4 and ctx.tense != "future"
    return "DATE", shift(ctx.anchor, -1 if back else 0, "WE")


def _reference(c: Candidate, ctx: Context) -> Result | None:
    return "DATE", lexicon().get("reference", c.match.group("w"))


def _that_unit(c: Candidate, ctx: Context) -> Result | None:
    """'that year', 'later that day', 'the same week': the unit of the last date the text named; without one
    (or with one coarser than the unit) the phrase is not taken as a time expression."""
    unit = unit_of(c.match.group("u"))
    day = first_day(ctx.named) if ctx.named else None
    width = {"Y": 4, "M": 7, "W": 10, "D": 10}.get(unit[0]) if unit else None
    if unit is None or day is None or ctx.named is None or width is None or len(ctx.named) < width:
        return None
    return "DATE", shift(day, 0, "W") if unit[0] == "W" else ctx.named[:width]


def _year_end(c: Candidate, ctx: Context) -> Result | None:
    """'by year-end': the end of the article's year, at the granularity of the year."""
    return "DATE", (str(ctx.anchor.year) if ctx.anchor else None)


def _fiscal_rel(c: Candidate, ctx: Context) -> Result | None:
    """'the current fiscal year', 'the latest fiscal year' (the last one closed): a year."""
    if ctx.anchor is None:
        return "DATE", None
    rel = c.match.group("rel").lower()
    return "DATE", str(ctx.anchor.year + (-1 if rel == "latest" else _REL_OFFSET.get(rel, 0)))


def _fiscal(c: Candidate, ctx: Context) -> Result | None:
    year = year_of(c.match.group("y"), None)
    return ("DATE", str(year)) if year else None


NORMALISERS: dict[str, Callable[[Candidate, Context], Result | None]] = {
    "iso": _explicit_date,
    "slash": _explicit_date,
    "mdy": _explicit_date,
    "dmy": _explicit_date,
    "month_rel": _month,
    "month": _month,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter_rule,
    "the_quarter": _the_quarter,
    "year_ago": _year_ago,
    "season": _season,
    "weekday": _weekday,
    "deictic": _deictic,
    "partday": _partday,
    "midpart": _partday,
    "ago": _ago,
    "rel_unit": _rel_unit,
    "rel_ref": _rel_ref,
    "fiscal": _fiscal,
    "fiscal_rel": _fiscal_rel,
    "year_end": _year_end,
    "that_unit": _that_unit,
    "duration": _duration,
    "the_unit": _the_unit,
    "year": _year_rule,
    "year_2000": _year_rule,
    "year_mod": _year_rule,
    "time": _time,
    "clock": _time,
    "noon": _noon,
    "set_every": _set_every,
    "set_per": _set_per,
    "weekday_set": _weekday_set,
    "set_word": _set_word,
    "bare_plural": _bare_plural,
    "recent_plural": _bare_plural,
    "holiday": _holiday,
    "weekend": _weekend,
    "reference": _reference,
}


def normalise(candidate: Candidate, ctx: Context) -> Result | None:
    """(TIMEX3 type, value) of a candidate, or None when it is not a time expression after all."""
    func = NORMALISERS.get(candidate.rule)
    if func is None:
        return None
    try:
        return func(candidate, ctx)
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
