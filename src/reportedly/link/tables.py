"""The word lists that linking ships under link/resources/<language>/."""

from __future__ import annotations

from importlib import resources

from ..errors import ConfigError


def read_rows(language: str, name: str, what: str) -> list[list[str]]:
    """The tab-separated rows of one list, without blank lines and `#` comments; `what` names it in errors."""
    path = resources.files("reportedly").joinpath(f"link/resources/{language}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"The {what} for {language!r} is missing; reinstall reportedly.") from exc
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
