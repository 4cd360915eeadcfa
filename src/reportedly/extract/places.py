"""Layer reportedly_place: sets doc._.rep_places."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rep_places = []
        return doc


@Language.factory("reportedly_place")
def make_component(nlp: Language, name: str) -> Component:
    return Component()
