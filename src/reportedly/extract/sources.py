"""Source canonicalisation: one name and one kind per source within an article.

"Defense Secretary John Healey", "Healey" and "he" are one source; "British officials" is an anonymous official,
"the BBC" a medium. Kinds come from the entity labels, the head noun and the lexicons
`resources/<lang>/source_kinds.tsv` and `source_words.tsv`. The source span never moves: only `name` and `kind` change.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..errors import ConfigError
from ..records import SOURCE_KINDS, Attribution, Source
from .doc_text import doc_text

NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC")
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "government"}
TITLE_DEPS = ("compound", "amod", "nmod")
RECENT_SENTENCES = 3  # a pronoun prefers a source named this many sentences back

PHRASE_CACHE_SIZE = 20_000  # source phrases whose kind is remembered


@dataclass(frozen=True)
class SourceLexicon:
    kinds: dict[str, str]
    words: dict[str, str]
    phrases: dict[tuple[str, str, bool], str | None] = field(default_factory=dict, compare=False, repr=False)
    order: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    lengths: set[int] = field(default_factory=set, compare=False, repr=False)

    def role(self, word: str) -> str | None:
        return self.words.get(word.lower())

    def phrase_kind(self, lowered: str, lemmas: str, multiword: bool) -> str | None:
        """The kind of the longest listed phrase found in the words or lemmas (remembered per input)."""
        key = (lowered, lemmas, multiword)
        if key not in self.phrases:
            if len(self.phrases) >= PHRASE_CACHE_SIZE:
                self.phrases.clear()
            self.phrases[key] = self._scan(lowered, lemmas, multiword)
        return self.phrases[key]

    def _scan(self, lowered: str, lemmas: str, multiword: bool) -> str | None:
        """Looks up every run of words of a listed length; the longest phrase wins, then the first listed."""
        order = self.order
        if not order:
            order.update({phrase: i for i, phrase in enumerate(self.kinds)})
            self.lengths.update(phrase.count(" ") + 1 for phrase in self.kinds)
        best: tuple[int, int, str] | None = None
        for text in (lowered, lemmas):
            words = text.split(" ")
            for n in self.lengths:
                if (n > 1) != multiword:
                    continue
                for i in range(len(words) - n + 1):
                    phrase = " ".join(words[i : i + n])
                    if phrase in order and (best is None or (len(phrase), -order[phrase]) > best[:2]):
                        best = (len(phrase), -order[phrase], phrase)
        return self.kinds[best[2]] if best else None


def _read(lang: str, name: str) -> dict[str, str]:
    path = resources.files("reportedly.extract").joinpath(f"resources/{lang}/{name}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"The lexicon {lang}/{name} is missing ({exc}); reinstall reportedly") from exc
    table: dict[str, str] = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 2:
            continue
        table[cells[0].strip().lower()] = cells[1].strip()
    return table


@lru_cache(maxsize=4)
def load_source_lexicon(lang: str = "en") -> SourceLexicon:
    kinds = _read(lang, "source_kinds.tsv")
    bad = sorted({k for k in kinds.values() if k not in SOURCE_KINDS})
    if bad:
        raise ConfigError(f"{lang}/source_kinds.tsv has unknown kinds {bad}; use one of {', '.join(SOURCE_KINDS)}")
    return SourceLexicon(kinds, _read(lang, "source_words.tsv"))


@dataclass(frozen=True)
class Mention:
    """A name seen in the article: a canonical source or a named entity, with its position."""

    start: int
    name: str
    kind: str
    sent: int
    is_source: bool


def canonicalise(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Give every frame's source a canonical name within the article and a kind; frames without a source are kept."""
    resolver = Resolver(doc, load_source_lexicon(doc.lang_ or "en"))
    order = sorted(
        (k for k, a in enumerate(attributions) if a.source is not None and a.source.span is not None),
        key=lambda k: attributions[k].source.span.start,  # type: ignore[union-attr]
    )
    out = list(attributions)
    for k in order:
        source = attributions[k].source
        assert source is not None and source.span is not None
        name, kind = resolver.resolve(source.span.start, source.span.end)
        out[k] = replace(attributions[k], source=Source(source.span, name, kind))
    return out


class Resolver:
    """Resolves source spans in article order, remembering the sources and entities seen so far."""

    def __init__(self, doc: Doc, lex: SourceLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.text = doc_text(doc)
        self.sources: list[Mention] = []
        parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        self.sent_starts = [sent.start_char for sent in doc.sents] if parsed else [0]
        self.entities = [self._entity_mention(ent) for ent in doc.ents if ent.label_ in NAMED]
        self.cache: dict[tuple[int, int], tuple[str, str]] = {}

    def resolve(self, start: int, end: int) -> tuple[str, str]:
        if (start, end) not in self.cache:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                name, kind = self.text[start:end].strip(), "unspecified"
            else:
                name, kind = self._resolve_span(span)
            self.cache[(start, end)] = (name, kind)
            self.sources.append(Mention(start, name, kind, self._sent(start), True))
        return self.cache[(start, end)]

    def _resolve_span(self, span: SpacySpan) -> tuple[str, str]:
        words = [t for t in span if not t.is_punct]
        if len(words) == 1 and self.lex.role(words[0].text) in ("person", "group", "thing", "speaker"):
            return self._pronoun(words[0])
        if len(words) == 1 and words[0].tag_ in ("WP", "WDT") and words[0].head.dep_ == "relcl":
            return self._antecedent(words[0].head)
        name = self.plain_name(span)
        kind = self.kind_of(span)
        earlier = self._earlier_full_name(span, name, kind)
        if earlier is not None:
            return earlier.name, kind if earlier.kind == "unspecified" else earlier.kind
        return name, kind

    def _antecedent(self, clause: Token) -> tuple[str, str]:
        """'images shared on Telegram that show ...': the noun phrase the relative clause hangs on."""
        noun = clause.head
        last = clause.left_edge.i - 1 if clause.left_edge.i > noun.i else noun.i
        while last > noun.i and self.doc[last].is_punct:
            last -= 1
        end = self.doc[last]
        return self.resolve(noun.left_edge.idx, end.idx + len(end.text))

    # names

    def plain_name(self, span: SpacySpan) -> str:
        """The span's text without leading determiners, appositions, relative clauses, possessive endings or
        surrounding punctuation: "Mukasey, the former attorney general," -> "Mukasey"."""
        cut = {t.i for child in span.root.children if self._aside(child) for t in child.subtree}
        tokens = [t for t in span if t.i not in cut]
        if cut:
            tokens = [t for t in tokens if t.i < min(cut)]
        while tokens and (tokens[0].is_punct or self.lex.role(tokens[0].text) == "determiner"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
            tokens = tokens[:-1]
        if not tokens:
            return span.text.strip()
        return self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]

    def _aside(self, child: Token) -> bool:
        """An apposition, or a clause set off by a comma ("Archer, wearing a T-shirt,"), not a restrictive one."""
        if child.dep_ == "appos":
            return True
        start = child.left_edge.i
        return child.dep_ in ("relcl", "acl") and start > 0 and self.doc[start - 1].text == ","

    def full_mention(self, ent: SpacySpan) -> SpacySpan:
        """A person's name with the titles before it: "Defense Secretary John Healey"."""
        start = ent.start
        while start > 0:
            prev = self.doc[start - 1]
            if prev.dep_ not in TITLE_DEPS or prev.pos_ not in ("PROPN", "NOUN", "ADJ") or not prev.text[:1].isupper():
                break
            if not ent.start <= prev.head.i < ent.end and not start <= prev.head.i < ent.end:
                break
            start -= 1
        return self.doc[start : ent.end]

    def _entity_mention(self, ent: SpacySpan) -> Mention:
        span = self.full_mention(ent) if ent.label_ == "PERSON" else ent
        kind = self.kind_of(span)
        return Mention(ent.start_char, self.plain_name(span), kind, self._sent(ent.start_char), False)

    def _sent(self, char: int) -> int:
        """The number of the sentence holding a character."""
        return bisect_right(self.sent_starts, char) - 1

    # kinds

    def kind_of(self, span: SpacySpan) -> str:
        head = span.root
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and _in_person(head)):
            return "person"
        lowered = " ".join(t.lower_ for t in span if not t.is_punct)
        lemmas = " ".join(t.lemma_.lower() for t in span if not t.is_punct)
        if self._anonymous(span, head):
            return "anonymous_official"
        for found in (
            self._whole(lowered),
            self._phrase(lowered, lemmas, multiword=True),
            self._proper(span),
            self.lex.kinds.get(head.lower_) or self.lex.kinds.get(head.lemma_.lower()),
            self._phrase(lowered, lemmas, multiword=False),
        ):
            if found:
                return found
        return ENTITY_KINDS.get(head.ent_type_, "unspecified")

    def _anonymous(self, span: SpacySpan, head: Token) -> bool:
        word = self.lex.kinds.get(head.lemma_.lower()) or self.lex.kinds.get(head.lower_)
        return word == "anonymous_official" and not any(t.ent_type_ == "PERSON" for t in span)

    def _whole(self, lowered: str) -> str | None:
        words = lowered.split()
        while words and self.lex.role(words[0]) == "determiner":
            words = words[1:]
        return self.lex.kinds.get(" ".join(words))

    def _phrase(self, lowered: str, lemmas: str, multiword: bool) -> str | None:
        return self.lex.phrase_kind(lowered, lemmas, multiword)

    def _proper(self, span: SpacySpan) -> str | None:
        for tok in span:
            if tok.pos_ == "PROPN" and tok.lower_ in self.lex.kinds:
                return self.lex.kinds[tok.lower_]
        return None

    # antecedents

    def _pronoun(self, tok: Token) -> tuple[str, str]:
        role = self.lex.role(tok.text)
        before = [m for m in self._before(tok.idx) if self._fits(m, role)]
        here = self._sent(tok.idx)
        recent_sources = [m for m in before if m.is_source and here - m.sent <= RECENT_SENTENCES]
        pool = recent_sources or before
        if not pool:
            return tok.text, "person" if role in ("person", "speaker") else "unspecified"
        return pool[-1].name, pool[-1].kind

    @staticmethod
    def _fits(mention: Mention, role: str | None) -> bool:
        if role in ("person", "speaker"):
            return mention.kind == "person"
        if role == "thing":
            return mention.kind in ("organization", "government", "media", "document", "social_media")
        return mention.kind != "person" and mention.kind != "unspecified"

    def _before(self, position: int) -> list[Mention]:
        mentions = [m for m in self.sources + self.entities if m.start < position]
        return sorted(mentions, key=lambda m: (m.start, m.is_source))

    def _earlier_full_name(self, span: SpacySpan, name: str, kind: str) -> Mention | None:
        """An earlier mention this one abbreviates: same name, a surname, or a definite description."""
        before = self._before(span.start_char)
        key = name.lower()
        for mention in reversed(before):
            if mention.name.lower() == key:
                return self._first_with_name(before, mention)
        if self._short_name(span):
            return self._by_surname(span, before)
        if span[0].lower_ == "the" and not any(t.pos_ == "PROPN" for t in span):
            return self._by_description(span, before)
        return None

    @staticmethod
    def _first_with_name(before: list[Mention], mention: Mention) -> Mention:
        return next(m for m in before if m.name.lower() == mention.name.lower())

    def _short_name(self, span: SpacySpan) -> bool:
        """One proper noun, perhaps after an honorific or a title: "Healey", "Mr. Healey", "Secretary Healey"."""
        words = [t for t in span if not t.is_punct and self.lex.role(t.text) not in ("determiner", "honorific")]
        return bool(words) and words[-1].pos_ == "PROPN" and len(words) <= 2 and words[-1].i == span.root.i

    def _by_surname(self, span: SpacySpan, before: list[Mention]) -> Mention | None:
        surname = span.root.text.lower()
        for mention in reversed(before):
            parts = mention.name.lower().split()
            if mention.kind == "person" and len(parts) > 1 and parts[-1] == surname:
                return mention
        return None

    def _by_description(self, span: SpacySpan, before: list[Mention]) -> Mention | None:
        head = span.root.lower_
        lemma = span.root.lemma_.lower()
        for mention in reversed(before):
            words = mention.name.lower().split()
            if len(words) > 1 and (head in words or lemma in words):
                return mention
        return None


def _in_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON"
