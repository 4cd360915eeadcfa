"""The seed article end to end: golden output and the reference reading in gold.json.

Regenerate the golden file with `pytest tests/extract/test_attribution_golden.py --regen-golden`
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportedly.records import Attribution

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "seed.json"
SEED_DIR = ROOT.parent / "shared" / "seed"


def golden_view(att: Attribution) -> dict[str, Any]:
    """What this layer decides, spans as offsets only: the golden file must not reproduce the article's text.
    Canonical source names and kinds belong to the sources layer."""
    data = att.to_dict()
    for role in ("source", "cue", "content"):
        if data[role] is not None:
            data[role] = {k: data[role][k] for k in ("start", "end")}
    return data


@pytest.fixture(scope="module")
def seed_doc(
    nlp: Any,
) -> Any:
    from reportedly.evaluate.seed import read_article

    path = SEED_DIR / "menafn-2024-11-24-storm-shadow.txt"
    if not path.exists():
        pytest.skip(f"the seed article is not at {path} (it comes with the project's shared data)")
    article = read_article(path)
    return article, nlp(article.text)


def test_seed_golden(seed_doc: Any, regen_golden: bool) -> None:
    _, doc = seed_doc
    current = [golden_view(a) for a in doc._.rep_attributions]
    if regen_golden:
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert current == expected


def test_seed_offsets_index_the_text(seed_doc: Any) -> None:
    article, doc = seed_doc
    for att in doc._.rep_attributions:
        for span in (att.content, att.cue, att.source.span if att.source else None):
            if span is not None:
                assert article.text[span.start : span.end] == span.text


def test_seed_reference_reading(nlp: Any) -> None:
    from reportedly.evaluate.seed import run

    if not (SEED_DIR / "gold.json").exists():
        pytest.skip(f"the seed reference reading is not at {SEED_DIR}")
    result = run(corpus=str(SEED_DIR), nlp=nlp)
    missed = [row["id"] for row in result["rows"] if not row["found"]]
    assert result["metrics"]["found"] >= 17, f"missed frames: {missed}"


def test_seed_parents_come_first(seed_doc: Any) -> None:
    _, doc = seed_doc
    atts = doc._.rep_attributions
    nested = [(k, a.parent) for k, a in enumerate(atts) if a.parent is not None]
    assert nested, "the seed article has nested frames (claims inside Bloomberg's report)"
    assert all(parent < k for k, parent in nested)
