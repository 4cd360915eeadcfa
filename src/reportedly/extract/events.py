"""Layer reportedly_events: sets doc._.rep_events, one Event per real-world event mentioned in the article.

Each sentence is scanned for trigger words from `resources/<lang>/event_triggers.tsv`; each trigger gets its
arguments from the dependency parse (event_args); mentions of the same event are merged across the article and
linked to the attribution frames that assert them, to one place and to one time (event_links).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN as NOUN_ID
from spacy.parts_of_speech import PROPN as PROPN_ID
from spacy.parts_of_speech import VERB as VERB_ID
from spacy.tokens import Doc, Span, Token

from ..records import Attribution, Event
from . import event_args as ea
from .event_lexicon import Lexicon, Trigger, load
from .event_links import build_events

log = logging.getLogger(__name__)

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
# A verb used as an adjective ("British-supplied missiles") is not an event.
SKIP_VERB_DEPS = {"amod", "compound", "acomp"}
# A noun modifying another noun ("the ceasefire proposal") is not an event of its own.
SKIP_NOUN_DEPS = {"compound", "amod", "nmod"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
# Trigger flags under which a weapon as object is the instrument ("fired missiles"), not the target.
ARMED = {"weapon", "armed"}
FOLD_DEPS = {"dobj", "nsubj", "nsubjpass", "attr"}
ENDINGS = ("ed", "ing", "es", "s")
CANDIDATE_POS = [VERB_ID, NOUN_ID, PROPN_ID]


@dataclass
class Mention:
    trigger: Token
    type: str
    args: ea.Args
    quantity: Token | None = None
    clause: set[int] = field(default_factory=set)
    sentence: tuple[int, int] = (0, 0)
    attributions: tuple[int, ...] = ()
    dependents: tuple[str, ...] = ()  # lemmas the trigger entry named ("postpone meeting")


def _descendant_words(tok: Token) -> set[str]:
    words: set[str] = set()
    for child in tok.children:
        words.update((child.lemma_.lower(), child.lower_))
        for grand in child.children:
            words.update((grand.lemma_.lower(), grand.lower_))
    return words


def _forms(tok: Token, pos: str) -> list[str]:
    """The lemma, the word, and for a verb the word without a regular ending, for lemmas the tagger gets wrong
    ("cordoned" lemmatised as "cordone")."""
    forms = [tok.lemma_.lower(), tok.lower_]
    if pos == "V":
        word = tok.lower_
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                forms.append(word[: -len(ending)])
    return forms


def _entries(tok: Token, lex: Lexicon) -> tuple[Trigger, ...]:
    if tok.pos_ in VERB_POS:
        pos = "V"
    elif tok.pos_ in NOUN_POS:
        pos = "N"
    else:
        return ()
    found: tuple[Trigger, ...] = ()
    for form in _forms(tok, pos):
        found = lex.triggers.get((form, pos), ())
        if found:
            break
    if not found:
        return ()
    words = _descendant_words(tok) if any(t.dependents for t in found) else set()
    return tuple(t for t in found if all(d in words for d in t.dependents))


def _introduces_clause(tok: Token) -> bool:
    """A finite complement clause: 'warned that prices could rise' (not 'threatened to close the strait')."""
    return any(c.dep_ in {"ccomp", "csubj"} for c in tok.children)


def _reports_on(tok: Token, frames: list[Attribution]) -> bool:
    """The verb is the cue of a frame about a proposition: 'rejected claims that the dam was attacked'."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or not any(_finite_clause(c) for c in obj.children):
        return False
    return any(
        f.cue is not None and f.cue.start <= tok.idx < f.cue.end and f.content.start <= obj.idx < f.content.end
        for f in frames
    )


def _finite_clause(tok: Token) -> bool:
    if tok.dep_ not in {"acl", "ccomp", "relcl"}:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} or (c.dep_ == "mark" and c.lower_ == "that") for c in tok.children)


def _mention(tok: Token, lex: Lexicon, light: set[str], frames: list[Attribution]) -> Mention | None:
    for entry in _entries(tok, lex):
        if "light" in entry.flags:
            return None
        if entry.pos == "V":
            if tok.dep_ in SKIP_VERB_DEPS:
                return None
            if "cue" in entry.flags and (_introduces_clause(tok) or _reports_on(tok, frames)):
                return None
            args = ea.verb_args(tok, lex, entry.dependents, weapon_object=bool(entry.flags & ARMED))
        else:
            if tok.dep_ in SKIP_NOUN_DEPS:
                return None
            args = ea.noun_args(tok, lex, light, entry.type)
        if "weapon" in entry.flags and args.instrument is None:
            continue
        if "party" in entry.flags and args.target is not None and not ea.actor_like(args.target):
            continue
        if "weapon-is-target" in entry.flags and args.target is None:
            args.target, args.instrument = args.instrument, None
        mention = Mention(tok, entry.type, args, ea.quantity(args), ea.clause_tokens(tok))
        mention.dependents = entry.dependents
        return mention
    return None


HOSTILE = {"ASSAULT", "COERCE"}


def _threats(mentions: list[Mention], lex: Lexicon) -> None:
    """A commitment to force or coercion is a threat against its target: "vowed to attack the capital"."""
    by_token = {m.trigger.i: m for m in mentions}
    for m in mentions:
        if m.trigger.pos_ not in VERB_POS or not lex.is_a(m.trigger.lemma_.lower(), "commissive"):
            continue
        for child in m.trigger.children:
            act = by_token.get(child.i)
            if act is None or act.type not in HOSTILE or child.dep_ not in {"xcomp", "dobj", "ccomp"}:
                continue
            m.type = "THREATEN"
            if m.args.target is None or m.args.target == act.trigger:
                m.args.target = act.args.target
            break


def _fold(mentions: list[Mention]) -> list[Mention]:
    """Mentions in one sentence that are one event become one mention."""
    by_token = {m.trigger.i: m for m in mentions}
    dropped: set[int] = set()
    for m in mentions:
        noun = by_token.get(m.trigger.head.i)
        if m.trigger.dep_ in {"acl", "relcl"} and noun is not None and noun is not m and noun.type == m.type:
            _fold_outcome(noun, m)  # "the attack, which killed 12 people"
            dropped.add(m.trigger.i)
    for m in mentions:
        tok = m.trigger
        if tok.pos_ not in NOUN_POS:
            continue
        verb = by_token.get(tok.head.i)
        if tok.dep_ == "pobj":  # "used ATACMS missiles for strikes against Russian positions"
            verb = by_token.get(tok.head.head.i)
            verb = verb if verb is not None and verb.type == m.type else None
        elif tok.dep_ not in FOLD_DEPS:
            continue
        if verb is None or verb is m:
            continue
        if verb.type != m.type:
            if tok.lemma_.lower() in verb.dependents:
                _fold_into_verb(verb, m)  # "postponed their meeting": the meeting is part of the trigger
                dropped.add(tok.i)
            elif tok.dep_ == "dobj" and not (m.args.actor or m.args.target or m.args.instrument):
                dropped.add(tok.i)  # "rejected the proposal": the proposal is what was rejected
        elif tok.dep_ in {"nsubj", "nsubjpass"}:
            _fold_outcome(m, verb)  # "the strike destroyed two aircraft"
            dropped.add(verb.trigger.i)
        else:
            _fold_into_verb(verb, m)  # "carried out a strike"
            dropped.add(tok.i)
    return [m for m in mentions if m.trigger.i not in dropped and not _bare_noun(m)]


def _fold_outcome(event: Mention, outcome: Mention) -> None:
    """A verb that tells what an event noun did lends it what the noun lacks."""
    if outcome.args.actor == event.trigger:
        event.args.instrument = event.args.instrument or outcome.args.instrument
    if event.args.target is None and outcome.args.target is not None:
        event.args.target = outcome.args.target
        event.quantity = event.quantity or ea.quantity(event.args)


def _fold_into_verb(verb: Mention, noun: Mention) -> None:
    if verb.args.target == noun.trigger:  # "praised the talks between Gondor and Rohan": the parties
        verb.args.target = noun.args.target or (noun.args.actor if verb.args.actor is not None else None)
    verb.args.actor = verb.args.actor or noun.args.actor
    verb.args.target = verb.args.target or noun.args.target
    verb.args.instrument = verb.args.instrument or noun.args.instrument
    verb.quantity = verb.quantity or noun.quantity


def _bare_noun(m: Mention) -> bool:
    """A noun with no participant and no place ("such attacks would ...") says too little to be recorded."""
    if m.trigger.pos_ not in NOUN_POS or m.args.actor or m.args.target or m.args.instrument:
        return False
    located = any(c.dep_ == "prep" and any(g.ent_type_ in PLACE_ENTS for g in c.subtree) for c in m.trigger.children)
    return not located


def _frames_containing(tok: Token, frames: list[Attribution]) -> tuple[int, ...]:
    return tuple(i for i, f in enumerate(frames) if f.content.start <= tok.idx < f.content.end)


def sentence_mentions(
    sent: Span, lex: Lexicon, light: set[str], frames: list[Attribution], candidates: list[int] | None = None
) -> list[Mention]:
    """The sentence's event mentions; `candidates` (token indexes, ascending) limits the tokens looked at to those
    that can be triggers (see `Candidates`)."""
    found = []
    doc = sent.doc
    tokens = sent if candidates is None else (doc[i] for i in candidates)
    for tok in tokens:
        mention = _mention(tok, lex, light, frames)
        if mention is not None:
            mention.sentence = (sent.start, sent.end)
            mention.attributions = _frames_containing(tok, frames)
            found.append(mention)
    _threats(found, lex)
    return _fold(found)


class Candidates:
    """Which tokens can be triggers: a verb or noun one of whose `_forms` the lexicon lists. Decided once per
    lemma and word (by their hashes in the string store), so that the tokens of a document are not each read."""

    def __init__(self, lex: Lexicon) -> None:
        self.forms = {form for form, _ in lex.triggers}
        self.light = {
            head for (head, pos), entries in lex.triggers.items() if pos == "V" for e in entries if "light" in e.flags
        }
        self.lemmas: dict[int, bool] = {}
        self.words: dict[int, bool] = {}

    def _word(self, word: str) -> bool:
        if word in self.forms:
            return True
        return any(word.endswith(e) and len(word) > len(e) + 2 and word[: -len(e)] in self.forms for e in ENDINGS)

    def of(self, doc: Doc) -> list[int]:
        """Token indexes, ascending."""
        if not len(doc):
            return []
        rows = doc.to_array([POS, LEMMA, LOWER])
        verbs_and_nouns = numpy.isin(rows[:, 0], CANDIDATE_POS)
        index = numpy.nonzero(verbs_and_nouns)[0].tolist()
        rows = rows[verbs_and_nouns]
        if not index:
            return []
        strings = doc.vocab.strings
        if len(self.lemmas) + len(self.words) > 1_000_000:  # a long-running process reads many words
            self.lemmas.clear()
            self.words.clear()
        lemmas, words = self.lemmas, self.words
        for h in set(rows[:, 1].tolist()):
            if h not in lemmas:
                lemmas[h] = strings[h].lower() in self.forms
        for h in set(rows[:, 2].tolist()):
            if h not in words:
                words[h] = self._word(strings[h])
        return [
            i
            for i, lemma, lower in zip(index, rows[:, 1].tolist(), rows[:, 2].tolist(), strict=True)
            if lemmas[lemma] or words[lower]
        ]


_CANDIDATES: dict[int, tuple[Lexicon, Candidates]] = {}


def candidates_for(lex: Lexicon) -> Candidates:
    found = _CANDIDATES.get(id(lex))
    if found is None or found[0] is not lex:
        found = (lex, Candidates(lex))
        _CANDIDATES[id(lex)] = found
    return found[1]


def extract_events(doc: Doc, lex: Lexicon) -> list[Event]:
    frames: list[Attribution] = list(doc._.rep_attributions or [])
    cands = candidates_for(lex)
    light = cands.light
    triggers = cands.of(doc)
    mentions: list[Mention] = []
    k = 0
    for sent in doc.sents:
        start = k
        while k < len(triggers) and triggers[k] < sent.end:
            k += 1
        if start == k:
            continue
        try:
            mentions.extend(sentence_mentions(sent, lex, light, frames, triggers[start:k]))
        except Exception:  # one odd parse must not lose the article
            log.debug("event extraction failed on a sentence", exc_info=True)
    return build_events(doc, mentions, lex)


class Component:
    def __init__(self, language: str = "en") -> None:
        self.lexicon = load(language)

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.rep_events = extract_events(doc, self.lexicon)
        except Exception:  # the events layer never stops the pipeline
            log.warning("event extraction failed; the article gets no events", exc_info=True)
            doc._.rep_events = []
        return doc


@Language.factory("reportedly_events", default_config={"language": "en"})
def make_component(nlp: Language, name: str, language: str) -> Component:
    return Component(language)
