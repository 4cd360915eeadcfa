"""Calendar arithmetic for TIMEX3 values: numbers and units, ISO durations, shifting a date by units, the
weekday or month nearest an article date in the direction of the clause's tense, years written or spoken.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_rules import lexicon


def number(word: str) -> str | None:
    """'twenty four' -> '24', '3' -> '3', 'several' -> 'X'."""
    lex = lexicon()
    text = " ".join(word.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return text
    if m := re.fullmatch(r"(\d+) 1/2", text):
        return m.group(1) + ".5"
    value = lex.get("number", text)
    if value is not None:
        return value
    parts = text.split()
    if len(parts) == 2:
        tens, units = lex.get("number", parts[0]), lex.get("number", parts[1])
        if tens and units and tens.isdigit() and units.isdigit():
            return str(int(tens) + int(units))
    return None


def unit_of(word: str) -> tuple[str, bool] | None:
    """('D', False) for 'days'; ('H', True) for 'hour' (a time unit needs 'PT')."""
    lex = lexicon()
    word = word.lower()
    for w in (word, word[:-1] if word.endswith("s") else word, word.replace("centuries", "century")):
        if (v := lex.get("unit_date", w)) is not None:
            return v, False
        if (v := lex.get("unit_time", w)) is not None:
            return v, True
    return None


def duration(n: str, unit_word: str) -> str | None:
    """ISO 8601 duration: ('3', 'years') -> 'P3Y'; ('2', 'decade') -> 'P20Y'; ('X', 'days') -> 'PXD'."""
    unit = unit_of(unit_word)
    if unit is None:
        return None
    code, is_time = unit
    if code == "WE":
        return "P2D" if n in {"1", "X"} else ("PXD" if n == "X" else f"P{int(float(n) * 2)}D")
    m = re.fullmatch(r"(\d+)([A-Z]+)", code)
    mult, letter = (int(m.group(1)), m.group(2)) if m else (1, code)
    if n == "X":
        amount = "X"
    else:
        value = float(n) * mult
        if value != int(value):
            return _half(value, letter, is_time)
        amount = str(int(value))
    return ("PT" if is_time else "P") + amount + letter


def _half(value: float, letter: str, is_time: bool) -> str:
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3)}
    sub, factor = smaller.get(letter, (letter, 1))
    whole, rest = int(value), round((value - int(value)) * factor)
    if letter in {"H", "M"} and is_time:
        return (
            f"PT{whole}{letter}{rest}{'M' if letter == 'H' else 'S'}"
            if whole
            else f"PT{rest}{'M' if letter == 'H' else 'S'}"
        )
    if letter == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    return f"P{whole}{letter}{rest}{sub}" if whole else f"P{rest}{sub}"


def shift_months(day: date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def last_quarter(day: date) -> str:
    """The last full quarter before a date: '1989-Q3' on 1989-11-02."""
    month = (day.month - 1) // 3 * 3  # months of the year before the current quarter
    return f"{day.year}-Q{month // 3}" if month else f"{day.year - 1}-Q4"


def shift(anchor: date, n: int, unit: str) -> str:
    """The date `n` units from anchor, at the granularity of the unit."""
    if unit in {"D"}:
        return (anchor + timedelta(days=n)).isoformat()
    if unit in {"W", "2W"}:
        return iso_week(anchor + timedelta(weeks=n * (2 if unit == "2W" else 1)))
    if unit in {"M", "Q"}:
        months = n * (3 if unit == "Q" else 1)
        y, m = shift_months(anchor, months)
        return f"{y}-Q{(m - 1) // 3 + 1}" if unit == "Q" else f"{y}-{m:02d}"
    if unit == "Y":
        return str(anchor.year + n)
    if unit == "10Y":
        return str(anchor.year + 10 * n)[:3]
    if unit == "100Y":
        return str(anchor.year + 100 * n)[:2]
    if unit == "WE":
        return iso_week(anchor + timedelta(weeks=n)) + "-WE"
    return anchor.isoformat()


def weekday_date(anchor: date, weekday: int, tense: str | None, rel: str | None) -> date:
    """The date of a weekday (1 = Monday) near anchor: the last one in news past tense, the next one for the future."""
    delta = weekday - anchor.isoweekday()
    rel = (rel or "").lower()
    if "next" in rel or "coming" in rel or (tense == "future" and not rel and delta != 0):
        return anchor + timedelta(days=delta if delta > 0 else delta + 7)
    if delta == 0 and "last" not in rel:
        return anchor
    if tense is None and not rel and delta == 1:
        return anchor + timedelta(days=1)  # "Tuesday" in a Monday article, with no past tense: tomorrow
    return anchor + timedelta(days=delta if delta < 0 else delta - 7)


def month_year(anchor: date, month: int, tense: str | None, rel: str | None) -> int:
    """The year of a month named without one: the last such month for the past, the next for the future."""
    rel = (rel or "").lower()
    if rel == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    if tense == "future" and month < anchor.month:
        return anchor.year + 1
    if tense == "past":
        # deadlines a month or two ahead often sit in past-tense clauses; events further ahead do not
        return anchor.year - 1 if month - anchor.month > 3 else anchor.year
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 8:
        return anchor.year + 1
    return anchor.year


def spoken_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996; 'two thousand and one' -> 2001; anything else None."""
    words = re.sub(r"\band\b", " ", text.lower().replace("-", " ")).split()
    if words[:2] == ["two", "thousand"]:
        base, rest = 2000, words[2:]
    elif words[:1] == ["nineteen"]:
        base, rest = 1900, words[1:]
    else:
        return None
    total = 0
    for word in rest:
        value = number(word)
        if value is None or not value.isdigit():
            return None
        total += int(value)
    return base + total


def year_of(text: str | None, anchor: date | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit():
        return spoken_year(text)
    y = int(text)
    if y < 100:
        if anchor is None:
            return 1900 + y if y > 30 else 2000 + y
        century = anchor.year // 100 * 100
        y = century + y if century + y <= anchor.year + 10 else century - 100 + y
    return y


def ymd(y: int | None, m: int, d: int) -> str | None:
    try:
        return date(y or 2000, m, d).isoformat() if y else None
    except ValueError:
        return None


def first_day(value: str) -> date | None:
    """The first day of a named date ('1995' -> 1995-01-01, '1995-06' -> 1995-06-01)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def holiday_in(year: int, parts: list[int]) -> date:
    if len(parts) == 2:
        return date(year, parts[0], parts[1])
    first = date(year, parts[0], 1)
    return first + timedelta(days=(parts[1] - first.isoweekday()) % 7 + 7 * (parts[2] - 1))


def year_before(quarter: str) -> str:
    year, q = quarter.split("-")
    return f"{int(year) - 1}-{q}"
