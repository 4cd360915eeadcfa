"""Field mapping for tabular and JSON records (JSON lines, CSV): which key holds the text, the date, the outlet.

Without a mapping each field is looked up under common names (`text`, `body`, `content`, `maintext`, ...).
A mapping such as `{"text": "body", "published": "meta.date"}` names the key for a field; a dotted key reaches into
nested objects. A preset name (`"gdelt"`, `"mediacloud"`, `"newsplease"`) stands for a mapping of a common export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import IngestError
from ..records import Article
from .common import InputProblem, make_article, parse_date

FIELDS = ("id", "text", "published", "outlet", "url", "title", "language")

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "stories_id", "article_id", "uuid"),
    "text": ("text", "body", "content", "maintext", "article", "full_text", "story_text", "fulltext"),
    "published": ("published", "date", "date_publish", "publish_date", "pubdate", "publication_date", "seendate"),
    "outlet": ("outlet", "source", "site_name", "sitename", "media_name", "source_domain", "domain", "publisher"),
    "url": ("url", "link", "uri", "canonical_url"),
    "title": ("title", "headline"),
    "language": ("language", "lang"),
}

PRESETS: dict[str, dict[str, str]] = {
    # GDELT DOC 2.0 article lists (url, title, seendate, domain, language) and GKG-derived exports.
    "gdelt": {"published": "seendate", "outlet": "domain", "url": "url", "title": "title", "language": "language"},
    # Media Cloud story exports.
    "mediacloud": {
        "id": "stories_id",
        "published": "publish_date",
        "outlet": "media_name",
        "url": "url",
        "title": "title",
        "language": "language",
        "text": "text",
    },
    # news-please JSON output.
    "newsplease": {
        "text": "maintext",
        "published": "date_publish",
        "outlet": "source_domain",
        "url": "url",
        "title": "title",
        "language": "language",
    },
}

_LANGUAGE_NAMES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "russian": "ru",
    "ukrainian": "uk",
    "arabic": "ar",
    "chinese": "zh",
    "portuguese": "pt",
    "italian": "it",
    "turkish": "tr",
    "persian": "fa",
}


def resolve_fields(fields: str | Mapping[str, str] | None) -> dict[str, str]:
    """A mapping of our field -> record key, from a preset name or a mapping; IngestError when invalid."""
    if fields is None:
        return {}
    if isinstance(fields, str):
        if fields not in PRESETS:
            raise IngestError(f"Unknown field preset {fields!r}: use one of {', '.join(sorted(PRESETS))}")
        return dict(PRESETS[fields])
    mapping = dict(fields)
    preset = mapping.pop("preset", None)
    base = resolve_fields(preset) if preset else {}
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise IngestError(f"Unknown field(s) {', '.join(unknown)} in the field mapping: use {', '.join(FIELDS)}")
    return {**base, **mapping}


def lookup(record: Mapping[str, Any], key: str) -> Any:
    """The value under `key`; a dotted key reaches into nested objects."""
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def field_value(record: Mapping[str, Any], name: str, mapping: Mapping[str, str]) -> Any:
    if name in mapping:
        return lookup(record, mapping[name])
    lowered = {str(k).lower(): v for k, v in record.items()}
    for alias in ALIASES[name]:
        value = lowered.get(alias)
        if value not in (None, ""):
            return value
    return None


def _string(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Mapping) and name == "outlet":
        return _string(value.get("name") or value.get("title"), name)
    raise InputProblem("bad json", f"field {name!r} is a {type(value).__name__}, not text")


def language_code(value: str | None) -> str | None:
    """A two-letter code from a code or an English language name; None when unknown."""
    if not value:
        return None
    text = value.strip().lower()
    if len(text) == 2 and text.isalpha():
        return text
    if len(text) > 2 and text[2] in "-_" and text[:2].isalpha():
        return text[:2]
    return _LANGUAGE_NAMES.get(text)


def article_from_record(record: Any, mapping: Mapping[str, str], default_name: str) -> Article:
    """An Article from one JSON object or CSV row; raises InputProblem when it cannot be one."""
    if not isinstance(record, Mapping):
        raise InputProblem("bad json", f"expected an object, got {type(record).__name__}")
    text = _string(field_value(record, "text", mapping), "text")
    if not text or not text.strip():
        raise InputProblem("no text", f"no {mapping.get('text', 'text')!r} field with text")
    ident = _string(field_value(record, "id", mapping), "id")
    language = language_code(_string(field_value(record, "language", mapping), "language"))
    return make_article(
        text,
        name=ident or default_name,
        outlet=_string(field_value(record, "outlet", mapping), "outlet"),
        url=_string(field_value(record, "url", mapping), "url"),
        published=parse_date(field_value(record, "published", mapping)),
        title=_string(field_value(record, "title", mapping), "title"),
        language=language or "",
        date_source="field",
    )
