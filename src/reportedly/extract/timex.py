"""Layer reportedly_time: sets doc._.rep_times."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rep_times = []
        return doc


@Language.factory("reportedly_time")
def make_component(nlp: Language, name: str) -> Component:
    return Component()
