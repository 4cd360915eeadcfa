"""Table-driven tests of the link stage's rules: names, figures, stance, conflicts, clustering."""

from __future__ import annotations

import pytest
from link_data import frame

from reportedly.link.claims import figures, number
from reportedly.link.cluster import average_link, candidate_pairs, components
from reportedly.link.events import MentionFeatures, mention_score, places_conflict, times_conflict, trigger_score
from reportedly.link.similarity import Idf, cosine, normalise_name, stem, terms
from reportedly.link.stance import cue_classes, frame_stance, stance
from reportedly.records import Attribution, Span


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the BBC", "bbc"),
        ("BBC", "bbc"),
        ("several Telegram channels", "telegram channel"),
        ("some Telegram channel", "telegram channel"),
        ("Karsovia’s Ministry of Energy", "karsovia ministry of energy"),
        ("Meridian Press", "meridian press"),
        ("two officials at the Ostra regional administration", "official at the ostra regional administration"),
    ],
)
def test_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("killed", "kill"), ("kills", "kill"), ("channels", "channel"), ("press", "press"), ("witnesses", "witness")],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 14 people were killed and dozens more are missing", [("deaths", 14)]),
        ("The service has put the toll at 14 dead, with 31 people still missing.", [("deaths", 14), ("missing", 31)]),
        ("the death toll had risen to 17 after three more bodies were recovered", [("deaths", 17)]),
        ("Twenty-eight people remain missing.", [("missing", 28)]),
        ("at least 40 people had died, nearly three times the toll", [("deaths", 40)]),
        ("About 2,000 residents had been moved to schools.", []),
        ("Five soldiers were wounded in the attack.", [("injured", 5)]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(f.kind, f.value) for f in figures(text)] == expected
    for f in figures(text):
        assert number(text[f.start : f.end]) == f.value


SENTENCE = "The ministry denied that the dam had been attacked by a drone."


@pytest.mark.parametrize(
    ("status", "content", "claim", "expected"),
    [
        ("denied", "the dam had been attacked by a drone", "Drone attack hit the dam", "against"),
        ("not_confirmed", "the dam had been attacked by a drone", "Drone attacked the dam", "against"),
        ("confirmed", "the dam had been attacked by a drone", "Drone attacked the dam", "for"),
        ("asserted", "the dam had been attacked by a drone", "Drone attacked the dam", "for"),
        ("reported", "the dam had been attacked by a drone", "Drone attacked the dam", "observing"),
        ("claimed", "the dam had been attacked by a drone", "Drone attacked the dam", "observing"),
        ("confirmed", "the dam had been attacked by a drone", "Minister resigns over budget", "observing"),
    ],
)
def test_stance(status: str, content: str, claim: str, expected: str) -> None:
    found = frame(SENTENCE, ("The ministry", "ministry", "government"), content, status)
    assert stance([found], claim) == expected


def test_stance_negated_assertion_is_against() -> None:
    text = "The dam was not attacked, engineers found."
    own = Attribution(None, None, Span(0, 25, text[:25]), "asserted")
    assert frame_stance(own) == "against"
    assert cue_classes("Is the video a hoax?") == {"against": 1, "hedge": 1, "for": 0}


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("2025-03-11", "2025-03-11", False),
        ("2025-03", "2025-03-11", False),
        ("2025-03-11", "2025-03-10", True),
        (None, "2025-03-10", False),
    ],
)
def test_times_conflict(a: str | None, b: str | None, conflict: bool) -> None:
    assert times_conflict(a, b) is conflict


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [("UA", "UA/Kyiv", False), ("UA/Kyiv", "UA/Lviv", True), ("UA", "RU", True), (None, "UA", False)],
)
def test_places_conflict(a: str | None, b: str | None, conflict: bool) -> None:
    assert places_conflict(a, b) is conflict


IDF = Idf([terms("the dam gave way in Velmora"), terms("a drone struck the port"), terms("strike at the port")])


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (MentionFeatures("kill", type="ASSAULT"), MentionFeatures("kill", type="ASSAULT"), 0.6, 1.0),
        (MentionFeatures("kill", type="ASSAULT"), MentionFeatures("kill", type="PROTEST"), 0.0, 0.0),
        (MentionFeatures("arrest"), MentionFeatures("resign"), 0.0, 0.0),
        (MentionFeatures("kill", time="2025-03-11"), MentionFeatures("kill", time="2025-03-01"), 0.0, 0.31),
        (
            MentionFeatures("kill", IDF.vector(terms("the dam gave way in Velmora"))),
            MentionFeatures("kill", IDF.vector(terms("the dam gave way in Velmora"))),
            0.79,
            0.81,
        ),
    ],
)
def test_mention_score(a: MentionFeatures, b: MentionFeatures, low: float, high: float) -> None:
    assert low <= mention_score(a, b) <= high


def test_cosine_of_normalised_vectors() -> None:
    v = IDF.vector(terms("a drone struck the port"))
    assert cosine(v, v) == pytest.approx(1.0)
    assert cosine(v, IDF.vector(terms("the dam gave way in Velmora"))) == 0.0


@pytest.mark.parametrize(
    ("scores", "threshold", "groups"),
    [
        ({(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.0}, 0.5, [[0, 1], [2]]),  # average link: 2 joins {0,1} at 0.45 only
        ({(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.2}, 0.5, [[0, 1, 2]]),
        ({(0, 1): 0.4}, 0.5, [[0], [1]]),
        ({(0, 1): 0.6, (2, 3): 0.7}, 0.5, [[0, 1], [2, 3]]),
    ],
)
def test_average_link(scores: dict[tuple[int, int], float], threshold: float, groups: list[list[int]]) -> None:
    n = 1 + max(j for _, j in scores)
    assert average_link(n, scores, threshold) == groups


def test_candidate_pairs_share_a_key_and_cap_large_blocks() -> None:
    keys = [["a"], ["a", "b"], ["b"], ["c"]]
    assert candidate_pairs(keys) == {(0, 1), (1, 2)}
    many = [["x"]] * 100
    pairs = candidate_pairs(many, order=list(range(100)), neighbours=3)
    assert len(pairs) == 99 + 98 + 97
    assert components(100, pairs) == [list(range(100))]


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        ("arrest", "arrest", 0.6),
        ("die", "death", 0.6),
        ("quake", "earthquake", 0.6),
        ("shoot", "shooting", 0.5),
        ("arrest", "resign", 0.0),
        ("kill", "meet", 0.0),
    ],
)
def test_trigger_score(a: str, b: str, score: float) -> None:
    assert trigger_score(a, b) == score
