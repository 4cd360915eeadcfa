"""Time-expression patterns: one precompiled regex per rule, built once from `resources/en/timex.tsv`.

`find(text)` returns non-overlapping candidates (longest first at each position); `timex_normalise`
turns each into a TIMEX3 value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """Word -> value tables of one class each (month, weekday, number, unit_time, ...)."""

    tables: dict[str, dict[str, str]]

    def get(self, cls: str, word: str) -> str | None:
        table = self.tables.get(cls, {})
        key = " ".join(word.lower().replace("-", " ").split())
        return table.get(key) or table.get(key.rstrip(".")) or table.get(key + ".")

    def words(self, cls: str) -> list[str]:
        return list(self.tables.get(cls, {}))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    tables: dict[str, dict[str, str]] = {}
    text = resources.files("reportedly.extract").joinpath("resources/en/timex.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cls, word, value = line.split("\t")[:3]
        tables.setdefault(cls, {})[word.lower()] = value
    return Lexicon(tables)


def _alt(words: list[str]) -> str:
    """A regex alternation of words, longest first; a trailing period becomes optional; spaces match any space."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        core = re.escape(word.rstrip(".")).replace(r"\ ", r"[\s-]+")
        parts.append(core + (r"\.?" if word.endswith(".") else ""))
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    # The same pattern without IGNORECASE, to scan lowercased text (about twice as fast); None when the
    # pattern has uppercase letters of its own.
    folded: re.Pattern[str] | None = None
    # What every match contains (see ANCHORS); None: the rule is run over the whole text.
    anchor: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Candidate:
    rule: str
    start: int
    end: int
    match: re.Match[str]


def _number_pattern(lex: Lexicon) -> str:
    words = lex.words("number")
    tens = [w for w in words if lex.get("number", w) in {str(n) for n in range(20, 100, 10)}]
    units = [w for w in words if lex.get("number", w) in {str(n) for n in range(1, 10)}]
    compound = _alt(tens) + r"[\s-]+" + _alt(units)
    return rf"(?:{compound}|\d+\s+1/2|\d+(?:\.\d+)?|{_alt(words)})"


def _units(lex: Lexicon) -> list[str]:
    return [w for w in lex.words("number") if lex.get("number", w) in {str(n) for n in range(1, 10)}]


def _spoken_year(lex: Lexicon) -> str:
    """A year read out as in broadcast transcripts: 'nineteen ninety-six', 'nineteen seventy'."""
    tens = [w for w in lex.words("number") if lex.get("number", w) in {str(n) for n in range(20, 100, 10)}]
    units = [w for w in _units(lex) if " " not in w and len(w) > 2]
    return rf"nineteen[\s-]+{_alt(tens)}(?:[\s-]+{_alt(units)})?"


def _templates(lex: Lexicon) -> list[tuple[str, str]]:
    month = _alt(lex.words("month"))
    weekday = _alt(lex.words("weekday"))
    num = _number_pattern(lex)
    unit_date = _alt(lex.words("unit_date"))
    unit_time = _alt(lex.words("unit_time"))
    unit = rf"(?:{unit_date}|{unit_time})"
    season = _alt(lex.words("season"))
    part = _alt(lex.words("partofday"))
    ordinal = _alt(lex.words("ordinal"))
    deictic = _alt(lex.words("deictic"))
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = rf"(?:1[6-9]\d\d|20\d\d|{_spoken_year(lex)})"
    edge = r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+"  # "the end of 1990": TimeML keeps it in the span
    rel = r"(?:last|next|this|coming|past|previous|following|current)"
    mod = r"(?:(?:early|late|mid|earlier|later)[\s-]+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)"
    ampm = r"(?:[ap]\.\s?m\b\.?|[ap]m\b)"
    zone = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC))?"
    paren = r"(?:\([^()]{1,20}\)\s+)?"  # "10:35 a.m. (0735 GMT) Friday"
    on_day = (
        rf"(?:,?\s+{paren}(?:on\s+)?"
        rf"(?:(?P<wd>{weekday})|(?P<dx>{deictic})|(?P<month>{month})\s+(?P<d>{day}))\b)?"
    )
    return [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?)?\b"),
        ("slash", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})\b"),
        (
            "mdy",
            rf"\b(?:(?P<wd>{weekday}),?\s+)?(?P<month>{month})\s+(?P<d>{day})\b(?:,?\s+(?P<y>{year})\b)?",
        ),
        (
            "dmy",
            rf"\b(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<d>{day})(?:\s+of)?\s+(?P<month>{month})(?:,?\s+(?P<y>{year}))?\b",
        ),
        ("month_rel", rf"\b(?P<mod>{mod})?(?P<rel>last|next|this)\s+(?P<month>{month})\b(?!\.?\s+\d)"),
        (
            "month",
            rf"\b(?P<mod>{mod})?(?P<month>{month})(?:,?\s+(?:of\s+)?(?:(?P<y>{year})|(?P<yrel>last|next|this)\s+year))?\b",
        ),
        (
            "decade",
            r"\b(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?(?:(?P<c>1[6-9]|20)(?P<dec>\d)0|'(?P<sdec>\d)0)'?s\b",
        ),
        ("century", r"\b(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"),
        (
            "quarter",
            rf"\b(?:the\s+)?(?:(?P<py>this|last|next)\s+year's\s+)?(?:(?:comparable|corresponding|same)\s+)?"
            rf"(?:(?P<ya>year[\s-]+(?:earlier|ago))[\s-]+|(?P<yn>{year})\s+)?"
            rf"(?:fiscal[\s-]+)?(?:(?P<q>{ordinal})|(?P<qrel>latest|last|current|previous|same))?[\s-]*(?:fiscal[\s-]+)?"
            rf"(?:quarter|(?P<period>period))\b(?:\s+of\s+(?:(?P<y>{year})|(?P<yrel>this|last|next)\s+year))?",
        ),
        (
            "that_unit",
            r"\b(?:(?P<mod>earlier|later)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<u>day|week|month|year)\b",
        ),
        ("year_end", r"\b(?:year[\s-]end|year's\s+end)\b"),
        ("the_quarter", r"\b(?:the|that)\s+quarter\b"),
        ("year_ago", r"\b(?:the\s+)?year[\s-]+(?:earlier|ago)\b"),
        (
            "season",
            rf"\b(?P<mod>{mod})?(?:(?P<rel>this|last|next|the|this\s+past|this\s+coming)\s+)?(?P<s>{season})"
            rf"(?:\s+(?:of\s+)?(?P<y>{year}))?\b",
        ),
        (
            "weekday",
            rf"\b(?:(?P<rel>last|next|this|coming|this\s+past|this\s+coming)\s+)?(?P<wd>{weekday})"
            rf"(?:\s+(?P<part>{part}))?\b",
        ),
        ("weekday_set", rf"\b(?P<wd>{weekday})(?:s(?:\s+(?P<part>{part})s)?|\s+(?P<part2>{part})s)\b"),
        ("deictic", rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<dx>{deictic})(?:\s+(?P<part>{part}))?\b"),
        ("partday", rf"\b(?P<rel>this|last|yesterday|tomorrow)\s+(?P<part>{part})\b"),
        (
            "midpart",
            r"\bmid[\s-]?(?P<part>morning|afternoon)(?:\s+(?P<rel>yesterday|today|tomorrow))?\b",
        ),
        (
            "ago",
            rf"\b(?P<n>{num})[\s-]+(?P<u>{unit})s?\s+"
            rf"(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)(?=\s*(?:[,.;:)]|$)))",
        ),
        (
            "rel_unit",
            rf"\b(?P<mod>{mod})?(?P<rel>(?:the\s+)?(?:{rel}))\s+(?P<u>week|month|year|quarter|weekend|decade|century)\b",
        ),
        ("weekend", r"\bthe\s+weekend\b"),
        (
            "rel_ref",
            r"\b(?P<mod>earlier|later|early|late)\s+(?P<rel>this|last|next)\s+(?P<u>week|month|year|decade)\b",
        ),
        ("fiscal", rf"\bfiscal(?:\s+year)?\s+(?P<y>{year})\b"),
        ("fiscal_rel", r"\b(?:the\s+)?(?P<rel>current|this|next|last|previous|latest|coming)\s+fiscal\s+year\b"),
        (
            "duration",
            rf"\b(?:the\s+(?P<rel>past|last|next|first|coming|previous|following|final|latest)\s+|"
            rf"(?P<rel2>past|next|first|coming)\s+|the\s+)?(?P<n>{num})[\s-]+(?P<u>{unit})s?\b(?![\s-]+old\b|-(?:earlier|ago)\b)",
        ),
        (
            "the_unit",
            rf"\b(?:{edge})?the\s+(?P<rel>past|last|next|coming|previous|following)?\s*(?:(?P<fy>full|fiscal|calendar)\s+)?"
            r"(?P<u>year|month|week)\b",
        ),
        ("year", rf"(?:(?<![\$\d.,/-])|(?<=\d\d\d\d-))\b(?P<y>{year})\b(?![.,]?\d|\s*%|\s+percent)"),
        ("year_mod", rf"\b(?:{edge}|(?:early|late|mid)[\s-]+)(?P<y>{year})\b(?![.,]?\d|\s*%|\s+percent)"),
        ("year_2000", rf"\bthe\s+year\s+(?P<y>two\s+thousand(?:\s+and\s+{_alt(_units(lex))})?)\b"),
        ("time", rf"\b(?P<hh>1[0-2]|0?[1-9])(?::(?P<mm>[0-5]\d))?\s*(?P<ap>{ampm}){zone}{on_day}"),
        ("clock", rf"\b(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b(?!:\d)(?:\s*(?P<ap>{ampm}))?{zone}{on_day}"),
        ("noon", rf"\b(?P<w>noon|midnight|midday){on_day}"),
        (
            "set_every",
            rf"\b(?:every|each)\s+(?:(?P<n>{num})\s+)?(?:other\s+)?(?:(?P<wd>{weekday})|(?P<u>{unit})|(?P<month>{month}))s?\b",
        ),
        ("set_per", rf"\b(?P<n>once|twice|three\s+times|\w+\s+times)\s+(?:a|an|per|every)\s+(?P<u>{unit})\b"),
        ("set_word", rf"\b(?P<w>{_alt(lex.words('set'))})\b"),
        (
            "bare_plural",
            r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s))(?:(?P<rec>recent|the\s+past|the\s+last|coming)\s+)?(?P<u>years|months|weeks|days|decades|hours)\b",
        ),
        ("recent_plural", r"\b(?P<rec>recent|coming)\s+(?P<u>years|months|weeks|days|decades)\b"),
        ("holiday", rf"\b(?P<h>{_alt(lex.words('holiday'))})\b"),
        ("reference", rf"\b(?P<w>{_alt(lex.words('reference'))})\b"),
    ]


# Words one of which every match of a rule contains (@class: the words of a lexicon class, =@class: a run of word
# characters that is one of them; else a regex). `find` runs a rule
# only near the runs of word characters that contain one of them, instead of over the whole text.
ANCHORS: dict[str, tuple[str, ...]] = {
    "iso": (r"\d\d\d\d",),
    "slash": (r"\d",),
    "mdy": ("=@month",),
    "dmy": ("=@month",),
    "month_rel": ("=@month",),
    "month": ("=@month",),
    "decade": (r"\d0",),
    "century": ("century",),
    "quarter": ("quarter", "period"),
    "that_unit": ("day", "week", "month", "year"),
    "year_end": ("year",),
    "the_quarter": ("quarter",),
    "year_ago": ("year",),
    "season": ("@season",),
    "weekday": ("@weekday",),
    "weekday_set": ("@weekday",),
    "deictic": ("@deictic",),
    "partday": ("@partofday",),
    "midpart": ("mid",),
    "ago": ("@unit_date", "@unit_time"),
    "rel_unit": ("week", "month", "year", "quarter", "decade", "century"),
    "weekend": ("weekend",),
    "rel_ref": ("week", "month", "year", "decade"),
    "fiscal": ("fiscal",),
    "fiscal_rel": ("fiscal",),
    "duration": ("@unit_date", "@unit_time"),
    "the_unit": ("year", "month", "week"),
    "year": (r"1[6-9]\d\d|20\d\d", "nineteen"),
    "year_mod": (r"1[6-9]\d\d|20\d\d", "nineteen"),
    "year_2000": ("thousand",),
    "time": (r"\d",),
    "clock": (r"\d",),
    "noon": ("noon", "midnight", "midday"),
    "set_every": ("every", "each"),
    "set_per": ("once", "twice", "times"),
    "set_word": ("@set",),
    "bare_plural": ("years", "months", "weeks", "days", "decades", "hours"),
    "recent_plural": ("years", "months", "weeks", "days", "decades"),
    "holiday": ("@holiday",),
    "reference": ("@reference",),
}
# How far before or after an anchor a match may start or end (time expressions are far shorter).
MARGIN = 160
WORD = re.compile(r"\w+")


def _anchor(lex: Lexicon, name: str) -> re.Pattern[str] | None:
    """What a run of word characters must contain to anchor the rule; None: scan the whole text."""
    parts = []
    for item in ANCHORS.get(name, ()):
        whole, cls = item.startswith("="), item.lstrip("=")
        if cls.startswith("@"):  # a lexicon class: the longest run of word characters of each entry
            words = []
            for word in lex.words(cls[1:]):
                runs = re.findall(r"\w+", word)
                if not runs:
                    return None
                words.append(re.escape(max(runs, key=len)))
            parts.append(r"\A(?:" + "|".join(words) + r")\Z" if whole else "|".join(words))
        else:
            parts.append(item)
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    lex = lexicon()
    for name, pattern in _templates(lex):
        literal = re.sub(r"\\.|\(\?P<\w+>", "", pattern)
        folded = None if any(c.isupper() for c in literal) else re.compile(pattern)
        compiled = re.compile(pattern, re.IGNORECASE)
        anchor = _anchor(lex, name) if compiled.match("") is None else None
        out.append(Rule(name, compiled, folded, anchor))
    return tuple(out)


# Runs of word characters seen so far -> indices of the rules they anchor.
_ANCHORED: dict[str, tuple[int, ...]] = {}


def _anchored(word: str) -> tuple[int, ...]:
    found = _ANCHORED.get(word)
    if found is None:
        found = tuple(i for i, r in enumerate(rules()) if r.anchor is not None and r.anchor.search(word))
        if len(_ANCHORED) < 200_000:
            _ANCHORED[word] = found
    return found


def _anchor_positions(lowered: str, count: int) -> list[list[int]]:
    """For each rule, the offsets of the runs of word characters that anchor it."""
    positions: list[list[int]] = [[] for _ in range(count)]
    cache = _ANCHORED
    for m in WORD.finditer(lowered):
        found = cache.get(m.group())
        if found is None:
            found = _anchored(m.group())
        if found:
            start, end = m.span()
            for i in found:
                positions[i].append(start)
                if end - start > MARGIN // 4:  # a long run: its end too, wherever in it the anchor is
                    positions[i].append(end)
    return positions


def _near(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern every match of which lies within MARGIN of one of `positions`:
    each window around them is searched, and what is found there is matched again on the whole text."""
    size = len(text)
    last_end = 0
    k, count = 0, len(positions)
    while k < count:
        start = max(last_end, positions[k] - MARGIN)
        end = positions[k] + MARGIN
        k += 1
        while k < count and positions[k] - MARGIN <= end:
            end = positions[k] + MARGIN
            k += 1
        end = min(end, size)
        pos = start
        while pos < end:
            m = pattern.search(text, pos, end)
            if m is None:
                break
            full = pattern.match(text, m.start())
            if full is None:  # the window's edge made the difference
                pos = m.start() + 1
                continue
            yield full
            pos = last_end = max(full.end(), full.start() + 1)


def _matches(rule: Rule, text: str, lowered: str | None, positions: list[int] | None) -> Iterator[re.Match[str]]:
    """The rule's matches in `text`; with `lowered` (same length), found there and re-read from `text`."""
    if lowered is None or rule.folded is None:
        yield from rule.pattern.finditer(text) if positions is None else _near(rule.pattern, text, positions)
        return
    found = rule.folded.finditer(lowered) if positions is None else _near(rule.folded, lowered, positions)
    for m in found:
        again = rule.pattern.match(text, m.start())
        if again is not None:
            yield again


_UNIT_AFTER = re.compile(
    r"\s+(?:\d+|\w+(?:[\s-]\w+)?\s+(?:years?|months?|weeks?|days?|hours?|decades?)|years?|months?|weeks?|days?|"
    r"hours?|decades?|century|quarters?)\b",
    re.IGNORECASE,
)


_NOT_A_QUARTER = re.compile(r"-(?:century|to-quarter)\b", re.IGNORECASE)
_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def _ok(rule: str, m: re.Match[str], text: str) -> bool:
    """Filters a regex cannot express cheaply."""
    word = m.group(0)
    if rule == "month":
        month = m.group("month")
        if not month[0].isupper():
            return False
        if month.lower().rstrip(".") in {"may", "march", "mar", "jan", "sep"} and not (m.group("y") or m.group("mod")):
            before = text[max(0, m.start() - 12) : m.start()].lower()
            return bool(
                re.search(r"\b(in|since|until|by|of|early|late|mid|from|to|last|next|this|between|through)\s+$", before)
            )
        return True
    if rule == "reference" and word.lower().endswith("past") and _UNIT_AFTER.match(text, m.end()):
        return False
    if rule == "reference" and word.lower() in {"current", "future", "recent"}:
        after = text[m.end() : m.end() + 15].lower()
        return not re.match(r"\s+(account|affairs|events|generations?|president|members?)\b", after)
    if rule == "quarter" and (not word[0].isalnum() or _NOT_A_QUARTER.match(text, m.end())):
        return False  # "its quarter-century low", "quarter-to-quarter"
    if rule == "duration" and m.group("u").lower().startswith("quarter") and _OF.match(text, m.end()):
        return False  # "three-quarters of its food": a share, not a time
    if rule == "year":
        before = text[max(0, m.start() - 3) : m.start()]
        after = text[m.end() : m.end() + 12].lower()
        return not (before.endswith("No ") or re.match(r"\s*(?:people|troops|shares|votes|miles|feet|tons)\b", after))
    return True


def find(text: str, anchored: bool = True) -> list[Candidate]:
    """Candidates from every rule; overlaps resolved leftmost-longest (earlier rules win ties).

    `anchored=False` runs every rule over the whole text (the same candidates, slower)."""
    found: list[tuple[int, int, int, Candidate]] = []
    lowered: str | None = text.lower()
    if lowered is not None and len(lowered) != len(text):
        lowered = None  # a few letters change length when lowercased ("İ"): scan the text itself
    table = rules()
    near = _anchor_positions(lowered, len(table)) if lowered is not None and anchored else None
    for order, rule in enumerate(table):
        positions = near[order] if near is not None and rule.anchor is not None else None
        for m in _matches(rule, text, lowered, positions):
            if m.end() > m.start() and _ok(rule.name, m, text):
                found.append((m.start(), -(m.end() - m.start()), order, Candidate(rule.name, m.start(), m.end(), m)))
    found.sort(key=lambda item: item[:3])
    chosen: list[Candidate] = []
    taken_until = -1
    for _, _, _, cand in found:
        if cand.start >= taken_until:
            chosen.append(cand)
            taken_until = cand.end
    return chosen
