"""How surely a source asserts something: status from the cue, negation, modality and the author's hedges."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon

MODALS = frozenset({"could", "may", "might", "would"})
# The status a negated cue takes when the lexicon has no "not <cue>" entry.
NEGATED = {
    "confirmed": "not_confirmed",
    "denied": "not_confirmed",
    "reported": "not_confirmed",
    "claimed": "not_confirmed",
    "declined": "reported",
    "speculative": "speculative",
}


@dataclass(frozen=True)
class Signals:
    """What around a cue changes its status."""

    negated: bool = False
    passive: bool = False
    has_agent: bool = False
    cue_modal: bool = False
    content_modal: bool = False
    hedge_statuses: tuple[str, ...] = ()


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def has_modal(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in MODALS for child in verb.children)


def content_is_modal(root: Token | None) -> bool:
    """True when the reported clause, or a clause conjoined with it, carries could/may/might/would."""
    if root is None:
        return False
    if has_modal(root):
        return True
    return any(child.dep_ == "conj" and has_modal(child) for child in root.children)


def resolve(lex: Lexicon, lemma: str, base: str, signals: Signals) -> str:
    if signals.negated:
        if base == "confirmed" and signals.passive and not signals.has_agent:
            return "unverified"
        if lemma in lex.negated:
            return lex.negated[lemma]
        return NEGATED.get(base, base)
    if base == "declined":
        return base
    if signals.cue_modal:
        return "speculative"
    if "claimed" in signals.hedge_statuses and base in ("reported", "confirmed"):
        return "claimed"
    if signals.content_modal and base == "reported":
        return "speculative"
    return base
