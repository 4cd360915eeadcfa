from pathlib import Path

import pytest

from reportedly import settings
from reportedly.errors import ConfigError


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    values = settings.resolve(config=None, environ={"REPORTEDLY_CONFIG": str(tmp_path / "none.toml")})
    assert values == {s.name: s.default for s in settings.SETTINGS}


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    conf = tmp_path / "reportedly.toml"
    conf.write_text('db = "sqlite:///from-file.db"\nbatch_size = 8\nstrict = true\n', encoding="utf-8")
    env = {"REPORTEDLY_BATCH_SIZE": "16"}
    values = settings.resolve(config=conf, environ=env)
    assert values["db"] == "sqlite:///from-file.db"
    assert values["batch_size"] == 16
    assert values["strict"] is True
    values = settings.resolve(flags={"batch_size": 4, "db": None}, config=conf, environ=env)
    assert values["batch_size"] == 4
    assert values["db"] == "sqlite:///from-file.db"


def test_a_reportedly_table_in_the_file_is_read(tmp_path: Path) -> None:
    conf = tmp_path / "reportedly.toml"
    conf.write_text("[reportedly]\nport = 9000\n", encoding="utf-8")
    assert settings.resolve(config=conf, environ={})["port"] == 9000


@pytest.mark.parametrize(
    "content, message",
    [
        ("colour = 'red'\n", "unknown setting"),
        ("batch_size = 'many'\n", "must be a int"),
        ("db = \n", "Cannot read"),
    ],
)
def test_bad_configuration_is_a_config_error(tmp_path: Path, content: str, message: str) -> None:
    conf = tmp_path / "reportedly.toml"
    conf.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        settings.resolve(config=conf, environ={})


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="REPORTEDLY_STRICT"):
        settings.resolve(environ={"REPORTEDLY_STRICT": "perhaps"})


def test_missing_named_config_file() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        settings.resolve(config="/nonexistent/reportedly.toml", environ={})


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for s in settings.SETTINGS:
        assert f"`{s.name}`" in readme, f"setting {s.name} is not in README.md"
        assert f"REPORTEDLY_{s.name.upper()}" in readme or s.name == "config"
        assert s.help.strip(), s.name


def test_every_input_format_and_skip_reason_is_documented() -> None:
    from reportedly.ingest import FORMATS, REASONS

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for name in [*FORMATS, *REASONS]:
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"
