"""Attribution lexicons: cue words and the author's hedges, read once from `resources/<lang>/*.tsv`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from ..records import STATUSES

# A hedge whose status is "-" is recorded in `hedges` but never becomes a frame of its own.
NO_FRAME = "-"


def read_table(lang: str, name: str) -> dict[str, str]:
    """Read a `cue<TAB>status<TAB>notes` table into {cue: status}; the first line is a header."""
    path = resources.files("reportedly.extract").joinpath(f"resources/{lang}/{name}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"The lexicon {lang}/{name} is missing ({exc}); reinstall reportedly") from exc
    table: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        status = cells[1].strip() if len(cells) > 1 else ""
        if status not in STATUSES and status != NO_FRAME:
            raise ConfigError(
                f"{lang}/{name} line {number}: unknown status {status!r}; use one of {', '.join(STATUSES)}"
            )
        table[cells[0].strip().lower()] = status
    return table


def read_column(lang: str, name: str, column: int) -> dict[str, frozenset[str]]:
    """{cue: set of comma-separated values in `column`} for tables with an extra column."""
    path = resources.files("reportedly.extract").joinpath(f"resources/{lang}/{name}")
    table: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) > column and cells[0].strip():
            table[cells[0].strip().lower()] = frozenset(v.strip() for v in cells[column].split(",") if v.strip())
    return table


@dataclass(frozen=True)
class Lexicon:
    """Lemma-keyed cue tables.

    `clause`: verbs that report a clause, a quote or an infinitive ("said that", "wants to");
    `beliefs`: verbs that count only with a clause or infinitive ("thinks that", "wants to");
    `negated`: statuses of negated cues ("not respond" -> declined);
    `objects`: verbs whose noun-phrase object is what is reported ("denied the report");
    `nouns`: nominal cues with a clausal complement ("claims that");
    `hedges`: the author's distancing adverbs and the status each gives its frame;
    `adjectives`: stance adjectives after a copula ("is confident that", "are wary of");
    `roles`: grammatical roles of cue lemmas (resources/<lang>/cue_roles.tsv), e.g. "refusal", "raising".
    """

    clause: dict[str, str]
    beliefs: dict[str, str]
    belief_takes: dict[str, frozenset[str]]
    roles: dict[str, frozenset[str]]
    negated: dict[str, str]
    objects: dict[str, str]
    nouns: dict[str, str]
    hedges: dict[str, str]
    adjectives: dict[str, str]

    def has(self, role: str, lemma: str) -> bool:
        return lemma in self.roles.get(role, frozenset())

    def verb_status(self, lemma: str) -> str | None:
        return self.clause.get(lemma) or self.objects.get(lemma) or self.beliefs.get(lemma)


def load_lexicon(lang: str = "en") -> Lexicon:
    cues = read_table(lang, "cues.tsv")
    clause = {k: v for k, v in cues.items() if not k.startswith("not ")}
    negated = {k[4:]: v for k, v in cues.items() if k.startswith("not ")}
    return Lexicon(
        clause=clause,
        beliefs=read_table(lang, "belief_cues.tsv"),
        belief_takes=read_column(lang, "belief_cues.tsv", 2),
        negated=negated,
        objects=read_table(lang, "object_cues.tsv"),
        nouns=read_table(lang, "nominal_cues.tsv"),
        hedges=read_table(lang, "hedges.tsv"),
        adjectives=read_table(lang, "adjective_cues.tsv"),
        roles=read_roles(lang, "cue_roles.tsv"),
    )


def read_roles(lang: str, name: str) -> dict[str, frozenset[str]]:
    """{role: lemmas} from a `cue<TAB>role<TAB>notes` table."""
    path = resources.files("reportedly.extract").joinpath(f"resources/{lang}/{name}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"The lexicon {lang}/{name} is missing ({exc}); reinstall reportedly") from exc
    roles: dict[str, set[str]] = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > 1 and cells[0].strip():
            roles.setdefault(cells[1].strip(), set()).add(cells[0].strip().lower())
    return {role: frozenset(words) for role, words in roles.items()}
