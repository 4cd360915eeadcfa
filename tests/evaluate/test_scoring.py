"""The scorers' own arithmetic, on tiny hand-made corpora written into tmp_path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.evaluate import evaluate, scorer
from reportedly.evaluate.brat import GoldFrame, infer_form, load_split, parse_ann, parse_offsets
from reportedly.evaluate.factuality import parse_mapping, pearson, read_split
from reportedly.evaluate.polnear import Tally, frames_match
from reportedly.evaluate.seed import locate, strip_header
from reportedly.evaluate.spans import Counts, match, overlaps, shared

TEXT = "The minister said that taxes would rise. Critics claimed the plan was unfair."


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), True),
        ((0, 10), (5, 10), True),  # 5 shared of the longer 10: exactly half
        ((0, 10), (6, 10), False),  # 4 of 10
        ((0, 10), (0, 4), False),
        ((0, 4), (2, 8), False),  # 2 of 6
        ((0, 6), (3, 8), True),  # 3 of the longer 6
        ((0, 7), (4, 9), False),  # 3 of 7
        ((10, 20), (0, 10), False),  # touching, nothing shared
        ((3, 3), (3, 3), True),
    ],
)
def test_overlap_rule(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [("4 9", (4, 9)), ("315 448;463 553", (315, 553)), ("5 7;1 3", (1, 7))],
)
def test_discontinuous_offsets_count_first_to_last(field: str, expected: tuple[int, int]) -> None:
    assert parse_offsets(field) == expected


def test_matching_is_one_to_one() -> None:
    gold = [(0, 10), (0, 10)]
    pred = [(0, 10)]
    assert len(match(gold, pred, overlaps, shared)) == 1
    # the heavier pair wins, so the second gold span can still find its partner
    pairs = match([(0, 10), (8, 20)], [(0, 12), (9, 20)], overlaps, shared)
    assert pairs == [(0, 0), (1, 1)]


@pytest.mark.parametrize(
    ("tp", "predicted", "gold", "p", "r", "f1"),
    [(2, 4, 8, 0.5, 0.25, 1 / 3), (0, 0, 3, 0.0, 0.0, 0.0), (3, 3, 3, 1.0, 1.0, 1.0)],
)
def test_precision_recall_f1(tp: int, predicted: int, gold: int, p: float, r: float, f1: float) -> None:
    counts = Counts()
    counts.add(tp, predicted, gold)
    assert counts.precision == pytest.approx(p)
    assert counts.recall == pytest.approx(r)
    assert counts.f1 == pytest.approx(f1)


ANN = (
    "T1\tSource 0 12\tThe minister\n"
    "T2\tCue 13 17\tsaid\n"
    "T3\tContent 18 40\tthat taxes would rise.\n"
    "T4\tAttribution 13 17\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 41 48\tCritics\n"
    "T6\tCue 49 56\tclaimed\n"
    "T7\tContent 57 65;70 77\tthe plan was unfair.\n"
    "T8\tAttribution 49 56\tclaimed\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "T9\tDiscuss 0 3\tThe\n"
)


def test_parse_ann_ties_roles_and_trims() -> None:
    frames = parse_ann(ANN, TEXT)
    assert len(frames) == 2
    assert TEXT[slice(*frames[0].source)] == "The minister"  # type: ignore[misc]
    assert frames[1].content == (57, 77)
    assert TEXT[slice(*frames[0].content)] == "that taxes would rise."  # type: ignore[misc]


@pytest.mark.parametrize(
    ("content", "form"),
    [('"We will win," ', "direct"), ("that “we will win” soon", "mixed"), ("that they would win", "indirect")],
)
def test_form_from_quotes(content: str, form: str) -> None:
    assert infer_form(content, (0, len(content))) == form


def test_attribution_match_needs_all_roles() -> None:
    gold = GoldFrame(cue=(13, 17), source=(0, 12), content=(18, 40))
    assert frames_match(gold, GoldFrame(cue=(13, 17), source=(4, 12), content=(18, 39)))
    assert not frames_match(gold, GoldFrame(cue=(13, 17), source=None, content=(18, 40)))
    no_source = GoldFrame(cue=(13, 17), source=None, content=(18, 40))
    assert frames_match(no_source, GoldFrame(cue=(13, 17), source=None, content=(18, 40)))


def _write_brat(root: Path, name: str, text: str, ann: str, annotator: str = "") -> None:
    (root / "data" / "dev" / "text").mkdir(parents=True, exist_ok=True)
    (root / "data" / "dev" / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "data" / "dev" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    suffix = f"_{annotator}" if annotator else ""
    (root / "data" / "dev" / "attributions" / f"{name}{suffix}.ann").write_text(ann, encoding="utf-8")


def test_tally_scores_roles_and_frames(tmp_path: Path) -> None:
    _write_brat(tmp_path, "nyt_2016-10-01_taxes", TEXT, ANN, "a1")  # the first annotator file (sorted) is used
    _write_brat(tmp_path, "nyt_2016-10-01_taxes", TEXT, "", "b2")
    (article,) = load_split(tmp_path, "dev")
    assert len(article.frames) == 2 and str(article.published) == "2016-10-01"
    predicted = [
        GoldFrame(cue=(13, 17), source=(4, 12), content=(18, 40)),  # right frame, source not exact
        GoldFrame(cue=(49, 56), source=None, content=(57, 77)),  # missing source: frame fails
        GoldFrame(cue=(0, 3), source=None, content=(4, 12)),  # spurious
    ]
    tally = Tally()
    tally.add(article, predicted, keep_errors=True)
    result = tally.result()
    assert result["roles"]["cue"]["exact"] == {"p": 0.6667, "r": 1.0, "f1": 0.8, "tp": 2, "predicted": 3, "gold": 2}
    assert result["roles"]["source"]["exact"]["tp"] == 0
    assert result["roles"]["source"]["overlap"]["tp"] == 1
    assert result["attribution"]["tp"] == 1
    assert result["attribution"]["f1"] == pytest.approx(0.4)
    assert {e["kind"] for e in tally.errors} == {"missed", "spurious"}


def test_annotator_file_choice_is_deterministic(tmp_path: Path) -> None:
    _write_brat(tmp_path, "a_2016-10-01_x", TEXT, ANN, "zz")
    _write_brat(tmp_path, "a_2016-10-01_x", TEXT, "", "aa")
    assert load_split(tmp_path, "dev")[0].frames == []


@pytest.mark.parametrize("name", ["polnear", "seed", "factuality"])
def test_missing_corpus_is_a_config_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigError, match="--corpus PATH"):
        evaluate(name, corpus=str(tmp_path / "absent"))


def test_unknown_scorer_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Unknown scorer"):
        scorer("nonsense")


def test_registered_scorers_expose_the_interface() -> None:
    for name in ("polnear", "seed", "factuality"):
        module = scorer(name)
        assert isinstance(module.DEFAULT_CORPUS, str)
        assert callable(module.run) and callable(module.render)


def test_seed_header_and_duplicate_strings() -> None:
    text, published, outlet = strip_header(" date 2024-11-24 (MENAFN) Kyiv said it. Moscow said it too.")
    assert (str(published), outlet) == ("2024-11-24", "MENAFN")
    frames = [
        {"id": "a", "source": "Kyiv", "cue": "said", "content": "it", "status": "reported"},
        {"id": "b", "source": "Moscow", "cue": "said", "content": "it", "status": "reported"},
    ]
    first, second = locate(text, frames)
    assert text[slice(*first.cue)] == "said" and first.cue[0] < second.cue[0]
    assert second.source is not None and text[slice(*second.source)] == "Moscow"


def test_seed_gold_string_not_in_text_is_reported() -> None:
    with pytest.raises(ConfigError, match="not in the article"):
        locate("Kyiv said it.", [{"id": "a", "source": "Kyiv", "cue": "told", "content": "it", "status": "reported"}])


def test_factuality_reader_and_mapping(tmp_path: Path) -> None:
    rows = [{"text": "He did not go .", "targets": [{"span1": [3, 4], "label": -3.0, "span_text": "go"}]}]
    (tmp_path / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (sentence,) = read_split(tmp_path, "dev")
    assert sentence.tokens[3] == "go" and sentence.targets == [(3, 4, -3.0)]
    mapping = parse_mapping("# c\nmodal\tmay\t0.8\nstatus\tdenied\t-2\n")
    assert mapping.modal == {"may": 0.8} and mapping.status == {"denied": -2.0}
    with pytest.raises(ConfigError, match="line 1"):
        parse_mapping("colour\tred\t1\n")


def test_pearson() -> None:
    assert pearson([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) == pytest.approx(1.0)
    assert pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert pearson([1.0, 1.0], [0.0, 3.0]) == 0.0


def test_factuality_on_tiny_corpus(nlp: Any, tmp_path: Path) -> None:
    rows = [
        {"text": "The army attacked the town .", "targets": [{"span1": [2, 3], "label": 3.0}]},
        {"text": "The army did not attack the town .", "targets": [{"span1": [4, 5], "label": -3.0}]},
        {"text": "The army may attack the town .", "targets": [{"span1": [3, 4], "label": 0.8}]},
    ]
    (tmp_path / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = evaluate("factuality", corpus=str(tmp_path), nlp=nlp)
    assert result["events"] == 3
    assert result["metrics"]["pearson"] > 0.9
    assert "Pearson" in scorer("factuality").render(result)


def test_polnear_scores_top_level_frames_and_reports_nested_apart(nlp: Any) -> None:
    from reportedly.evaluate.polnear import predicted_frames
    from reportedly.extract.pipeline import analyse
    from reportedly.records import Article, article_id

    text = "The mayor said that the council believes the budget is too small."
    [(_, analysis)] = list(analyse([Article(id=article_id(text), text=text)], nlp=nlp))
    voiced = [a for a in analysis.attributions if a.status != "asserted"]
    nested = [a for a in voiced if a.parent is not None]
    assert nested, "the belief inside the mayor's content is a nested frame"
    top = predicted_frames(text, analysis)
    every = predicted_frames(text, analysis, nested=True)
    assert len(every) == len(voiced)
    assert len(top) == len(voiced) - len(nested)
    assert all(text[f.cue[0] : f.cue[1]] != "believes" for f in top if f.cue)
