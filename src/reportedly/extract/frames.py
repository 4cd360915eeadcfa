"""Attribution frames read off the dependency parse: cue, source and content as character ranges."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import status as st
from .lexicon import NO_FRAME, Lexicon
from .quotes import QuoteIndex

Range = tuple[int, int]

CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# Words that may open a clause of a cue but are not part of the cue itself.
WH_ADVERBS = frozenset({"when", "where", "why", "how", "while", "as", "so", "then", "however", "but"})
QUOTE_MARKS = frozenset("\"“”«»„'‘’")
INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp"})
EXPLETIVES = frozenset({"it", "there"})
CONTENT_PREPS = frozenset({"about", "on", "of", "for", "to", "against"})
PLAIN_SPEECH = frozenset({"say", "tell", "write", "add"})
FOR_VERBS = frozenset({"call", "push", "advocate", "press", "plead", "vouch", "ask", "lobby", "argue"})
TO_VERBS = frozenset({"respond", "refer", "point", "reply", "allude", "react", "object"})
# Objects of a clause-opening "in" that name who holds the view ("In a new poll, ...").
IN_SOURCES = frozenset(
    {
        "poll",
        "survey",
        "statement",
        "interview",
        "report",
        "study",
        "view",
        "mind",
        "opinion",
        "letter",
        "memo",
        "email",
        "tweet",
        "post",
        "speech",
        "column",
        "article",
        "book",
        "filing",
        "complaint",
        "lawsuit",
        "analysis",
        "estimate",
        "assessment",
        "remark",
        "testimony",
        "word",
        "video",
        "ad",
        "note",
        "message",
        "order",
        "ruling",
    }
)
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "ADP", "CCONJ", "PUNCT", "NUM", "PART"})
MAX_HEADLINE_NAME = 6
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Verbs after "declined to" that make it a refusal to comment ("declined to comment on Z").
SPEECH = frozenset(
    {
        "comment",
        "say",
        "answer",
        "discuss",
        "elaborate",
        "respond",
        "confirm",
        "speak",
        "specify",
        "reveal",
        "disclose",
        "detail",
        "address",
        "identify",
        "name",
        "provide",
        "talk",
        "give",
    }
)


@dataclass
class Frame:
    cue: Range | None
    source: Range | None
    content: Range
    status: str
    anchor: int  # token index of the cue's head
    hedges: list[str] = field(default_factory=list)
    form: str = "indirect"
    inherit_source: bool = False  # a hedge frame takes the source of the frame it sits in


class FrameFinder:
    """Finds frames in one parsed Doc. Create one per Doc; `lex` is shared."""

    def __init__(self, doc: Doc, lex: Lexicon, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.quotes = quotes
        self.used: set[int] = set()  # tokens already part of a cue

    # ---- spans -------------------------------------------------------------------------------

    def chars(self, i: int, j: int) -> Range:
        """Character range of tokens i..j (inclusive)."""
        last = self.doc[j]
        return self.doc[i].idx, last.idx + len(last.text)

    def trimmed(self, i: int, j: int) -> Range | None:
        """Tokens i..j without punctuation (other than quotation marks) at either edge."""
        doc = self.doc
        while i <= j and (doc[i].is_punct or doc[i].is_space) and doc[i].text[0] not in QUOTE_MARKS:
            i += 1
        while j >= i and (doc[j].is_punct or doc[j].is_space) and doc[j].text[-1] not in QUOTE_MARKS:
            if doc[j].text == ")" and "(" in self.text[doc[i].idx : doc[j].idx]:
                break
            j -= 1
        while i <= j and doc[i].dep_ == "cc" and i < j:
            i += 1
        return self.chars(i, j) if i <= j else None

    def subtree(self, tok: Token) -> Range | None:
        return self.trimmed(tok.left_edge.i, tok.right_edge.i)

    def outside(self, head: Token, inner: Token) -> Range | None:
        """The part of head's subtree on the other side of inner's subtree."""
        if inner.left_edge.i > head.left_edge.i and inner.i > head.i:
            return self.trimmed(head.left_edge.i, inner.left_edge.i - 1)
        return self.trimmed(inner.right_edge.i + 1, head.right_edge.i)

    # ---- cue ---------------------------------------------------------------------------------

    def cue_range(self, verb: Token, last: Token | None = None) -> tuple[int, int]:
        """The verb with its auxiliaries, negation and adverbs before it, and its time or place
        modifiers after it ("has not officially confirmed", "said in a statement Friday:")."""
        left = {child.i: child for child in verb.lefts}
        i = verb.i
        while i - 1 in left:
            child = left[i - 1]
            word = child.lower_
            if word in self.lex.hedges:
                if self.lex.hedges[word] != "claimed":
                    break
            elif not self._cue_word(child):
                break
            i -= 1
        j = verb.i if last is None else max(verb.i, last.i)
        head = verb if last is None else last
        for child in head.rights:
            if child.i != j + 1:
                continue
            if child.dep_ == "prt" or (child.dep_ == "npadvmod" and child.lower_ in WEEKDAYS):
                j = child.i
            elif child.dep_ == "prep" and child.lower_ == "in" and self._statement(child):
                j = child.right_edge.i
        if j + 1 < len(self.doc) and self.doc[j + 1].text == ":":
            j += 1
        return i, j

    @staticmethod
    def _cue_word(child: Token) -> bool:
        """An auxiliary, negation or adverb before the verb that belongs to the cue."""
        if child.dep_ not in CUE_LEFT or child.lower_ in WH_ADVERBS or child.lower_ == "to":
            return False
        return child.dep_ != "advmod" or child.pos_ == "ADV"

    def _statement(self, prep: Token) -> bool:
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return bool(objs) and objs[0].lemma_.lower() == "statement" and prep.right_edge.i - prep.i <= 3

    # ---- source ------------------------------------------------------------------------------

    def source_of(self, verb: Token, depth: int = 0) -> Range | None:
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                return self.subtree(objs[0]) if objs else None
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return self.subject_range(child, verb)
            if child.dep_ == "nsubjpass":
                return None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.trimmed(verb.head.left_edge.i, verb.left_edge.i - 1) if verb.i > verb.head.i else None
        if verb.dep_ in INHERIT_DEPS and depth < 3 and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            return self.source_of(verb.head, depth + 1)
        return None

    def subject_range(self, subj: Token, verb: Token) -> Range | None:
        if subj.lower_ in EXPLETIVES and subj.dep_ != "nsubj":
            return None
        if subj.lower_ in ("that", "which") and verb.dep_ == "relcl":
            head = verb.head
            return self.trimmed(head.left_edge.i, verb.left_edge.i - 1)
        return self.with_comma(self.cut_relative(subj))

    def cut_relative(self, subj: Token) -> Range | None:
        """The subject without a relative clause that holds a cue of its own ("X, who said Y, added")."""
        for child in subj.rights:
            if child.dep_ == "relcl" and any(self.lex.verb_status(t.lemma_.lower()) for t in child.subtree):
                return self.trimmed(subj.left_edge.i, child.left_edge.i - 1)
        return self.subtree(subj)

    def with_comma(self, rng: Range | None) -> Range | None:
        """A subject with an appositive keeps the comma that closes it ("Mr. King, 82, said")."""
        if rng is None:
            return None
        inner = self.text[rng[0] : rng[1]]
        if ", " in inner and self.text[rng[1] : rng[1] + 1] == ",":
            return rng[0], rng[1] + 1
        if " -- " in inner and self.text[rng[1] : rng[1] + 3] == " --":
            return rng[0], rng[1] + 3
        return rng

    # ---- content -----------------------------------------------------------------------------

    def clause_child(self, verb: Token) -> Token | None:
        for dep in ("ccomp", "xcomp"):
            for child in verb.children:
                if child.dep_ == dep:
                    return child
        return None

    def object_child(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "dobj":
                if child.lower_ in RELATIVE:
                    return self.as_phrase(verb)
                return child
        return None

    def as_phrase(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        return grand
        return None

    def quote_after(self, end_char: int) -> Range | None:
        pos = end_char
        text = self.text
        while pos < len(text) and text[pos] in " ,:\u00a0":
            pos += 1
        return self.quotes.starting_at(pos)

    def quote_before(self, start_char: int) -> Range | None:
        pos = start_char
        text = self.text
        while pos > 0 and text[pos - 1] in " ,\u00a0":
            pos -= 1
        quote = self.quotes.ending_at(pos)
        if quote is None and pos > 0 and text[pos - 1] in ",.":
            quote = self.quotes.ending_at(pos - 1)
        return quote

    def snap(self, content: Range, cue: Range) -> tuple[Range, str]:
        """Extend a content range to whole quotations it touches; return it with its form."""
        start, end = content
        touched = [q for q in self.quotes.overlapping(start, end) if not (q[0] <= cue[0] < q[1])]
        if not touched:
            return content, "indirect"
        start = min(start, touched[0][0])
        end = max(end, touched[-1][1])
        if len(touched) == 1 and (start, end) == touched[0]:
            return (start, end), "direct"
        return (start, end), "mixed"

    # ---- frames ------------------------------------------------------------------------------

    def verb_frame(self, verb: Token) -> Frame | None:
        lemma = verb.lemma_.lower()
        base = self.lex.verb_status(lemma)
        if base is None or verb.i in self.used:
            return None
        last: Token | None = None
        root: Token | None = None
        content: Range | None = None
        if base == "declined":
            last, content = self.declined_content(verb)
            if last is None and content is not None and not self.refusal(verb):
                base = "reported"
        if content is None:
            root, content = self.content_of(verb, lemma)
            if content is None:
                last, content = self.prep_content(verb, lemma)
            if content is None:
                content = self.fallback_content(verb, lemma)
        if content is None:
            return None
        i, j = self.cue_range(verb, last)
        self.used.update(range(i, j + 1))
        cue = self.chars(i, j)
        content, form = self.snap(content, cue)
        if content[0] <= cue[0] < content[1] and form == "indirect" and verb.dep_ != "parataxis":
            return None
        hedges = self.hedges_of(verb)
        signals = st.Signals(
            negated=st.is_negated(verb) or (last is not None and st.is_negated(last)),
            passive=st.is_passive(verb),
            has_agent=any(c.dep_ == "agent" for c in verb.children),
            cue_modal=st.has_modal(verb),
            content_modal=st.content_is_modal(root),
            hedge_statuses=tuple(self.lex.hedges[h] for h in hedges),
        )
        lookup = last.lemma_.lower() if last is not None and last.pos_ == "VERB" and signals.negated else lemma
        status = st.resolve(self.lex, lookup, base, signals)
        source = self.source_of(verb)
        return Frame(cue, source, content, status, verb.i, hedges, form)

    def content_of(self, verb: Token, lemma: str) -> tuple[Token | None, Range | None]:
        clause = None
        if lemma in self.lex.clause:
            clause = self.clause_child(verb)
        elif lemma in self.lex.beliefs:
            takes = self.lex.belief_takes.get(lemma, frozenset({"ccomp"}))
            clause = next((c for c in verb.children if c.dep_ in takes), None)
        if clause is not None:
            return clause, self.subtree(clause)
        if lemma in self.lex.beliefs and lemma not in self.lex.objects:
            return None, None
        after = self.quote_after(self.chars(verb.i, verb.i)[1])
        subject_after = [c for c in verb.rights if c.dep_ in SUBJECTS]
        if after is None and subject_after:
            after = self.quote_after(self.chars(verb.i, subject_after[0].right_edge.i)[1])
        if after is not None and lemma in self.lex.clause:
            return None, after
        obj = self.object_child(verb) if lemma in self.lex.objects else None
        if obj is not None:
            return obj, self.subtree(obj)
        return None, None

    def fallback_content(self, verb: Token, lemma: str) -> Range | None:
        """No complement: the subject of a passive ("could not be verified") or words before the cue."""
        if lemma not in self.lex.clause:
            return None
        if st.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "nsubjpass" and child.lower_ not in EXPLETIVES:
                    return self.subtree(child)
        return self.inverted_content(verb)

    def inverted_content(self, verb: Token) -> Range | None:
        """'..., the ministry said' and '"...," said X': the reported words come before the cue."""
        subject = [c for c in verb.lefts if c.dep_ in SUBJECTS]
        start = subject[0].left_edge.i if subject else verb.i
        before = self.quote_before(self.doc[start].idx)
        if before is not None:
            return before
        if verb.dep_ == "parataxis":
            if verb.head.i < verb.i:
                return self.outside(verb.head, verb)
            return self.subtree(verb.head)
        return None

    def declined_content(self, verb: Token) -> tuple[Token | None, Range | None]:
        """'declined to comment on Z': cue up to "comment", content Z; otherwise cue "declined", content "to ..."."""
        for child in verb.children:
            if child.dep_ != "xcomp":
                continue
            self.used.add(child.i)
            if child.lemma_.lower() in SPEECH:
                target = self.object_child(child) or self.clause_child(child) or self.prep_object(child)
                if target is not None:
                    return child, self.subtree(target)
            return None, self.subtree(child)
        return None, None

    def prep_content(self, verb: Token, lemma: str) -> tuple[Token | None, Range | None]:
        """'responded to Z', 'talked about Z', 'said of Z': the preposition joins the cue, its object is the content."""
        allowed = {"of"} if lemma in PLAIN_SPEECH else CONTENT_PREPS
        for child in verb.rights:
            if child.dep_ != "prep" or child.lower_ not in allowed:
                continue
            if (child.lower_ == "to" and lemma not in TO_VERBS) or (child.lower_ == "for" and lemma not in FOR_VERBS):
                continue
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")]
            if objs:
                return child, self.subtree(objs[0])
        return None, None

    def refusal(self, verb: Token) -> bool:
        """'declined to comment' (a refusal to speak) as against 'refused to fight'."""
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH for c in verb.children)

    def prep_object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "about", "to", "whether"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        return grand
        return None

    def hedges_of(self, verb: Token) -> list[str]:
        return [c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in self.lex.hedges]

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
        if not objs or objs[0].lemma_.lower() not in IN_SOURCES or prep.i > head.i or prep.dep_ != "prep":
            return None
        if self.lex.verb_status(head.lemma_.lower()) or prep.right_edge.i + 1 >= len(self.doc):
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
        self.used.add(prep.i)
        content, form = self.snap(content, cue)
        return Frame(cue, source, content, "reported", prep.i, [], form)

    def headline_frame(self, colon: Token) -> Frame | None:
        """'Sanders: Endorsements prove ...' and 'Q: ...': a short name before a colon that opens a paragraph."""
        text = self.text
        start = text.rfind("\n", 0, colon.idx) + 1
        end = text.find("\n", colon.idx)
        end = len(text) if end < 0 else end
        head = self.doc.char_span(start, colon.idx, alignment_mode="contract")
        if head is None or not 0 < len(head) <= MAX_HEADLINE_NAME:
            return None
        if any(t.pos_ not in NAME_POS for t in head) or not any(t.pos_ in ("PROPN", "NOUN") for t in head):
            return None
        body = self.doc.char_span(colon.idx + 1, end, alignment_mode="contract")
        if body is None or len(body) < 2:
            return None
        last = body.end - 1
        if self.doc[last].text == "." and last > body.start:
            last -= 1
        content = self.chars(body.start, last)
        cue = self.chars(colon.i, colon.i)
        content, form = self.snap(content, cue)
        return Frame(cue, self.chars(head.start, head.end - 1), content, "reported", colon.i, [], form)

    def noun_frame(self, noun: Token) -> Frame | None:
        base = self.lex.nouns.get(noun.lemma_.lower())
        if base is None:
            return None
        clause = None
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in child.children
            ):
                clause = child
                break
        if clause is None:
            return None
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
        cue = self.chars(noun.i, noun.i)
        content, form = self.snap(content, cue)
        self.used.add(noun.i)
        status = st.resolve(self.lex, noun.lemma_.lower(), base, st.Signals(content_modal=st.content_is_modal(clause)))
        return Frame(cue, source, content, status, noun.i, [], form)

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

    def find(self) -> list[Frame]:
        frames: list[Frame] = []
        for tok in self.doc:
            frame: Frame | None = None
            if tok.i in self.used or self.quotes.containing(tok.idx):
                continue
            if tok.lower_ == "according":
                frame = self.according_frame(tok)
            elif tok.lower_ == "in":
                frame = self.in_frame(tok)
            elif tok.text == ":":
                frame = self.headline_frame(tok)
            elif tok.pos_ == "VERB":
                frame = self.verb_frame(tok)
            elif tok.pos_ == "NOUN":
                frame = self.noun_frame(tok)
            if frame is not None:
                frames.append(frame)
        for tok in self.doc:
            if tok.pos_ == "ADV" and tok.lower_ in self.lex.hedges and tok.i not in self.used:
                frame = self.hedge_frame(tok)
                if frame is not None:
                    frames.append(frame)
        return frames
