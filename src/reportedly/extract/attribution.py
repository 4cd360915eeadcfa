"""Layer reportedly_attribution: sets doc._.rep_attributions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Component:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rep_attributions = []
        return doc


@Language.factory("reportedly_attribution")
def make_component(nlp: Language, name: str) -> Component:
    return Component()
