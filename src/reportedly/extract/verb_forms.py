"""Verb frames beyond "X said Y": impressions, passive views with "as", pro-form contents, "called for X to Y",
and the speaker of an aside the parser hung inside a reported clause."""

from __future__ import annotations

import re

from spacy.tokens import Token

from . import status as st
from .cue_phrases import PhraseFrames
from .frame_base import EXPLETIVES, QUOTE_MARKS, Frame, Range

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Words that stand for a whole reported clause: "said so", "said no", "said the same".
PRO_CONTENT = frozenset({"so", "no", "yes", "otherwise", "nothing", "much", "little", "same"})
# A dateline before the first words of a story: "NOVIGRAD, Velmora (Wire) - ".
DATELINE = re.compile(r"[A-Z][A-Z .'-]+[A-Z](?:, [A-Z][\w. ]{0,20})?(?: \([^)]{1,30}\))? (?:-|--|—|–) ")
# A dateline that the parser took for the speaker: "WASHINGTON (AP)", "Washington (AFP)", "BUENA PARK, Calif.".
DATELINE_ONLY = re.compile(
    r"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*|[A-Z][a-z]+(?= \())(?:, [A-Z][\w. ]{0,20})?(?: \([^)]{1,30}\))?"
)
DASH_AFTER = re.compile(r"[ \u00a0]*(?:--|—|–|-)[ \u00a0]")
CLOSING_DASH = re.compile(r"[ \u00a0]*(?:--|—|–)")
PRO_DEPS = frozenset({"advmod", "intj", "dobj", "npadvmod"})


class VerbForms(PhraseFrames):
    """Verb frames that need more than the verb's complement."""

    def passive_as_frame(self, verb: Token) -> Frame | None:
        """'X is widely seen as Y', 'a group known as Z': a view of X held by someone, named only after "by"."""
        if not self.lex.has("as_passive", verb.lemma_.lower()) or verb.tag_ != "VBN" or verb.i in self.used:
            return None
        prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i <= verb.i + 2), None)
        if prep is None or not any(g.dep_ in ("pobj", "pcomp", "amod", "acomp") for g in prep.children):
            return self.passive_view(verb)
        aux = any(c.dep_ == "auxpass" for c in verb.children)
        return self._view_frame(verb, prep, prep, ("NOUN", "PROPN", "PRON"), aux)

    def passive_view(self, verb: Token) -> Frame | None:
        """'X is considered the favourite', 'a judge deemed a moderate': the view without "as"."""
        if not self.lex.has("passive_view", verb.lemma_.lower()):
            return None
        complement = next((c for c in verb.rights if c.dep_ in ("oprd", "attr", "acomp") and c.i <= verb.i + 3), None)
        if complement is None:
            return None
        return self._view_frame(verb, complement, None, ("NOUN", "PROPN"), True)

    def _view_frame(
        self, verb: Token, last: Token, cue_last: Token | None, heads: tuple[str, ...], aux: bool
    ) -> Frame | None:
        """The frame of a passive view: the whole clause up to `last` is the content; the cue runs to
        `cue_last` ("as") or over the verb and its auxiliaries; a source only after "by"."""
        if verb.dep_ == "acl" and verb.head.pos_ in heads:
            start = verb.head.left_edge.i
        else:
            subjects = [c for c in verb.lefts if c.dep_ == "nsubjpass"]
            if not subjects or not aux:
                return None
            start = subjects[0].left_edge.i
        content = self.trimmed(start, last.right_edge.i)
        i, j = self.cue_range(verb)
        if content is None or j >= last.i:
            return None
        j = cue_last.i if cue_last is not None else j
        self.used.update(range(i, j + 1))
        status = st.resolve(self.lex, verb.lemma_.lower(), "reported", st.Signals(negated=st.is_negated(verb)))
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source = self.source_of(verb) if agent is not None else None
        return Frame(self.chars(i, j), source, content, status, verb.i, [], "indirect")

    def seem_frame(self, verb: Token) -> Frame | None:
        """'Novigrad seems stable', 'the team appeared paralyzed': an impression, the whole clause is what
        seems so and no one is named as holding it."""
        lemma = verb.lemma_.lower()
        if not self.lex.has("raising", lemma) or verb.i in self.used:
            return None
        complement = [
            c for c in verb.rights if c.dep_ in ("acomp", "attr", "oprd") or (c.dep_ == "prep" and c.lower_ == "like")
        ]
        subjects = [c for c in verb.lefts if c.dep_ in SUBJECTS and c.lower_ not in EXPLETIVES]
        if not complement or not subjects:
            return None
        content = self.trimmed(subjects[0].left_edge.i, complement[0].right_edge.i)
        if content is None:
            return None
        i, j = self.cue_range(verb)
        self.used.update(range(i, j + 1))
        base = self.lex.verb_status(lemma) or "speculative"
        status = st.resolve(self.lex, lemma, base, st.Signals(negated=st.is_negated(verb)))
        return Frame(self.chars(i, j), None, content, status, verb.i, [], "indirect")

    def pro_content(self, verb: Token, lemma: str) -> Token | None:
        """'said so', 'said no', 'thinks so': one word stands for the reported clause."""
        if lemma not in self.lex.clause and lemma not in self.lex.beliefs:
            return None
        for child in verb.rights:
            if child.dep_ in PRO_DEPS and child.lower_ in PRO_CONTENT and child.i <= verb.i + 2:
                return child
        return None

    def for_clause(self, verb: Token, lemma: str) -> tuple[Token | None, Range | None]:
        """'called for the mayor to resign': "for" joins the cue, the clause after it is the content."""
        if not self.lex.has("for", lemma):
            return None, None
        for child in verb.rights:
            if child.dep_ not in ("advcl", "ccomp", "xcomp"):
                continue
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "for" and c.i == child.left_edge.i]
            if marks and marks[0].i <= verb.i + 3:
                return marks[0], self.trimmed(marks[0].i + 1, child.right_edge.i)
        return None, None

    def reporting_ancestor(self, verb: Token) -> Token | None:
        """'X argued that Y, saying Z': the parser hung "saying" inside Y; X says Z too."""
        if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.left_edge.i != verb.i or verb.i == 0:
            return None
        if self.doc[verb.i - 1].text != ",":
            return None
        node = verb.head
        for _ in range(4):
            if node.dep_ == "ccomp" and node.head.i < node.i and self.lex.verb_status(node.head.lemma_.lower()):
                return node.head
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def setting(self, obj: Token) -> bool:
        """'on condition of anonymity', 'on the phone', 'on behalf of X': where or how someone spoke, not what."""
        words = [t.lower_ for t in obj.subtree]
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        if self.lex.has("setting", " ".join(words)):
            return True
        return len(words) > 2 and words[1] == "of" and self.lex.has("setting", " ".join(words[:2]))

    def clean_source(self, rng: Range) -> Range | None:
        """A source without what the parser wrongly hung on the speaker: the quotation that ends inside it
        ('“...,” Karsova, 61, told') and a dateline ("NOVIGRAD (Wire) — Mayor Dorn said"). A source set off
        by dashes keeps its closing one, as a closing comma is kept."""
        start, end = rng
        for quote in self.quotes.overlapping(start, end):
            if quote[0] <= start < quote[1] <= end:
                start = quote[1]
        text = self.text
        dateline = DATELINE.match(text, start, end)
        if dateline is not None and self.place_or_wire(start, dateline.end()):
            start = dateline.end()  # "NOVIGRAD, Velmora - Mayor Dorn said": the dateline is not the speaker
        while start < end and (text[start].isspace() or text[start] in QUOTE_MARKS or text[start] in ",."):
            start += 1
        if start < end and (start == 0 or text[start - 1] == "\n") and self.dateline_only(start, end):
            dash = DASH_AFTER.match(text, end)
            if dash is not None:
                return self.after_dateline(dash.end())
        closing = CLOSING_DASH.match(text, end)
        if closing is not None and sum(text.count(d, start, end) for d in ("--", "—", "–")) % 2 == 1:
            end = closing.end()  # "Dorn — a teacher from Velmora — said": the closing dash, like a closing comma
        return (start, end) if start < end else None

    def dateline_only(self, start: int, end: int) -> bool:
        return DATELINE_ONLY.fullmatch(self.text, start, end) is not None and self.place_or_wire(start, end)

    def place_or_wire(self, start: int, end: int) -> bool:
        """A dateline names a place, alone or with a region or a wire service ("WASHINGTON", "BUENA PARK, Calif.",
        "Washington (AFP)"); a lone word the model tags as an organisation or a person ("NATO") is the speaker.
        Only those tags count: the model often gives a capitalised place another one ("BRUSSELS" as NORP)."""
        words = self.text[start:end]
        if "(" in words or "," in words:
            return True
        first = self.doc.char_span(start, end, alignment_mode="expand")
        return first is not None and first[0].ent_type_ not in ("ORG", "PERSON")

    def after_dateline(self, pos: int) -> Range | None:
        """The words after a dateline, up to the first verb or comma: who the story opens with."""
        span = self.doc.char_span(pos, len(self.text), alignment_mode="expand")
        if span is None:
            return None
        last = None
        for tok in span:
            if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";", ":") or "\n" in tok.text:
                break
            last = tok
        return self.chars(span.start, last.i) if last is not None else None
