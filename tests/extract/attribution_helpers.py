"""Lookups shared by the attribution tests: the frames of a text, and the one with a given cue."""

from __future__ import annotations

from typing import Any

from reportedly.records import Attribution


def frames(nlp: Any, text: str) -> list[Attribution]:
    """The text's frames, without the author's own `asserted` statements."""
    return [a for a in nlp(text)._.rep_attributions if a.status != "asserted"]


def cues(nlp: Any, text: str) -> list[str]:
    return [a.cue.text for a in frames(nlp, text) if a.cue]


def frame_with_cue(nlp: Any, text: str, cue: str) -> Attribution:
    """The first frame whose cue reads `cue`; fails with the cues that were found."""
    found = [a for a in frames(nlp, text) if a.cue and a.cue.text == cue]
    assert found, f"no frame with cue {cue!r} in {cues(nlp, text)}"
    return found[0]
