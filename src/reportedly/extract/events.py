"""Layer reportedly_events: sets doc._.rep_events."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rep_events = []
        return doc


@Language.factory("reportedly_events")
def make_component(nlp: Language, name: str) -> Component:
    return Component()
