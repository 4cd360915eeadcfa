"""The text of a parsed Doc, built once per document.

spaCy rebuilds `Doc.text` from every token on each access, which costs as much as a pass over the whole
document. The components read it through `doc_text`, which keeps the string in `doc.user_data`.
"""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "reportedly_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on the first call for this Doc and reused afterwards."""
    text = doc.user_data.get(KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[KEY] = text
    return text
