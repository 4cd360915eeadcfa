"""Score cross-document event coreference on ECB+ (Cybulska & Vossen 2014, the Cybulska setup of Barhom et al.).

Two settings, both by default: `gold_mentions=True` only clusters the gold event mentions; `gold_mentions=False`
only scores end to end, where our event-mention detector (link/mentions.py: every eventive verb, event noun and
outcome adjective, as its head word) finds the mentions in the documents' sentences. A detected mention matches a
gold one when their tokens overlap (the head word inside a multi-word gold span such as "checked into" counts) and
then takes the gold mention's tokens; a detected mention matching no gold mention stays in the response, so spurious
mentions cost precision. Singletons are kept on both sides (key and response), as in the Cybulska setup's keys.
Documents are first grouped into stories inside each topic with the link stage's document clustering, which is
scored against the corpus's sub-topics (`ecb` / `ecbplus` documents of a topic); mentions are then clustered inside
each story with the link stage's event scoring. Metrics: MUC, B-cubed, CEAF-e and CoNLL F1, singletons kept.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..link.cluster import average_link
from ..link.events import MentionFeatures, mention_score
from ..link.mentions import event_mentions, head_lemma, verb_lemmas
from ..link.metrics import conll
from ..link.similarity import Idf, cosine, terms

DEFAULT_CORPUS = "../shared/corpora/ecbplus"
SPLITS = {"train": "Train", "dev": "Dev", "test": "Test"}
EVENT_THRESHOLD = 0.6
STORY_THRESHOLD = 0.08
PLAIN_ENTITIES = ("CARDINAL", "ORDINAL")
KEEP_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
HEAD_POS = ("VERB", "NOUN", "ADJ", "PROPN")


@dataclass(frozen=True)
class Mention:
    doc_id: str
    sent_id: int
    tokens: tuple[int, ...]
    text: str
    chain: str
    head: int = field(default=-1, compare=False)  # the detected head token, when our detector found the mention
    lemma: str = field(default="", compare=False)  # the detected head's lemma

    @property
    def key(self) -> tuple[str, int, tuple[int, ...]]:
        return (self.doc_id, self.sent_id, self.tokens)


def _paths(corpus: str | None, split: str) -> tuple[Path, Path]:
    if split not in SPLITS:
        raise ConfigError(f"Unknown ECB+ split {split!r}: choose one of {', '.join(SPLITS)}.")
    root = Path(corpus or DEFAULT_CORPUS) / "cybulska_setup"
    name = SPLITS[split]
    text, mentions = root / f"ECB_{name}_corpus.txt", root / f"ECB_{name}_Event_gold_mentions.json"
    for path in (text, mentions):
        if not path.is_file():
            raise ConfigError(
                f"The ECB+ file {path} is missing: pass --corpus pointing at the ECB+ folder that holds "
                "cybulska_setup/ (default ../shared/corpora/ecbplus)."
            )
    return text, mentions


def read_sentences(path: Path) -> dict[str, dict[int, list[str]]]:
    """doc_id -> sentence id -> tokens."""
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            docs[parts[0]][int(parts[1])].append(parts[3])
    return {d: dict(s) for d, s in docs.items()}


def read_mentions(path: Path) -> list[Mention]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read the ECB+ mentions {path}: {exc}") from exc
    out = [
        Mention(m["doc_id"], int(m["sent_id"]), tuple(m["tokens_number"]), m["tokens_str"], m["coref_chain"])
        for m in data
    ]
    return sorted(set(out), key=lambda m: m.key)


def topic(doc_id: str) -> str:
    return doc_id.split("_", 1)[0]


def subtopic(doc_id: str) -> str:
    return f"{topic(doc_id)}:{'ecbplus' if doc_id.endswith('ecbplus') else 'ecb'}"


def parse_docs(docs: dict[str, dict[int, list[str]]], nlp: Language) -> dict[tuple[str, int], Doc]:
    keys = sorted((d, s) for d, sents in docs.items() for s in sents)
    spacy_docs = (Doc(nlp.vocab, words=docs[d][s]) for d, s in keys)
    disable = [name for name in nlp.pipe_names if name not in KEEP_PIPES]
    with nlp.select_pipes(disable=disable):
        return dict(zip(keys, nlp.pipe(spacy_docs, batch_size=256), strict=True))


def document_terms(sents: dict[int, list[str]], parsed: dict[int, Doc] | None = None) -> list[str]:
    """A document's terms; names, dates and other entities count twice (they tell two events of one kind apart)."""
    out: list[str] = []
    for sid, tokens in sorted(sents.items()):
        doc = parsed.get(sid) if parsed else None
        out += terms(" ".join(tokens))
        if doc is not None:
            out += [w for e in doc.ents if e.label_ not in PLAIN_ENTITIES for w in terms(e.text)]
    return out


def cluster_documents(
    docs: dict[str, dict[int, list[str]]],
    threshold: float,
    parsed: dict[tuple[str, int], Doc] | None = None,
) -> dict[str, int]:
    """doc_id -> story number, clustering documents inside each gold topic by TF-IDF cosine (average link)."""
    by_doc: dict[str, dict[int, Doc]] = defaultdict(dict)
    for (d, sid), doc in (parsed or {}).items():
        by_doc[d][sid] = doc
    texts = {d: document_terms(sents, by_doc.get(d)) for d, sents in docs.items()}
    story: dict[str, int] = {}
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs):
        by_topic[topic(d)].append(d)
    for ids in by_topic.values():
        idf = Idf(texts[d] for d in ids)  # each topic is one collection, as a store holding only that topic
        vecs = [idf.vector(texts[d]) for d in ids]
        scores = {(i, j): cosine(vecs[i], vecs[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))}
        for group in average_link(len(ids), scores, threshold):
            number = len(set(story.values()))
            for i in group:
                story[ids[i]] = number
    return story


def features(
    mention: Mention, parsed: dict[tuple[str, int], Doc], idf: Idf, verbs: frozenset[str] = frozenset()
) -> MentionFeatures:
    doc = parsed[(mention.doc_id, mention.sent_id)]
    tokens = [doc[i] for i in mention.tokens if i < len(doc)]
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]  # the span's syntactic head first
    heads = [t for t in roots if t.pos_ in HEAD_POS] or [t for t in tokens if t.pos_ in HEAD_POS] or tokens
    head = doc[mention.head] if 0 <= mention.head < len(doc) else heads[0] if heads else None
    lemma = mention.lemma or (head_lemma(head, verbs) if head is not None else mention.text.lower())
    args = [t.lemma_ for t in doc if t.pos_ in ("PROPN", "NUM") or t.ent_type_]
    return MentionFeatures(
        trigger=lemma,
        context=idf.vector(terms(doc.text)),
        arguments=frozenset(a.lower() for a in args),
    )


def gold_clusters(mentions: list[Mention]) -> list[list[tuple[str, int, tuple[int, ...]]]]:
    chains: dict[str, list[tuple[str, int, tuple[int, ...]]]] = defaultdict(list)
    for m in mentions:
        chains[m.chain].append(m.key)
    return list(chains.values())


def cluster_mentions(
    mentions: list[Mention], feats: list[MentionFeatures], story: dict[str, int], threshold: float
) -> list[list[tuple[str, int, tuple[int, ...]]]]:
    by_story: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_story[story.get(m.doc_id, -1)].append(i)
    out = []
    for members in by_story.values():
        scores = {}
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                s = mention_score(feats[members[a]], feats[members[b]])
                if s > 0:
                    scores[(a, b)] = s
        for group in average_link(len(members), scores, threshold):
            out.append([mentions[members[i]].key for i in group])
    return out


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    gold_mentions: bool | None = None,
    threshold: float = EVENT_THRESHOLD,
    story_threshold: float = STORY_THRESHOLD,
    **_: Any,
) -> dict[str, Any]:
    text_path, mention_path = _paths(corpus, split)
    docs = read_sentences(text_path)
    if limit:
        keep = sorted(docs)[:limit]
        docs = {d: docs[d] for d in keep}
    gold = [m for m in read_mentions(mention_path) if m.doc_id in docs]
    if nlp is None:
        from ..extract.pipeline import build_nlp

        nlp = build_nlp()
    parsed = parse_docs(docs, nlp)
    story = cluster_documents(docs, story_threshold, parsed)
    doc_gold: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs):
        doc_gold[subtopic(d)].append(d)
    doc_pred: dict[int, list[str]] = defaultdict(list)
    for d, s in story.items():
        doc_pred[s].append(d)
    result: dict[str, Any] = {
        "scorer": "ecbplus",
        "split": split,
        "documents": len(docs),
        "gold_mentions": len(gold),
        "gold_chains": len({m.chain for m in gold}),
        "document_clustering": conll(doc_gold.values(), doc_pred.values()),
        "stories": len(doc_pred),
        "subtopics": len(doc_gold),
    }
    idf = Idf(terms(d.text) for d in parsed.values())
    verbs = verb_lemmas(nlp)
    result["metrics"] = {}
    settings = []
    if gold_mentions in (None, True):
        feats = [features(m, parsed, idf, verbs) for m in gold]
        response = cluster_mentions(gold, feats, story, threshold)
        result["metrics"]["gold_mentions"] = conll(gold_clusters(gold), response)
        settings.append("gold mentions")
    if gold_mentions in (None, False):
        response_mentions = detected(parsed, gold, nlp)
        feats = [features(m, parsed, idf, verbs) for m in response_mentions]
        response = cluster_mentions(response_mentions, feats, story, threshold)
        result["detected_mentions"] = len(response_mentions)
        result["metrics"]["end_to_end"] = conll(gold_clusters(gold), response)
        settings.append("end to end")
    result["setting"] = " and ".join(settings)
    return result


def detected(parsed: dict[tuple[str, int], Doc], gold: list[Mention], nlp: Language) -> list[Mention]:
    """Our event mentions (link/mentions.py) in every sentence; one overlapping a gold mention takes its tokens."""
    verbs = verb_lemmas(nlp)
    by_token = {(m.doc_id, m.sent_id, t): m for m in gold for t in m.tokens}
    found: dict[tuple[str, int, tuple[int, ...]], Mention] = {}
    for (doc_id, sid), doc in sorted(parsed.items()):
        for event in event_mentions(doc, verbs):
            toks = tuple(range(event.start, event.end))
            match = next((by_token[(doc_id, sid, t)] for t in toks if (doc_id, sid, t) in by_token), None)
            mention = match or Mention(doc_id, sid, toks, doc[event.start : event.end].text, "")
            found.setdefault(mention.key, replace(mention, head=event.head, lemma=event.lemma))
    return sorted(found.values(), key=lambda m: m.key)


def render(result: dict[str, Any]) -> str:
    lines = [
        f"ECB+ {result['split']}: {result['documents']} documents, {result['gold_mentions']} gold event mentions "
        f"in {result['gold_chains']} chains ({result['setting']})",
        f"document clustering: {result['stories']} stories for {result['subtopics']} sub-topics",
    ]
    if "detected_mentions" in result:
        lines.append(
            f"end to end: {result['detected_mentions']} detected mentions (a detected head inside a gold span "
            "matches it; unmatched detections stay in the response; singletons kept on both sides)"
        )
    blocks = {"document clustering": result["document_clustering"], **result["metrics"]}
    for name, scores in blocks.items():
        parts = [
            f"{m} P {scores[m]['p']:.3f} R {scores[m]['r']:.3f} F1 {scores[m]['f1']:.3f}"
            for m in ("muc", "b3", "ceaf_e")
        ]
        lines.append(f"  {name:<20} CoNLL F1 {scores['conll_f1']:.3f} | " + " | ".join(parts))
    return "\n".join(lines)
