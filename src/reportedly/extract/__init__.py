"""extract: a pure function of one article, `Article -> Analysis`."""

from .pipeline import EXTRACTOR_VERSION, analyse, build_nlp

__all__ = ["EXTRACTOR_VERSION", "analyse", "build_nlp"]
