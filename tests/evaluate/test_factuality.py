"""Rules of the factuality scorer, one invented sentence per construction (real parser, the shipped table)."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.evaluate.factuality import (
    Scorer,
    calibrate,
    fit_curve,
    load_mapping,
    nodes_of,
    parse_mapping,
    rewrite_values,
)


def score(nlp: Any, text: str, word: str) -> float:
    """The raw score of the first token spelled `word` in `text`."""
    nodes = nodes_of(nlp(text))
    scorer = Scorer(nodes, load_mapping())
    node = next(n for n in nodes if n.lower == word)
    return scorer.score(node)


def test_plain_past_is_a_fact(nlp: Any) -> None:
    assert score(nlp, "The storm flooded the harbour last night.", "flooded") >= 2.5


def test_negation_makes_it_negative(nlp: Any) -> None:
    assert score(nlp, "The storm did not flood the harbour.", "flood") < 0


@pytest.mark.parametrize(
    "text, word",
    [
        ("The council did not try to close the library.", "close"),
        ("The miners refused to leave the shaft.", "leave"),
        ("The guards barred the crowd from entering the palace.", "entering"),
        ("The firm has no plans to sell the brewery.", "sell"),
        ("The mayor had not signed the order or announced a date.", "announced"),
        ("The hikers were too tired to climb the last ridge.", "climb"),
        ("The committee has yet to publish its findings.", "publish"),
    ],
)
def test_events_that_did_not_happen(nlp: Any, text: str, word: str) -> None:
    assert score(nlp, text, word) < 0


@pytest.mark.parametrize(
    "text, word",
    [
        ("The ferry company plans to open a new route.", "open"),
        ("If the union strikes, the port will close.", "strikes"),
        ("The bridge would have collapsed without the repairs.", "collapsed"),
        ("Officials fear a possible outbreak in the camps.", "outbreak"),
        ("The club took no action against the coach.", "took"),
        ("The bank will not tolerate any delays in payment.", "delays"),
        ("The suspect possibly crossed the border at night.", "crossed"),
    ],
)
def test_uncertain_events_score_low(nlp: Any, text: str, word: str) -> None:
    assert score(nlp, text, word) <= 1.5


def test_a_failed_attempt_did_not_succeed(nlp: Any) -> None:
    assert score(nlp, "The climbers died in a failed attempt on the summit.", "attempt") < 0


def test_definite_event_under_negation_still_happened(nlp: Any) -> None:
    assert score(nlp, "The minister has not spoken since the earthquake.", "earthquake") > 1.5


def test_past_tense_in_a_subordinate_clause_is_a_fact(nlp: Any) -> None:
    assert score(nlp, "Police said the driver fled the scene.", "fled") > score(
        nlp, "Police said the driver may flee the country.", "flee"
    )


def test_calibration_curve_rises_and_interpolates() -> None:
    raw = [0.0] * 20 + [1.0] * 20 + [2.0] * 20
    gold = [1.0] * 20 + [0.5] * 20 + [3.0] * 20
    curve = fit_curve(raw, gold)
    assert curve == {"0": 0.75, "1": 0.75, "2": 3.0}
    mapping = parse_mapping("".join(f"calibration\t{k}\t{v}\n" for k, v in curve.items()))
    assert calibrate([-3.0, 1.5, 3.0], mapping) == [0.75, pytest.approx(1.875), 3.0]
    rewritten = rewrite_values("# table\ncalibration\t9\t9\n", mapping)
    assert rewritten.splitlines() == ["# table", "calibration\t0\t0.75", "calibration\t1\t0.75", "calibration\t2\t3"]
