"""Attribution frames read off the dependency parse: cue, source and content as character ranges."""

from __future__ import annotations

import logging
from collections.abc import Callable

from spacy.attrs import LOWER, POS
from spacy.symbols import ADJ, ADV, NOUN, VERB
from spacy.tokens import Token

from . import status as st
from .frame_base import EXPLETIVES, Frame, Range
from .verb_forms import PRO_CONTENT, SUBJECTS, VerbForms

log = logging.getLogger(__name__)

CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# Words that may open a clause of a cue but are not part of the cue itself.
WH_ADVERBS = frozenset({"when", "where", "why", "how", "while", "as", "so", "however", "but"})
INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp"})
CONTENT_PREPS = frozenset({"about", "on", "of", "for", "to", "against", "at"})
OBJECT_PREDICATES = frozenset({"oprd", "xcomp", "ccomp", "acomp", "advmod"})
OBJECT_PREPS = frozenset({"as", "of", "for", "with"})
OBJECT_MODIFIERS = frozenset({"prep", "npadvmod", "advmod"})  # right after the object, no comma between
TRAILING = frozenset({"following", "after", "amid", "despite"})
# What `frame_at` looks at: these words, and verbs, nouns and adjectives.
CUE_WORDS = ("according", "in", "to", ":")
CUE_POS = frozenset({VERB, NOUN, ADJ})
# Nouns of the occasion on which something was said ("in an interview", "during a debate").
OCCASIONS = frozenset({"interview", "statement", "speech", "post", "filing", "email", "letter", "debate", "rally"})
FOCUS_WORDS = frozenset({"even"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
AUX_INSERTS = frozenset({"since", "both", "all", "each"})


class FrameFinder(VerbForms):
    """Finds the frames of one parsed Doc: reporting verbs here, other cues in `PhraseFrames`."""

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
            elif not self._cue_word(child) and not self._between_auxiliaries(child, verb):
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
            elif child.dep_ == "prep" and self.lex.has(f"cue_prep:{child.lower_}", head.lemma_.lower()):
                j = child.i  # "said of", "called on", "pointed to": the preposition without its object
        if j + 1 < len(self.doc) and self.doc[j + 1].text == ":":
            j += 1
        if verb.dep_ == "xcomp" and self.lex.has("lead", verb.head.lemma_.lower()) and verb.head.i < verb.i:
            i = min(i, self.cue_range(verb.head)[0])  # "went on to say", "continued to argue"
        return i, j

    @staticmethod
    def _cue_word(child: Token) -> bool:
        """An auxiliary, negation or adverb before the verb that belongs to the cue."""
        if child.dep_ not in CUE_LEFT or child.lower_ in WH_ADVERBS:
            return False
        return child.dep_ != "advmod" or child.pos_ == "ADV"

    @staticmethod
    def _between_auxiliaries(child: Token, verb: Token) -> bool:
        """'has since said', 'have both said': a word between the auxiliary and the verb."""
        if child.lower_ not in AUX_INSERTS:
            return False
        return any(c.dep_ in ("aux", "auxpass") and c.i < child.i for c in verb.children)

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
            if child.dep_ in ("nsubj", "csubj") and not self.quoted_word(child, verb):
                return self.subject_range(child, verb)
            if child.dep_ == "nsubjpass":
                holder = self.lex.has("quoted_as", verb.lemma_.lower()) or self.lex.has("holder", verb.lemma_.lower())
                return self.subtree(child) if holder else None  # "was quoted as saying", "is convinced that"
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.trimmed(verb.head.left_edge.i, verb.left_edge.i - 1) if verb.i > verb.head.i else None
        if depth == 0 and self.opening_participle(verb):
            return None  # "Asked about X, Y said ...": whoever asked is not named
        controller = self.xcomp_object(verb.head, verb) if verb.dep_ == "xcomp" and depth == 0 else None
        if controller is not None:
            return self.subtree(controller)  # "the loss led some allies to worry": the allies worry
        speaker = self.reporting_ancestor(verb)
        if speaker is not None and depth < 3:
            return self.source_of(speaker, depth + 1)
        if verb.dep_ not in INHERIT_DEPS or depth >= 3 or (verb.dep_ == "advcl" and verb.tag_ == "VBN"):
            return None  # "Asked whether ...": whoever asked is not named
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and self.lex.verb_status(head.head.lemma_.lower()):
            head = head.head  # "X said Y was wrong and accused Z": the parser hung the second cue inside Y
        for _ in range(3):  # "called Trump a blowhard and said": conj may hang off a noun
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return self.source_of(head, depth + 1)
        return None

    @staticmethod
    def opening_participle(verb: Token) -> bool:
        """A past participle opening its sentence with no subject ("Asked about the ferry, ..."), however tagged."""
        if verb.tag_ not in ("VBN", "VBD") or verb.i != verb.sent.start or verb.dep_ == "ROOT":
            return False
        return not any(c.dep_ in SUBJECTS for c in verb.children)

    def subject_range(self, subj: Token, verb: Token) -> Range | None:
        if subj.lower_ in EXPLETIVES and (subj.dep_ != "nsubj" or self.lex.has("raising", verb.lemma_.lower())):
            return None  # "it may seem surprising that ...": no one is named
        if subj.lower_ in ("that", "which") and verb.dep_ == "relcl":
            return self.chars(subj.i, subj.i)
        return self.without_focus(self.with_comma(self.cut_relative(subj)))

    def without_focus(self, rng: Range | None) -> Range | None:
        """'even a top strategist said': a focus word before the subject is the writer's, not the source's."""
        if rng is None:
            return None
        first = self.text[rng[0] : rng[1]].split(" ", 1)
        if len(first) == 2 and first[0].lower() in FOCUS_WORDS:
            return rng[0] + len(first[0]) + 1, rng[1]
        return rng

    def cut_relative(self, subj: Token) -> Range | None:
        """The subject without a relative clause that holds a cue of its own ("X, who said Y, added") or a
        participle set off by commas."""
        for child in subj.rights:
            if child.dep_ == "relcl" and any(self.lex.verb_status(t.lemma_.lower()) for t in child.subtree):
                return self.trimmed(subj.left_edge.i, child.left_edge.i - 1)
            if self.participle_aside(child) or self.occasion(child):
                return self.trimmed(subj.left_edge.i, child.left_edge.i - 1)
        return self.subtree(subj)

    def occasion(self, child: Token) -> bool:
        """'The campaign on Monday said', 'X in an interview said': when or where it was said, hung by the
        parser on the speaker."""
        if child.dep_ != "prep" or child.lower_ not in ("on", "in", "at", "during"):
            return False
        objs = [g for g in child.children if g.dep_ == "pobj"]
        if not objs:
            return False
        obj = objs[0]
        return self.when_or_where(child) or obj.lower_ in WEEKDAYS or obj.lemma_.lower() in OCCASIONS

    def participle_aside(self, child: Token) -> bool:
        """'X, speaking at a rally, said': the circumstance of the speaker, not part of who speaks."""
        if child.dep_ != "acl" or child.tag_ != "VBG" or child.left_edge.i != child.i or child.i == 0:
            return False
        return self.doc[child.i - 1].text == ","

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
        """The reported clause; one after the verb wins over one before it (a misattached subordinate clause)."""
        for dep in ("ccomp", "xcomp"):
            found = [child for child in verb.children if child.dep_ == dep]
            if found:
                after = [child for child in found if child.i > verb.i]
                return after[0] if after and len(found) > 1 else found[0]
        return None

    def clause_end(self, clause: Token) -> int:
        """Last token of a reported clause, stopping before a conjoined verb of speech that has no subject of
        its own ("X said Y was wrong and accused Z": the parser hung "accused" inside Y)."""
        for child in clause.rights:
            trailing = (
                child.dep_ in ("prep", "advcl") and child.lower_ in TRAILING and self.doc[child.i - 1].text == ","
            )
            if trailing:
                return child.i - 2  # "..., following Washington's approval": the author's framing, not the report
            if self.speech_aside(child):
                return self.before(child.left_edge.i, clause.i)
            lemma = child.lemma_.lower()
            if child.dep_ != "conj" or lemma in self.lex.beliefs or not self.lex.verb_status(lemma):
                continue  # "she was tired and wanted a change": a belief shares the reported subject
            if any(c.dep_ in SUBJECTS for c in child.children):
                continue
            return self.before(child.left_edge.i, clause.i)
        return clause.right_edge.i

    def before(self, i: int, floor: int) -> int:
        """The last token before i that is not a conjunction or punctuation."""
        end = i - 1
        while end > floor and (self.doc[end].dep_ == "cc" or self.doc[end].is_punct):
            end -= 1
        return end

    def speech_aside(self, child: Token) -> bool:
        """', saying ...' or ', while Y said ...' hung by the parser inside a reported clause: a frame of its own."""
        if child.dep_ not in ("advcl", "conj") or self.lex.clause.get(child.lemma_.lower()) is None:
            return False
        if child.i == 0 or self.doc[child.left_edge.i - 1].text not in (",", ";", "--", "—"):
            return child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "while" for c in child.children)
        if child.tag_ == "VBG" and child.left_edge.i == child.i:
            return True
        return any(c.dep_ in SUBJECTS for c in child.children) and self.clause_child(child) is not None

    def object_child(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "dobj":
                if child.lower_ in RELATIVE:
                    return self.as_phrase(verb) or (child if verb.dep_ == "relcl" and child.i < verb.i else None)
                return child
        return None

    def as_phrase(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        return grand
        return None

    def verb_frame(self, verb: Token) -> Frame | None:
        lemma = verb.lemma_.lower()
        base = self.lex.verb_status(lemma)
        if base is None or verb.i in self.used or self.quotes_as_saying(verb) or self.inside_cue_infinitive(verb):
            return None
        if self.unasserted_stance(verb):
            return None
        last: Token | None = None
        root: Token | None = None
        content: Range | None = None
        if base == "declined":
            last, content = self.declined_content(verb)
            if last is None and content is not None and not self.refusal(verb):
                base = "reported"
        if content is None:
            last, content = self.for_clause(verb, lemma)
        if content is None:
            root, content = self.content_of(verb, lemma)
            if content is None:
                last, content = self.prep_content(verb, lemma)
            if content is None:
                content = self.fallback_content(verb, lemma)
        if content is None:
            return None
        i, j = self.cue_range(verb, last)
        quoted = self.quoted_as(verb)
        if quoted is not None:
            i = min(i, self.cue_range(quoted)[0])
        self.used.update(range(i, j + 1))
        cue = self.chars(i, j)
        clipped = self.in_paragraph(content, cue)
        if clipped is None and not self.text[cue[1] : content[0]].strip(" \n\t:,"):
            clipped = content  # "He said:" closing a paragraph, the words in the next one
        if clipped is None:
            return None
        content, form = self.snap(clipped, cue)
        if form == "direct" and content[0] >= cue[1]:
            content = self.quote_around(verb, content)
        inside_ok = verb.dep_ == "parataxis" or self.raising(verb, lemma)
        inside_ok = inside_ok or (root is not None and self.passive_raising(verb, root))
        inside_ok = inside_ok or (root is not None and root.i < verb.i and root.lower_ == "what")
        if content[0] <= cue[0] < content[1] and form == "indirect" and not inside_ok:
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
        source = None if self.raising(verb, lemma) else self.source_of(verb)
        return Frame(cue, source, content, status, verb.i, hedges, form)

    def quote_around(self, verb: Token, content: Range) -> Range:
        """'"First part," he said, "second part."': one content from the first quote to the last."""
        subject = [c for c in verb.lefts if c.dep_ in SUBJECTS and not self.quoted_word(c, verb)]
        start = subject[0].left_edge.i if subject else verb.i
        before = self.quote_before(self.doc[start].idx)
        if before is None or self.text[before[0] : before[1]].rstrip("\"”'’»")[-1:] != ",":
            return content  # a split quotation breaks off at a comma: "First part," he said, "..."
        return before[0], content[1]

    def inside_cue_infinitive(self, verb: Token) -> bool:
        """'wants to discuss Z': "to discuss Z" is what the first cue reports, not a frame of its own."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.i == verb.i or self.lex.has("lead", head.lemma_.lower()):
            return False
        return self.lex.verb_status(head.lemma_.lower()) is not None

    def raising(self, verb: Token, lemma: str) -> bool:
        """'he seems to think', 'X appears set to': the subject belongs to what is reported, no source."""
        if not self.lex.has("raising", lemma) or not any(c.dep_ == "xcomp" for c in verb.children):
            return False
        return any(c.dep_ in SUBJECTS and c.i < verb.i for c in verb.children)

    @staticmethod
    def passive_raising(verb: Token, clause: Token) -> bool:
        """'The ministry is expected to sign', 'he was said to have left': the passive subject is part of
        what is reported, and no one is named as saying it."""
        if clause.dep_ != "xcomp" or clause.i < verb.i or any(c.dep_ == "agent" for c in verb.children):
            return False
        return any(c.dep_ == "nsubjpass" and c.i < verb.i and c.lower_ not in EXPLETIVES for c in verb.children)

    @staticmethod
    def xcomp_object(verb: Token, clause: Token) -> Token | None:
        """The object before an infinitive complement ("urged voters to stay home")."""
        if clause.dep_ != "xcomp" or clause.i < verb.i:
            return None
        objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i and c.lower_ not in RELATIVE]
        return objs[0] if objs else None

    def quoted_word(self, tok: Token, verb: Token) -> bool:
        """A word inside a quotation that the verb itself is not in (a misparsed subject)."""
        quote = self.quotes.containing(tok.idx)
        return quote is not None and not (quote[0] <= verb.idx < quote[1])

    def quotes_as_saying(self, verb: Token) -> bool:
        """'was quoted as saying': the frame belongs to "saying"."""
        if not self.lex.has("quoted_as", verb.lemma_.lower()):
            return False
        return any(c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children) for c in verb.children)

    def quoted_as(self, verb: Token) -> Token | None:
        """The passive "quoted" in "X was quoted as saying Y"."""
        head = verb.head
        if verb.dep_ == "pcomp" and head.lower_ == "as" and self.lex.has("quoted_as", head.head.lemma_.lower()):
            return head.head
        return None

    def content_of(self, verb: Token, lemma: str) -> tuple[Token | None, Range | None]:
        clause = None
        if lemma in self.lex.clause:
            clause = self.clause_child(verb)
        elif lemma in self.lex.beliefs:
            takes = self.lex.belief_takes.get(lemma, frozenset({"ccomp"}))
            clause = next((c for c in verb.children if c.dep_ in takes), None)
        if clause is not None and (self.raising(verb, lemma) or self.passive_raising(verb, clause)):
            subject = [c for c in verb.lefts if c.dep_ in SUBJECTS]
            return clause, self.trimmed(subject[0].left_edge.i, clause.right_edge.i)
        if clause is not None:
            start = clause.left_edge.i if clause.left_edge.i > verb.i or clause.i < verb.i else verb.i + 1
            obj = self.xcomp_object(verb, clause)
            if obj is not None:
                start = obj.left_edge.i  # "asked Sullivan to send the files": who is asked belongs to the request
            return clause, self.trimmed(start, self.clause_end(clause))
        if lemma in self.lex.beliefs and lemma not in self.lex.objects:
            return None, None
        after = self.quote_after(self.chars(verb.i, verb.i)[1])
        for child in verb.rights:  # "said Trump: ...", "told his audience, to applause: ..."
            if after is not None or child.is_punct or child.dep_ in ("ccomp", "xcomp", "conj", "cc"):
                break
            if child.dep_ == "dobj" and lemma in self.lex.objects:
                break  # "called him “a liar”": the quotation says what he is called, with him
            after = self.quote_after(self.chars(verb.i, child.right_edge.i)[1])
        if after is not None and lemma in self.lex.clause:
            return None, after
        obj = self.object_child(verb) if lemma in self.lex.objects else None
        if obj is not None and obj.lower_ not in PRO_CONTENT:
            return obj, self.object_content(verb, obj)
        pro = self.pro_content(verb, lemma)
        if pro is not None:
            return pro, self.subtree(pro)
        return None, None

    def object_content(self, verb: Token, obj: Token) -> Range | None:
        """The object with what the verb says of it: "called X a liar", "accused X of Y", "described X as Y"."""
        if obj.i < verb.i and obj.lower_ == "what":
            return self.trimmed(obj.left_edge.i, verb.right_edge.i)  # "what he calls a rigged system"
        end = obj.right_edge.i
        for child in verb.rights:
            if child.i <= obj.i or child.left_edge.i > end + 2:
                continue
            if child.dep_ in OBJECT_PREDICATES or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS):
                end = max(end, child.right_edge.i)
            elif child.left_edge.i == end + 1 and child.dep_ in OBJECT_MODIFIERS and not self.when_or_where(child):
                end = max(end, child.right_edge.i)  # "cited his record on trade during the debate"
        return self.noun_phrase(obj.left_edge.i, end)

    @staticmethod
    def when_or_where(child: Token) -> bool:
        """A modifier that tells when the cue was said ("in February", "last week"), not what was said."""
        if child.ent_type_ in ("DATE", "TIME"):
            return True
        objs = [g for g in child.children if g.dep_ == "pobj"]
        return bool(objs) and objs[0].ent_type_ in ("DATE", "TIME")

    def fallback_content(self, verb: Token, lemma: str) -> Range | None:
        """No complement: the subject of a passive ("could not be verified", "was rejected by X")
        or the words before the cue."""
        if st.is_passive(verb) and self.passive_reports(verb, lemma):
            for child in verb.children:
                if child.dep_ == "nsubjpass" and child.lower_ not in EXPLETIVES:
                    return self.subtree(child)
        if lemma not in self.lex.clause or st.is_passive(verb):
            return None
        return self.inverted_content(verb)

    def passive_reports(self, verb: Token, lemma: str) -> bool:
        """A passive whose subject is what is reported: with an agent, or a verb of (dis)confirmation."""
        if any(c.dep_ == "agent" for c in verb.children):
            return True
        return self.lex.verb_status(lemma) in ("confirmed", "denied")

    def inverted_content(self, verb: Token) -> Range | None:
        """'..., the ministry said' and '"...," said X': the reported words come before the cue."""
        subject = [c for c in verb.lefts if c.dep_ in SUBJECTS and not self.quoted_word(c, verb)]
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
            if self.lex.has("refusal", child.lemma_.lower()):
                target = self.object_child(child) or self.clause_child(child) or self.prep_object(child)
                if target is not None:
                    return child, self.subtree(target)
            return None, self.subtree(child)
        return None, None

    def prep_content(self, verb: Token, lemma: str) -> tuple[Token | None, Range | None]:
        """'responded to Z', 'talked about Z', 'said of Z': the preposition joins the cue, its object is the content."""
        allowed = {"of"} if self.lex.has("plain_speech", lemma) else CONTENT_PREPS
        for child in verb.rights:
            if child.dep_ != "prep" or child.lower_ not in allowed:
                continue
            if child.lower_ in ("to", "for", "at") and not self.lex.has(child.lower_, lemma):
                continue
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")]
            if objs and not self.setting(objs[0]):
                return child, self.noun_phrase(objs[0].left_edge.i, objs[0].right_edge.i)
        return None, None

    def refusal(self, verb: Token) -> bool:
        """'declined to comment' (a refusal to speak) as against 'refused to fight'."""
        return any(c.dep_ == "xcomp" and self.lex.has("refusal", c.lemma_.lower()) for c in verb.children)

    def prep_object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "about", "to", "whether"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        return grand
        return None

    def hedges_of(self, verb: Token) -> list[str]:
        return [c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in self.lex.hedges]

    def find(self) -> list[Frame]:
        """All frames, in token order. A token whose analysis fails is skipped, never the article."""
        frames: list[Frame] = []
        doc = self.doc
        cue_words, hedge_words = self._word_ids()
        rows = doc.to_array([LOWER, POS]).tolist()
        for i, (lower, pos) in enumerate(rows):
            if (lower in cue_words or pos in CUE_POS) and i not in self.used:
                tok = doc[i]
                if self.quotes.containing(tok.idx):
                    continue
                frame = self._guarded(self.frame_at, tok)
                if frame is not None:
                    frames.append(frame)
        for i, (lower, pos) in enumerate(rows):
            if pos == ADV and lower in hedge_words and i not in self.used:
                frame = self._guarded(self.hedge_frame, doc[i])
                if frame is not None:
                    frames.append(frame)
        for frame in frames:
            if frame.source is not None and frame.cue is not None:
                source = self.in_paragraph(frame.source, frame.cue)
                frame.source = self.clean_source(source) if source is not None else None
            if frame.form != "direct":
                frame.content = self.without_trailing_relative(frame.content)
            if frame.cue is not None and frame.cue[1] <= frame.content[0]:
                self.colon_quote(frame)
        return frames

    def _word_ids(self) -> tuple[set[int], set[int]]:
        """Hashes of the words that open a frame of their own in `frame_at`, and of the hedges."""
        strings = self.doc.vocab.strings
        return {strings[w] for w in CUE_WORDS}, {strings[w] for w in self.lex.hedges}

    def colon_quote(self, frame: Frame) -> None:
        """'X said the plan was simple: “...”': a quotation after a colon that closes the content goes on with it."""
        pos = frame.content[1]
        text = self.text
        while pos < len(text) and text[pos] in " \u00a0":
            pos += 1
        if pos >= len(text) or text[pos] != ":":
            return
        quote = self.quote_after(pos + 1)
        if quote is not None:
            frame.content = (frame.content[0], quote[1])
            frame.form = "mixed"

    def frame_at(self, tok: Token) -> Frame | None:
        if tok.lower_ == "according":
            return self.according_frame(tok)
        if tok.lower_ == "in":
            return self.in_frame(tok)
        if tok.lower_ == "to":
            return self.viewpoint_frame(tok)
        if tok.text == ":":
            return self.headline_frame(tok)
        if tok.pos_ == "VERB":
            found = self.light_frame(tok) or self.verb_frame(tok) or self.as_frame(tok) or self.as_object_frame(tok)
            return found or self.passive_as_frame(tok) or self.seem_frame(tok)
        if tok.pos_ == "NOUN":
            return self.noun_frame(tok)
        if tok.pos_ == "ADJ":
            return self.adjective_frame(tok)
        return None

    @staticmethod
    def _guarded(finder: Callable[[Token], Frame | None], tok: Token) -> Frame | None:
        try:
            return finder(tok)
        except Exception:  # an odd parse around one token must not cost the article
            log.debug("no frame at token %d (%r)", tok.i, tok.text, exc_info=True)
            return None
