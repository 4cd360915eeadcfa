"""Plain text (with the dated header form) and JSON lines."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from reportedly.ingest import REASONS, SkippedInputError, read
from reportedly.ingest.text import parse_header, split_title
from reportedly.records import Article, Skipped, article_id

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def articles(items: object) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]  # type: ignore[attr-defined]


def skips(items: object) -> list[Skipped]:
    return [x for x in items if isinstance(x, Skipped)]  # type: ignore[attr-defined]


def test_seed_article_header(seed_path: Path) -> None:
    (article,) = list(read(seed_path))
    assert article.outlet == "MENAFN"
    assert article.published == date(2024, 11, 24)
    assert article.text.startswith("The BBC has confirmed")
    assert "date 2024-11-24" not in article.text
    assert article.name == "menafn-2024-11-24-storm-shadow"
    assert article.title is None  # the first line is a paragraph, not a headline
    assert article.id == article_id(article.text)
    assert article.language == "en"


def test_header_with_headline() -> None:
    (article,) = list(read(DATA / "header_title.txt"))
    assert article.outlet == "Harbour Times"
    assert article.published == date(2025, 3, 4)
    assert article.title == "Flood gates opened at Lake Orvan (fictional)"
    assert article.text.startswith("Workers at the Orvan reservoir")


@pytest.mark.parametrize(
    "text, title",
    [
        ("Dam breach floods valley\n\nBody text follows here.", "Dam breach floods valley"),
        ("# Markdown heading\nBody.", "Markdown heading"),
        ("A first sentence that ends like one.\nAnother line.", None),
        ("Only one line without a break", None),
        ("Headline: with a colon at the end:\nBody", None),
        (" ".join(["word"] * 40) + "\nBody", None),
    ],
)
def test_split_title(text: str, title: str | None) -> None:
    found, rest = split_title(text)
    assert found == title
    if title is None:
        assert rest == text
    else:
        assert title not in rest


@pytest.mark.parametrize(
    "text, published, outlet",
    [
        (" date 2024-11-24 (MENAFN) The BBC has confirmed", "2024-11-24", "MENAFN"),
        ("date 2025-01-02 (Meridian Press) Text", "2025-01-02", "Meridian Press"),
        ("The date 2024-11-24 (MENAFN) appears later", None, None),
        ("date yesterday (MENAFN) Text", None, None),
    ],
)
def test_parse_header(text: str, published: str | None, outlet: str | None) -> None:
    rest, found_date, found_outlet = parse_header(text)
    assert (found_date, found_outlet) == (published, outlet)
    if outlet:
        assert not rest.startswith(" ") and outlet not in rest


def test_plain_text_uses_stem_and_no_metadata() -> None:
    (article,) = list(read(DATA / "plain.txt"))
    assert article.name == "plain"
    assert article.outlet is None and article.published is None
    assert article.text == "Plain article without a header. It has two sentences."


def test_jsonl_keeps_every_valid_record() -> None:
    items = list(read(DATA / "mixed.jsonl"))
    good = articles(items)
    assert [a.name for a in good] == ["ok-1", "ok-2", "ok-3"]
    first = good[0]
    assert first.outlet == "Varnholm Courier"
    assert first.title == "Ferry resumes (fictional)"
    assert first.url == "https://courier.example/ferry"
    assert first.published == date(2025, 5, 12)
    assert good[1].published == date(2025, 5, 13)
    assert good[2].published == date(2025, 5, 14)  # epoch seconds
    reasons = {s.location.rsplit(":", 1)[1]: s.reason for s in skips(items)}
    assert reasons == {"2": "bad json", "4": "bad json", "5": "no text", "6": "bad date"}


def test_strict_raises_at_first_problem() -> None:
    with pytest.raises(SkippedInputError) as info:
        list(read(DATA / "mixed.jsonl", strict=True))
    assert info.value.skipped.reason == "bad json"
    assert "mixed.jsonl:2" in str(info.value)


def test_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"uid": "x", "body": "The port reopened.", "meta": {"date": "2025-02-01"}, "site": "Coast FM"}\n')
    (article,) = list(read(path, fields={"id": "uid", "text": "body", "published": "meta.date", "outlet": "site"}))
    assert (article.name, article.text, article.published, article.outlet) == (
        "x",
        "The port reopened.",
        date(2025, 2, 1),
        "Coast FM",
    )


def test_missing_empty_and_directory_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second article text.")
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / ".hidden.txt").write_text("Hidden article text.")
    items = list(read([tmp_path, tmp_path / "missing.txt"]))
    assert [getattr(i, "name", None) or i.reason for i in items] == ["a", "z", "empty", "not found"]
    assert all(s.reason in REASONS for s in skips(items))


def test_glob_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(f"Article {name} text.")
    assert [a.name for a in read(str(tmp_path / "*.txt"))] == ["one", "two"]
    data = b'{"id": "s1", "text": "From a pipe."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = list(read("-"))
    assert (article.name, article.text) == ("s1", "From a pipe.")


@pytest.mark.parametrize(
    "kwargs, names",
    [
        ({}, ["ok-1", "ok-2", "ok-3"]),
        ({"since": date(2025, 5, 13)}, ["ok-2", "ok-3"]),
        ({"until": date(2025, 5, 12)}, ["ok-1"]),
        ({"outlet": "coastline radio"}, ["ok-3"]),
        ({"limit": 2}, ["ok-1", "ok-2"]),
    ],
)
def test_select(kwargs: dict[str, object], names: list[str]) -> None:
    from reportedly.ingest import select

    items = list(select(read(DATA / "mixed.jsonl"), **kwargs))  # type: ignore[arg-type]
    assert [a.name for a in articles(items)] == names


def test_reference_lists_every_reason_and_format() -> None:
    from reportedly.ingest import FORMATS, PRESETS, reference_markdown

    text = reference_markdown()
    for code in (*REASONS, *FORMATS, *PRESETS):
        assert f"| `{code}` |" in text
