"""The link scorers: coreference metrics on textbook examples, classification metrics, corpus errors, quality gates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.evaluate import evaluate
from reportedly.evaluate.fnc1 import fnc_score
from reportedly.link.metrics import b_cubed, ceaf_e, classification, conll, muc

LINK_SCORERS = ("ecbplus", "emergent", "fnc1")

# Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions", the worked example:
# key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


@pytest.mark.parametrize(
    ("metric", "p", "r"),
    [
        (muc, 0.4, 0.4),
        (b_cubed, 0.5, 35 / 84),  # recall (2/3 + 2/3 + 1/3 + 1/4 + 0 + 1/2 + 1/2) / 7
        (ceaf_e, 1.3 / 3, 1.3 / 2),  # best alignment {abc}-{ab} 0.8 + {defg}-{fghi} 0.5
    ],
)
def test_textbook_example(metric: Any, p: float, r: float) -> None:
    scores = metric(KEY, RESPONSE)
    assert scores["p"] == pytest.approx(p, abs=1e-4)
    assert scores["r"] == pytest.approx(r, abs=1e-4)


@pytest.mark.parametrize(
    ("key", "response", "muc_r", "muc_p"),
    [
        ([frozenset("abcd")], [frozenset("ab"), frozenset("cd")], 2 / 3, 1.0),  # Vilain et al. (1995)
        ([frozenset("ab"), frozenset("cd")], [frozenset("abcd")], 1.0, 2 / 3),
        ([frozenset("a"), frozenset("b")], [frozenset("a"), frozenset("b")], 0.0, 0.0),  # singletons carry no links
    ],
)
def test_muc_links(key: list[frozenset[str]], response: list[frozenset[str]], muc_r: float, muc_p: float) -> None:
    scores = muc(key, response)
    assert (scores["r"], scores["p"]) == (pytest.approx(muc_r, abs=1e-4), pytest.approx(muc_p, abs=1e-4))


def test_identical_partitions_score_one() -> None:
    groups = [["a", "b", "c"], ["d"], ["e", "f"]]
    scores = conll(groups, groups)
    assert scores["conll_f1"] == 1.0
    assert scores["b3"]["f1"] == scores["ceaf_e"]["f1"] == 1.0


def test_classification_metrics() -> None:
    gold = ["for", "for", "against", "observing"]
    pred = ["for", "against", "against", "for"]
    result = classification(gold, pred, ("for", "against", "observing"))
    assert result["accuracy"] == 0.5
    assert result["per_class"]["for"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "support": 2}
    assert result["per_class"]["against"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert result["macro_f1"] == pytest.approx((0.5 + 0.6667 + 0) / 3, abs=1e-3)


@pytest.mark.parametrize(
    ("gold", "pred", "score"),
    [
        (["agree"], ["agree"], 1.0),
        (["agree"], ["discuss"], 0.25),
        (["agree"], ["unrelated"], 0.0),
        (["unrelated"], ["unrelated"], 0.25),
        (["unrelated"], ["disagree"], 0.0),
    ],
)
def test_fnc_weighted_score(gold: list[str], pred: list[str], score: float) -> None:
    assert fnc_score(gold, pred)["score"] == score


@pytest.mark.parametrize("name", LINK_SCORERS)
def test_a_missing_corpus_is_a_clear_error(name: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--corpus"):
        evaluate(name, corpus=str(tmp_path), split="dev")


@pytest.mark.parametrize("name", LINK_SCORERS)
def test_an_unknown_split_is_a_clear_error(name: str) -> None:
    with pytest.raises(ConfigError, match="split"):
        evaluate(name, split="validation")


def _write_ecbplus(root: Path, sentences: dict[str, str], chains: dict[tuple[str, str], str]) -> None:
    """A tiny corpus in the Cybulska setup's format: one sentence a document, gold chains by (doc, word)."""
    folder = root / "cybulska_setup"
    folder.mkdir(parents=True)
    lines, mentions = [], []
    for doc_id, text in sentences.items():
        for i, word in enumerate(text.split()):
            chain = chains.get((doc_id, word))
            lines.append(f"{doc_id}\t0\t{i}\t{word}\t{chain or '-'}")
            if chain:
                mentions.append(
                    {"doc_id": doc_id, "sent_id": 0, "tokens_number": [i], "tokens_str": word, "coref_chain": chain}
                )
        lines.append("")
    (folder / "ECB_Dev_corpus.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "ECB_Dev_Event_gold_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")


def test_ecbplus_end_to_end_finds_and_links_event_mentions(tmp_path: Path, nlp: Any) -> None:
    sentences = {
        "9_1ecb": "Police arrested the mayor of Ostrava on Monday after the raid .",
        "9_2ecb": "The mayor of Ostrava was arrested by police on Monday .",
        "9_1ecbplus": "A storm flooded the harbour of Brindle on Friday .",
    }
    chains = {
        ("9_1ecb", "arrested"): "ACT1",
        ("9_2ecb", "arrested"): "ACT1",
        ("9_1ecb", "raid"): "ACT2",
        ("9_1ecbplus", "storm"): "ACT3",
        ("9_1ecbplus", "flooded"): "ACT4",
    }
    _write_ecbplus(tmp_path, sentences, chains)
    result = evaluate("ecbplus", corpus=str(tmp_path), split="dev", nlp=nlp)
    assert result["stories"] == 2 and result["document_clustering"]["conll_f1"] == 1.0
    assert result["metrics"]["gold_mentions"]["conll_f1"] == 1.0
    assert result["detected_mentions"] == 5  # the two arrests, the raid, the storm and the flooding; no names
    assert result["metrics"]["end_to_end"]["conll_f1"] == 1.0
