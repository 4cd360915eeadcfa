"""Frames whose cue is not a reporting verb: "according to", "In X's view,", headline colons,
nominal cues ("claims that") and the author's hedges ("allegedly")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import status as st
from .frame_base import EXPLETIVES, Frame, FrameBase, Range
from .lexicon import NO_FRAME, read_column, read_table

NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "ADP", "CCONJ", "PUNCT", "NUM", "PART"})
MAX_HEADLINE_NAME = 6
# A dash before a short name and a colon opens a quoted line in digests: "... - Karsova: “...”".
HEADLINE_DASHES = (" - ", " — ", " -- ")
# Sources of a clause-opening "in" that hold what follows even when it has a reporting verb of its own.
POLLS = frozenset({"poll", "survey"})
# Verbs whose "as" clause is mostly one of time or comparison ("as he spoke", "as opposed to").
AS_NOT_CUES = frozenset(
    {"speak", "talk", "look", "oppose", "demonstrate", "reply", "joke", "decline", "sound", "intend"}
)
# Left dependents of a nominal cue that belong to the cue: "a claim", "the sharp criticism of".
NOUN_CUE_LEFT = frozenset({"det", "amod"})
# Verbs that link a subject to a stance adjective ("is confident", "remains wary").
COPULAS = frozenset({"be", "remain", "become", "stay", "grow"})
# Prepositions whose object is what a stance adjective or a light verb's noun is about.
STANCE_PREPS = frozenset({"of", "about", "with", "on", "over", "for", "in", "to", "toward", "towards", "against", "at"})
# Stance adjectives that take only some of those prepositions ("critical of", not "critical to").
ADJECTIVE_PREPS = {"critical": frozenset({"of"}), "clear": frozenset({"about", "on"})}
# With an infinitive these forecast rather than state a stance ("is sure to win").
FORECAST_ADJECTIVES = frozenset({"sure", "certain"})
# After a light verb's noun, "to", "in" and "on" mostly name the audience or the occasion, not the content.
LIGHT_PREPS = frozenset({"of", "about", "with", "over", "for", "at", "toward", "towards", "against", "regarding"})


# Verbs that join a nominal cue they take as object ("launched an attack on"); light verbs join too.
JOINING_VERBS = frozenset({"launch", "wage", "level", "mount", "unleash", "renew", "continue", "step", "have", "lead"})
# Phrasal cues by the lemma of their verb: (words of the cue, status); the last word is the preposition.
PHRASAL_CUES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _cue, _status in read_table("en", "phrasal_cues.tsv").items():
    _words = tuple(_cue.split())
    PHRASAL_CUES.setdefault(_words[0], []).append((_words, _status))
MAX_PHRASAL_GAP = 4
# Nominal cues whose preposition joins the cue ("questions about Y"), with their prepositions.
NOUN_PREPS = read_column("en", "nominal_preps.tsv", 1)


class PhraseFrames(FrameBase):
    """Frame finders for cues that are phrases, punctuation, nouns or adverbs rather than verbs."""

    def cue_range(self, verb: Token, last: Token | None = None) -> tuple[int, int]:
        """Token range of a verbal cue; `FrameFinder` gives the real one."""
        return verb.i, verb.i if last is None else last.i

    def source_of(self, verb: Token, depth: int = 0) -> Range | None:
        """Source of a verbal cue; `FrameFinder` gives the real one."""
        return None

    def unasserted_stance(self, verb: Token) -> bool:
        """'reluctant to support Trump', 'free to back anyone': a stance verb in an infinitive is no stance taken."""
        if not self.lex.has("finite_only", verb.lemma_.lower()):
            return False
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)

    def light_frame(self, verb: Token) -> Frame | None:
        """'expressed concern that Y', 'voiced support for Y', 'issued a statement saying Y', 'made it clear
        that Y': a light verb and its noun make one cue; the content is the noun's clause or object."""
        if verb.i in self.used:
            return None
        if not self.lex.has("light", verb.lemma_.lower()):
            return self.phrasal_frame(verb)
        obj = next(
            (c for c in verb.rights if c.dep_ in ("dobj", "ccomp", "oprd") and self._light_object(verb, c)), None
        )
        if obj is None:
            return None
        found = self._light_content(verb, obj)
        if found is None:
            return None
        last, content = found
        i = self.cue_range(verb)[0]
        cue = self.chars(i, last.i)
        self.used.update(range(i, last.i + 1))
        content, form = self.snap(content, cue)
        base = self.lex.nouns.get(obj.lemma_.lower(), "reported")
        signals = st.Signals(negated=st.is_negated(verb), cue_modal=st.has_modal(verb))
        status = st.resolve(self.lex, obj.lemma_.lower(), base, signals)
        return Frame(cue, self.source_of(verb), content, status, verb.i, [], form)

    def phrasal_frame(self, verb: Token) -> Frame | None:
        """'took aim at Y', 'lashed out at Y', 'distanced himself from Y': a verb, its particle or noun and a
        preposition make one cue (resources/en/phrasal_cues.tsv); the preposition's object is the content."""
        for words, status in PHRASAL_CUES.get(verb.lemma_.lower(), ()):
            prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == words[-1]), None)
            if prep is None or prep.i - verb.i > MAX_PHRASAL_GAP:
                continue
            between = {t.lemma_.lower() for t in self.doc[verb.i + 1 : prep.i]} | {
                t.lower_ for t in self.doc[verb.i + 1 : prep.i]
            }
            objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
            if not objs or not all(w in between for w in words[1:-1]):
                continue
            content = self._span_of(objs[0])
            i = self.cue_range(verb)[0]
            cue = self.chars(i, prep.i)
            self.used.update(range(i, prep.i + 1))
            content, form = self.snap(content, cue)
            signals = st.Signals(negated=st.is_negated(verb), cue_modal=st.has_modal(verb))
            return Frame(
                cue,
                self.source_of(verb),
                content,
                st.resolve(self.lex, verb.lemma_.lower(), status, signals),
                verb.i,
                [],
                form,
            )
        return None

    def _light_object(self, verb: Token, obj: Token) -> bool:
        if obj.dep_ == "dobj":
            return self.lex.has("light_object", obj.lemma_.lower())
        return obj.lower_ == "clear" and verb.lemma_.lower() == "make"  # "made (it) clear"

    def _light_content(self, verb: Token, obj: Token) -> tuple[Token, Range] | None:
        """The last token of the cue and the content, looked for from the noun outwards."""
        for child in obj.rights:
            if child.dep_ in ("acl", "ccomp", "advcl", "csubj") and any(
                g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in child.children
            ):
                return obj, self._span_of(child)
            if (found := self._saying_or_prep(child, "acl")) is not None:
                return found or None
        for child in verb.rights:
            if child.i <= obj.i:
                continue
            if child.dep_ == "ccomp":
                return obj, self._span_of(child)
            if (found := self._saying_or_prep(child, "advcl")) is not None:
                return found or None
        after = self.quote_after(self.chars(obj.i, obj.i)[1])
        return (obj, after) if after is not None else None

    def _saying_or_prep(self, child: Token, clause_dep: str) -> tuple[Token, Range] | tuple[()] | None:
        """After a light verb's noun: a verb of saying ("a statement saying Y") or a preposition ("concern
        about Y") ends the cue and gives the content; `()` when it ends the cue with no content, None when
        `child` is neither."""
        if child.dep_ == clause_dep and child.pos_ == "VERB" and child.lemma_.lower() in self.lex.clause:
            rest = self.trimmed(child.i + 1, child.right_edge.i)
            return (child, rest) if rest is not None else ()
        objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if child.dep_ == "prep" and child.lower_ in LIGHT_PREPS and objs:
            return child, self._span_of(objs[0])
        return None

    def _span_of(self, tok: Token) -> Range:
        return self.trimmed(tok.left_edge.i, tok.right_edge.i) or self.chars(tok.i, tok.i)

    def as_frame(self, verb: Token) -> Frame | None:
        """'As the Post reported, Y' and 'Y, as Smith put it': the clause the "as" clause hangs on is the content."""
        lemma = verb.lemma_.lower()
        known = self.lex.verb_status(lemma) or ("reported" if self.lex.has("as_only", lemma) else None)
        head = verb.head
        if known is None or verb.dep_ != "advcl" or head.i == verb.i or verb.i in self.used:
            return None
        if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
            return None
        objs = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
        if any(c.lower_ != "it" for c in objs):
            return None
        content = self.outside(head, verb)
        if content is None:
            return None
        if verb.lemma_.lower() in AS_NOT_CUES:
            return None
        i, j = self.cue_range(verb)
        if objs and objs[0].i == j + 1:
            j = objs[0].i  # "as he put it"
        cue = self.chars(i, j)
        clipped = self.in_paragraph(content, cue)
        if clipped is None:
            return None
        self.used.update(range(i, j + 1))
        content, form = self.snap(clipped, cue)
        return Frame(cue, self.source_of(verb), content, known, verb.i, [], form)

    def as_object_frame(self, verb: Token) -> Frame | None:
        """'Voters see Smith as the stronger candidate': a view of the object, stated with "as"."""
        if not self.lex.has("as_object", verb.lemma_.lower()) or verb.i in self.used:
            return None
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
        if obj is None or prep is None or prep.i < obj.i:
            return None
        target = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp", "amod", "acomp")), None)
        if target is None:
            return None
        content = self.trimmed(obj.left_edge.i, max(prep.right_edge.i, target.right_edge.i))
        if content is None:
            return None
        i, j = self.cue_range(verb)
        cue = self.chars(i, j)
        self.used.update(range(i, j + 1))
        content, form = self.snap(content, cue)
        status = st.resolve(self.lex, verb.lemma_.lower(), "reported", st.Signals(negated=st.is_negated(verb)))
        return Frame(cue, self.source_of(verb), content, status, verb.i, [], form)

    def adjective_frame(self, adj: Token) -> Frame | None:
        """'X is confident that Y', 'X is eager to Y', 'X was critical of Y', 'it is unclear whether Y'."""
        base = self.lex.adjectives.get(adj.lower_)
        copula = adj.head
        if base is None or adj.dep_ != "acomp" or copula.lemma_.lower() not in COPULAS or copula.i > adj.i:
            return None
        last = adj
        clause = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i), None)
        if clause is None:
            clause = next((c for c in copula.children if c.dep_ == "ccomp" and c.i > adj.i), None)
        target = clause
        if clause is None:
            for child in adj.rights:
                objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if child.dep_ == "prep" and child.lower_ in STANCE_PREPS and objs:
                    last, target = child, objs[0]
                    break
        if target is None or not self._stance_target(adj, last, target):
            return None
        content = self.trimmed(target.left_edge.i, target.right_edge.i)
        if content is None:
            return None
        i = self.cue_range(copula)[0]
        subject = [c for c in copula.children if c.dep_ == "nsubj" and c.i < copula.i]
        if subject and subject[0].lower_ in EXPLETIVES:
            return None  # "it is certain that": the author's own judgement, nobody's stance
        source = self.source_of(copula)  # "yearn for X and are not confident that": the shared subject
        cue = self.chars(i, last.i)
        self.used.update(range(i, last.i + 1))
        content, form = self.snap(content, cue)
        negated = st.is_negated(copula) or st.is_negated(adj)
        status = st.resolve(self.lex, adj.lower_, base, st.Signals(negated=negated, cue_modal=st.has_modal(copula)))
        return Frame(cue, source, content, status, adj.i, [], form)

    @staticmethod
    def _stance_target(adj: Token, last: Token, target: Token) -> bool:
        """'is critical of Y' but not 'is critical to Y'; 'is sure that Y' but not 'is sure to win' (a forecast)."""
        word = adj.lower_
        if last.i != adj.i:
            return last.lower_ in ADJECTIVE_PREPS.get(word, STANCE_PREPS)
        return not (word in FORECAST_ADJECTIVES and target.dep_ == "xcomp")

    def according_frame(self, tok: Token) -> Frame | None:
        """'according to X, Y' and 'Y, according to X'."""
        to = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"]
        nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
        if not to and nxt is not None and nxt.lower_ == "to":
            to = [nxt]
        if not to:
            return None
        objs = [c for c in to[0].children if c.dep_ == "pobj"]
        source = self.subtree(objs[0]) if objs else None
        head = tok.head if tok.head.i != tok.i else None
        if head is None:
            return None
        content = self.outside(head, tok)
        if content is None:
            return None
        cue = self.chars(tok.i, to[0].i)
        content, form = self.snap(content, cue)
        self.used.update(range(tok.i, to[0].i + 1))
        return Frame(cue, source, content, "reported", tok.i, [], form)

    def in_frame(self, prep: Token) -> Frame | None:
        """'In a new poll, most voters ...', 'In Trump's view, ...': the source is the object of "in"."""
        head = prep.head
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or not self.lex.has("in_source", objs[0].lemma_.lower()) or prep.i > head.i or prep.dep_ != "prep":
            return None
        polled = objs[0].lemma_.lower() in POLLS  # "In a new poll, most voters said ...": the poll holds the rest
        if (self.lex.verb_status(head.lemma_.lower()) and not polled) or prep.right_edge.i + 1 >= len(self.doc):
            return None
        if self.doc[prep.right_edge.i + 1].text != ",":
            return None
        content = self.outside(head, prep)
        if content is None:
            return None
        cue = self.chars(prep.i, prep.i)
        obj = objs[0]
        source = self.trimmed(obj.left_edge.i, obj.right_edge.i)
        poss = [c for c in obj.children if c.dep_ == "poss"]
        if obj.lemma_.lower() in ("view", "mind", "opinion", "words") and poss:
            source = self.subtree(poss[0])
            cue = self.chars(obj.i, obj.i)  # "In Smith's view,": the noun is the cue
        self.used.add(prep.i)
        content, form = self.snap(content, cue)
        return Frame(cue, source, content, "reported", prep.i, [], form)

    def viewpoint_frame(self, prep: Token) -> Frame | None:
        """'To Sanders, the shift is overdue': a clause-opening "to" naming people, set off by a comma,
        gives their view."""
        head = prep.head
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or prep.dep_ != "prep" or prep.i > head.i or prep.right_edge.i + 1 >= len(self.doc):
            return None
        if self.doc[prep.right_edge.i + 1].text != "," or not self._opens_clause(prep):
            return None
        obj = objs[0]
        people = obj.ent_type_ in ("PERSON", "NORP", "ORG") or self.lex.has("viewpoint_holder", obj.lemma_.lower())
        if not people or obj.ent_type_ in ("DATE", "TIME"):
            return None
        content = self.outside(head, prep)
        if content is None:
            return None
        cue = self.chars(prep.i, prep.i)
        self.used.add(prep.i)
        content, form = self.snap(content, cue)
        return Frame(cue, self.trimmed(obj.left_edge.i, obj.right_edge.i), content, "reported", prep.i, [], form)

    def _opens_clause(self, tok: Token) -> bool:
        """The first word of its sentence, or after a conjunction or a comma that opens the clause."""
        if tok.is_sent_start:
            return True
        before = self.doc[tok.i - 1]
        return before.dep_ == "cc" or (before.text in (",", ";", "—", "--") and tok.i - 1 > tok.sent.start)

    def headline_frame(self, colon: Token) -> Frame | None:
        """'Sanders: Endorsements prove ...': a short name before a colon that opens a paragraph or follows a
        dash; a name in capitals alone on its line gives the next paragraph."""
        text = self.text
        start = text.rfind("\n", 0, colon.idx) + 1
        for dash in HEADLINE_DASHES:
            found = text.rfind(dash, start, colon.idx)
            start = found + len(dash) if found >= 0 else start
        end = text.find("\n", colon.idx)
        end = len(text) if end < 0 else end
        head = self.doc.char_span(start, colon.idx, alignment_mode="contract")
        if head is None or not 0 < len(head) <= MAX_HEADLINE_NAME or not self._headline_name(head):
            return None
        after = text[colon.idx + 1 : colon.idx + 2]
        if self.lex.has("not_speaker", head[-1].lower_) or after not in (" ", "\n"):
            return None
        body_start = colon.idx + 1
        if after == "\n":  # a transcript: "KARSOVA:" on its own line, the words in the next paragraph
            if not head[-1].text.isupper() or len(head[-1]) < 2:
                return None
            rest = text[end:]
            body_start = end + len(rest) - len(rest.lstrip())
            end = text.find("\n", body_start)
            end = len(text) if end < 0 else end
        body = self.doc.char_span(body_start, end, alignment_mode="contract")
        if body is None or sum(1 for t in body if t.is_alpha) < 2 or body[0].is_digit:
            return None
        last = body.end - 1
        if self.doc[last].text == "." and last > body.start:
            last -= 1
        content = self.chars(body.start, last)
        cue = self.chars(colon.i, colon.i)
        content, form = self.snap(content, cue)
        return Frame(cue, self.chars(head.start, head.end - 1), content, "reported", colon.i, [], form)

    @staticmethod
    def _headline_name(head: Span) -> bool:
        """'Sanders', 'Gov. Velmora', 'Poll': a name, or one capitalised word however it is tagged; not "Q"."""
        if len(head) == 1:
            word = head[0]
            if len(word) < 2:
                return False
            if word.ent_type_ in ("PERSON", "ORG"):
                return True
            return word.pos_ == "PROPN" or (word.pos_ == "NOUN" and word.text.istitle() and word.is_alpha)
        return all(t.pos_ in NAME_POS for t in head) and any(t.pos_ == "PROPN" for t in head)

    def noun_frame(self, noun: Token) -> Frame | None:
        base = self.lex.nouns.get(noun.lemma_.lower())
        if base is None:
            return self.noun_prep_frame(noun) or self.noun_infinitive_frame(noun)
        clause = None
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in child.children
            ):
                clause = child
                break
        if clause is None:
            return self.noun_prep_frame(noun) or self.noun_infinitive_frame(noun)
        content = self.subtree(clause)
        if content is None:
            return None
        source = None
        for child in noun.children:
            if child.dep_ == "poss":
                source = self.subtree(child)
            elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                source = self.subtree(objs[0]) if objs else source
        i = self.noun_start(noun)
        cue = self.chars(i, noun.i)
        content, form = self.snap(content, cue)
        self.used.update(range(i, noun.i + 1))
        status = st.resolve(self.lex, noun.lemma_.lower(), base, st.Signals(content_modal=st.content_is_modal(clause)))
        return Frame(cue, source, content, status, noun.i, [], form)

    def noun_start(self, noun: Token) -> int:
        """'the sharp criticism of', 'a claim that': a nominal cue takes its article and its adjectives,
        not a possessor ("Smith's claim") or a compound ("border security claims")."""
        i = noun.i
        while i - 1 >= noun.left_edge.i:
            before = self.doc[i - 1]
            if before.head.i != noun.i or before.dep_ not in NOUN_CUE_LEFT:
                break
            i -= 1
        return i

    def noun_infinitive_frame(self, noun: Token) -> Frame | None:
        """'Smith's decision to resign', 'their plan to expand': an intention with its infinitive."""
        lemma = noun.lemma_.lower()
        if not self.lex.has("infinitive", lemma):
            return None
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")), None)
        if clause is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return None
        poss = [c for c in noun.children if c.dep_ == "poss"]
        content = self.subtree(clause)
        if content is None or not poss:
            return None
        i = self.noun_start(noun)
        cue = self.chars(i, noun.i)
        content, form = self.snap(content, cue)
        self.used.update(range(i, noun.i + 1))
        return Frame(cue, self.subtree(poss[0]), content, self.lex.nouns.get(lemma, "speculative"), noun.i, [], form)

    def noun_prep_frame(self, noun: Token) -> Frame | None:
        """'X's criticism of Y', 'attacks on Y by X', 'support for Y': the preposition joins the cue and its
        object is the content; the source is the possessor or the object of "from"/"by"."""
        lemma = noun.lemma_.lower()
        verb = noun.head
        role = "attr_prep" if noun.dep_ == "attr" and verb.lemma_.lower() in COPULAS else "noun_prep"
        prep = next((c for c in noun.rights if c.dep_ == "prep" and self._joins(role, lemma, c.lower_)), None)
        objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")] if prep is not None else []
        if prep is None or not objs or prep.i != noun.i + 1:
            return None
        content = self.subtree(objs[0])
        if content is None:
            return None
        i = self.noun_start(noun)
        source = None
        for child in noun.children:
            if child.dep_ == "poss":
                source = self.subtree(child)
            elif child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i != prep.i:
                by = [g for g in child.children if g.dep_ == "pobj"]
                source = self.subtree(by[0]) if by else source
        joins = role == "attr_prep" or (noun.dep_ == "dobj" and verb.pos_ == "VERB")
        if role == "noun_prep" and joins and not self._joining_verb(verb):
            return None  # "answered a question about", "cheered her attacks on": the verb's own object
        if joins and verb.i < noun.i and verb.i not in self.used:
            # "launched an attack on", "is a critic of": the verb before the noun joins the cue
            i = self.cue_range(verb)[0]
            source = self.source_of(verb) or source  # the subject, not the possessive inside the cue
        elif role == "attr_prep":
            return None
        cue = self.chars(i, prep.i)
        content, form = self.snap(content, cue)
        self.used.update(range(i, prep.i + 1))
        return Frame(cue, source, content, self.lex.nouns.get(lemma, "reported"), noun.i, [], form)

    def _joining_verb(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        return self.lex.has("light", lemma) or lemma in JOINING_VERBS

    def _joins(self, role: str, lemma: str, prep: str) -> bool:
        """Whether `prep` after the nominal cue `lemma` joins the cue."""
        return self.lex.has(f"{role}:{prep}", lemma) or (role == "noun_prep" and prep in NOUN_PREPS.get(lemma, ()))

    def hedge_frame(self, adverb: Token) -> Frame | None:
        """'were allegedly intercepted': the author (or the enclosing source) distances itself."""
        status = self.lex.hedges.get(adverb.lower_)
        verb = adverb.head
        if status in (None, NO_FRAME) or adverb.dep_ != "advmod" or verb.i in self.used:
            return None
        if verb.pos_ not in ("VERB", "AUX") or self.lex.verb_status(verb.lemma_.lower()):
            return None
        start = adverb.i + 1 if adverb.i < verb.i else verb.i
        content = self.trimmed(start, verb.right_edge.i)
        if content is None:
            return None
        self.used.add(adverb.i)
        cue = self.chars(adverb.i, adverb.i)
        assert status is not None
        return Frame(cue, None, content, status, adverb.i, [adverb.lower_], "indirect", inherit_source=True)
