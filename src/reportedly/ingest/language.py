"""Language detection with py3langid (its model ships inside the package: nothing is downloaded)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

DEFAULT = "en"
MIN_LETTERS = 20  # below this a guess is noise: the article keeps the default
MIN_CONFIDENCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; `en` when the text is too short or the guess is unsure."""
    sample = text[:400]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return DEFAULT
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else DEFAULT
