"""Arguments of one event trigger from the dependency parse: actor, target, instrument, quantity, negation, modality."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .event_lexicon import Lexicon

# Dependents kept when a noun phrase is cut out of the parse (relative clauses and appositions are left out).
PHRASE_DEPS = {"det", "amod", "compound", "poss", "case", "nummod", "quantmod", "nmod", "npadvmod", "conj", "cc"}
PHRASE_DEPS |= {"flat", "pobj", "predet", "preconj", "punct", "advmod"}
# Prepositional phrases kept inside a common noun's phrase ("troops from Karsova", "deputies in Velmora").
PHRASE_PREPS = {"of", "from", "in"}
# Prepositions whose object is a target, most specific first.
TARGET_PREPS = ("against", "at", "on", "upon", "into", "toward", "towards", "with", "to", "over", "for", "from", "of")
VERB_TARGET_PREPS = (*(p for p in TARGET_PREPS if p not in {"for", "of"}), "for", "of", "about")
# Prepositions through which a non-actor target leads to the party it concerns ("ties with Gondor").
DEEPEN_PREPS = ("with", "between", "against", "to", "toward", "towards", "on", "of", "for", "from", "by")
# Prepositions of a weapon phrase that give the target ("shells at Seoul"; not "weapons of mass destruction").
WEAPON_TARGET_PREPS = ("against", "at", "on", "upon", "into", "toward", "towards", "near")
TIME_ENTS = {"DATE", "TIME"}
# Dependents that start a clause of their own.
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
MODALS = {"can", "could", "may", "might", "must", "shall", "should", "will", "would", "ca", "wo"}
# Event types whose noun, as the purpose of a verb ("left for talks"), takes that verb's subject as actor.
PURPOSE_TYPES = {"CONSULT"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
ACTOR_ENTS = {"GPE", "ORG", "NORP", "PERSON", "FAC", "LOC"}


@dataclass
class Args:
    actor: Token | None = None
    target: Token | None = None
    instrument: Token | None = None
    negated: bool = False
    modality: str | None = None


def phrase(head: Token) -> list[Token]:
    """The noun phrase headed by `head`, as a contiguous list of tokens."""
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            ok = child.dep_ in PHRASE_DEPS and not (child.dep_ == "punct" and child.i > head.i and child.text != "-")
            if child.dep_ == "prep" and child.lower_ in PHRASE_PREPS and tok.pos_ in {"NOUN", "PROPN"}:
                ok = True
            if child.dep_ == "advmod" and child.i > head.i:
                ok = False
            listed = any(c.dep_ == "conj" for c in child.children)  # "Karsova, Velmora, Ostria and Tarn"
            if child.dep_ == "appos" and ((tok.pos_ == "NOUN" and child.pos_ == "PROPN") or listed):
                ok = True  # "rival states Karsova and Velmora"
            if ok:
                keep.add(child.i)
                stack.append(child)
    doc = head.doc
    lo, hi = min(keep), max(keep)
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in {"cc", "case"}):
        hi -= 1
    return list(doc[lo : hi + 1])


def is_weapon(head: Token, lex: Lexicon) -> bool:
    """A phrase names a weapon when its head does ("12 British missiles", "Storm Shadows"), not its modifiers."""
    if norm(head) in lex.weapons or head.lower_ in lex.weapons:
        return True
    joined = " ".join(t.lower_ for t in phrase(head) if t.i <= head.i)
    names = (name for name in lex.weapons if " " in name)
    return any(joined.endswith(name) or joined.endswith(f"{name}s") for name in names)


def norm(tok: Token) -> str:
    """A comparable form of a word: lower-case lemma, with a plural -s of names removed ("Storm Shadows")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and len(lemma) > 3 and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


def named_weapon_words(tokens: list[Token], lex: Lexicon) -> set[str]:
    """Names in an instrument phrase (weapon systems, not nationalities)."""
    return {
        norm(t) for t in tokens if lex.weapons.get(norm(t)) == "named" or (t.pos_ == "PROPN" and t.ent_type_ != "NORP")
    }


def _names_actor(tok: Token) -> bool:
    return tok.ent_type_ not in TIME_ENTS and (tok.pos_ == "PROPN" or tok.ent_type_ in ACTOR_ENTS)


def actor_like(head: Token) -> bool:
    """The phrase names a party: a name, or a noun with a named or national modifier ("Russian forces")."""
    if head.ent_type_ in TIME_ENTS:
        return False
    if _names_actor(head):
        return True
    mods = [c for c in head.children if c.dep_ in {"compound", "amod", "poss", "nmod", "appos"}]
    mods += [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]  # "the government of Gondor"
    return any(_names_actor(t) for m in mods for t in m.subtree)


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _relative_head(tok: Token, subj: Token) -> Token:
    """A relative pronoun as subject stands for the noun the clause modifies."""
    if tok.dep_ == "relcl" and subj.tag_ in {"WP", "WDT"}:
        return tok.head
    return subj


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "Rebuked by Rohan, Gondor withdrew"
    return verb.tag_ == "VBN" and verb.dep_ == "acl" and not any(c.dep_ == "dobj" for c in verb.children)


def subject(verb: Token, lex: Lexicon) -> Token | None:
    """The grammatical subject of a verb, climbing through conjunctions, control verbs and relative clauses."""
    tok: Token | None = verb
    for _ in range(6):
        if tok is None:
            return None
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
        if subjects:  # a misparsed apposition gives two subjects: "Rival states Karsova and Velmora"
            subj = next((c for c in subjects if actor_like(c)), subjects[0])
            return _relative_head(tok, subj)
        modifies_noun = tok.head.pos_ in {"NOUN", "PROPN"}
        if modifies_noun and (tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG")):
            return tok.head  # "troops who fired", "troops firing at protesters"
        controller = _controller(tok, lex)
        if controller is not None:
            return controller
        if tok.dep_ in {"conj", "xcomp", "pcomp", "acomp", "prep"} or (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
            tok = tok.head
            continue
        return None
    return None


def _controller(tok: Token, lex: Lexicon) -> Token | None:
    """The object that performs a complement: "urged Eriador to respond", "accused Kyiv of shelling"."""
    if tok.dep_ == "xcomp":
        verb = tok.head
    elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        verb = tok.head.head
    else:
        return None
    if verb.pos_ != "VERB" or lex.is_a(verb.lemma_.lower(), "subject_control"):
        return None
    return _child(verb, "dobj")


def agent(verb: Token) -> Token | None:
    by = _child(verb, "agent")
    return _child(by, "pobj") if by is not None else None


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    out = []
    for child in tok.children:
        if child.dep_ in {"prep", "agent"}:
            pobj = _child(child, "pobj")
            if pobj is not None:
                out.append((child.lower_, pobj))
    return out


def deepen(target: Token | None, strict: bool = False) -> Token | None:
    """A target that names no actor ("full diplomatic ties") gives way to the actor it concerns ("with Gondor").

    With `strict`, None when no such actor is found.
    """
    if target is None or actor_like(target):
        return target
    frontier = [target]
    for _ in range(3):
        found = []
        for tok in frontier:
            for prep, pobj in prep_objects(tok):
                if prep in DEEPEN_PREPS:
                    found.append((DEEPEN_PREPS.index(prep), pobj))
            found.extend((len(DEEPEN_PREPS), c) for c in tok.children if c.dep_ in {"dobj", "acl", "relcl"})
        found.sort(key=lambda f: f[0])
        hit = next((tok for _, tok in found if tok.pos_ in {"NOUN", "PROPN"} and actor_like(tok)), None)
        if hit is not None:
            return hit
        frontier = [tok for _, tok in found]
    return None if strict else target


def pick_target(
    candidates: list[tuple[str, Token]], lex: Lexicon, preps: tuple[str, ...] = TARGET_PREPS
) -> Token | None:
    """The most specific preposition's object that names an actor, else the most specific one."""
    usable = [c for c in candidates if c[0] in preps and c[1].ent_type_ not in TIME_ENTS and not is_weapon(c[1], lex)]
    ranked = sorted(usable, key=lambda c: preps.index(c[0]))
    for _, tok in ranked:
        if actor_like(tok):
            return tok
    return ranked[0][1] if ranked else None


def negated(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ in {"neg", "preconj"} and child.lower_ in NEGATORS:
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "preconj" and c.lower_ == "neither" for c in child.children
        ):
            return True
    return False


def modality(tok: Token, lex: Lexicon) -> str | None:
    modal = next((c.lower_ for c in tok.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
    if modal:
        return {"ca": "can", "wo": "will"}.get(modal, modal)
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children):
        return "conditional"
    head = tok.head
    if tok.dep_ in {"xcomp", "pcomp"} and head.i != tok.i and lex.is_a(head.lemma_.lower(), "intent"):
        return head.lemma_.lower()
    if tok.dep_ == "xcomp" and head.dep_ == "acomp" and lex.is_a(head.lemma_.lower(), "intent"):
        return head.lemma_.lower()
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if infinitive and tok.dep_ in {"acl", "advcl"} and head.pos_ == "NOUN":
        return head.lemma_.lower()
    return None


def verb_args(verb: Token, lex: Lexicon, part_of_trigger: tuple[str, ...] = (), weapon_object: bool = False) -> Args:
    """Arguments of a verb trigger; `part_of_trigger` are lemmas that belong to the trigger ("restore ties").

    With `weapon_object` a weapon as object is the instrument ("fired missiles"), otherwise the target
    ("destroyed two tanks").
    """
    args = Args(negated=negated(verb), modality=modality(verb, lex))
    subj = subject(verb, lex)
    passive = is_passive(verb)
    dobj = _child(verb, "dobj", "dative", "attr")
    if dobj is not None and dobj.lemma_.lower() in part_of_trigger:
        dobj = deepen(dobj, strict=True)
    preps = prep_objects(verb)
    with_obj = next((t for p, t in preps if p == "with" and is_weapon(t, lex)), None)
    if passive:
        args.actor = agent(verb)
        if subj is None and verb.dep_ == "advcl":  # the participle's subject is its clause's: "Rebuked by X, Y ..."
            subj = _child(verb.head, "nsubj", "nsubjpass")
        if subj is not None and weapon_object and is_weapon(subj, lex):
            args.instrument = subj
        else:
            args.target = subj
    else:
        args.actor = subj
        if dobj is not None and weapon_object and is_weapon(dobj, lex):
            args.instrument = dobj
        elif dobj is not None:
            args.target = dobj
    args.instrument = args.instrument or with_obj
    by_prep = pick_target([(p, t) for p, t in preps if t != with_obj], lex, VERB_TARGET_PREPS)
    if args.instrument is not None:  # "fired two shells at Seoul": the preposition may hang from the weapon
        by_prep = by_prep or pick_target(prep_objects(args.instrument), lex, WEAPON_TARGET_PREPS)
    if args.target is None or (not actor_like(args.target) and by_prep is not None and actor_like(by_prep)):
        args.target = by_prep or args.target  # "contributed a million rupees to Gondor"
    args.target = deepen(args.target)
    args.actor = antecedent(verb, args.actor)
    if args.actor is not None and args.instrument is None and is_weapon(args.actor, lex):
        # "Russian missiles struck Kyiv", "was hit by a Russian drone": the weapon is the instrument
        args.instrument, args.actor = args.actor, _owner(args.actor)
    return args


def _owner(weapon: Token) -> Token | None:
    """The party a weapon phrase names: its possessor or national adjective ("Russian" in "Russian drones")."""
    return next(
        (c for c in weapon.children if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and _names_actor(c))), None
    )


def antecedent(verb: Token, actor: Token | None) -> Token | None:
    """A pronoun subject of a reported clause stands for the reporter: "Russia said it had shot down 30 drones"."""
    if actor is None or actor.pos_ != "PRON" or actor.lower_ not in {"it", "they", "he", "she", "we"}:
        return actor
    head = verb
    while head.dep_ in {"conj", "xcomp", "aux"} and head.head.i != head.i:
        head = head.head
    if head.dep_ != "ccomp" or head.head.i == head.i:
        return actor
    reporter = _child(head.head, "nsubj")
    return reporter if reporter is not None and reporter.pos_ != "PRON" else actor


def noun_args(noun: Token, lex: Lexicon, light: set[str], etype: str = "") -> Args:
    args = Args(negated=negated(noun))
    preps = prep_objects(noun)
    for child in noun.children:
        possessor = child.dep_ == "poss" or (child.dep_ in {"amod", "compound"} and child.ent_type_ in ACTOR_ENTS)
        if possessor and not is_weapon(child, lex):
            args.actor = child
            break
    by = next((t for p, t in preps if p == "by"), None)
    args.actor = by or args.actor
    weapon = next((t for p, t in preps if p in {"of", "with"} and is_weapon(t, lex)), None)
    weapon = weapon or next((c for c in noun.children if c.dep_ == "compound" and is_weapon(c, lex)), None)
    args.instrument = weapon
    # "approval for Ukraine to use ...": the subject of the complement clause is the target.
    clause = next((c for c in noun.children if c.dep_ in {"acl", "advcl", "relcl"} and c.pos_ in {"VERB", "AUX"}), None)
    if clause is not None and clause.dep_ != "relcl":
        args.target = _child(clause, "nsubj")
    if args.target is None:
        cands = [(p, t) for p, t in preps if t != weapon and p != "by"]
        args.target = pick_target(cands, lex)
    head = noun.head
    verb = head.head if noun.dep_ == "pobj" else head
    # "Karsova and Velmora put off their summit"; "the minister left for talks in Cairo"
    pronoun = args.actor is not None and args.actor.pos_ == "PRON" and noun.dep_ in {"dobj", "pobj"}
    purpose = args.actor is None and etype in PURPOSE_TYPES and noun.dep_ == "pobj"
    if (pronoun or purpose) and verb.pos_ in {"VERB", "AUX"}:
        owner = subject(verb, lex)
        if owner is not None and owner.pos_ != "PRON":
            args.actor = owner
    if args.target is None and etype in PURPOSE_TYPES and noun.dep_ == "pobj" and verb.pos_ == "VERB":
        # "arrived in Cairo on a state visit": the place the visitor went to stands for the party visited
        places = ((p, t) for p, t in prep_objects(verb) if p in {"in", "to", "at"} and t.ent_type_ == "GPE")
        args.target = next((t for _, t in places), None)
    weak = args.actor is None or args.actor.pos_ == "PRON"
    if weak and noun.dep_ in {"dobj", "attr"} and head.lemma_.lower() in light:
        args.actor = subject(head, lex)
        args.negated = args.negated or negated(head)
        args.modality = modality(head, lex)
        if args.target is None:
            args.target = _child(head, "dative") or pick_target(prep_objects(head), lex)
    args.target = deepen(args.target)
    # "talks between Gondor and Rohan", "renewal of relations between Gondor and Rohan": both act
    pair = args.target if args.target is not None and args.target.head.lower_ == "between" else None
    pair = pair or next((t for p, t in preps if p == "between"), None)
    if args.actor is None and pair is not None and any(c.dep_ == "conj" for c in pair.children):
        args.actor = pair
        args.target = None if args.target == pair else args.target
    return args


def quantity(args: Args) -> Token | None:
    """The numeric modifier of the instrument (else the target): '12' in 'up to 12 British missiles'."""
    for head in (args.instrument, args.target):
        if head is None:
            continue
        num = _child(head, "nummod")
        if num is not None and num.pos_ == "NUM":
            return num
    return None


def quantity_text(num: Token) -> tuple[int, int]:
    """Character range of a number with its qualifiers ('up to 12', 'at least 40')."""
    toks = list(num.subtree)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


def clause_tokens(tok: Token) -> set[int]:
    """Token indexes of the clause a trigger belongs to (its verb's subtree without embedded clauses)."""
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    stack = [verb]
    while stack:
        cur = stack.pop()
        out.add(cur.i)
        for child in cur.children:
            embedded = child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"})
            if embedded and child.i != tok.i and not (child.left_edge.i <= tok.i <= child.right_edge.i):
                continue
            stack.append(child)
    return out
