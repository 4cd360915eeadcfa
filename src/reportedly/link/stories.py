"""Stories: articles about one development, clustered by lexical similarity inside a publication-date window."""

from __future__ import annotations

STORY_THRESHOLD = 0.2
