"""HTML, feeds, CSV, WARC and gzip inputs: text, title, outlet and date for each."""

from __future__ import annotations

import gzip
import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from reportedly.errors import IngestError
from reportedly.ingest import read
from reportedly.ingest.html import url_date
from reportedly.records import Article, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def only_articles(items: list[Article | Skipped]) -> list[Article]:
    assert all(isinstance(i, Article | Skipped) for i in items)
    return [i for i in items if isinstance(i, Article)]


@pytest.mark.parametrize(
    "name, title, outlet, published, source, starts",
    [
        (
            "page_meta.html",
            "Ferry service resumes after storm (fictional)",
            "Varnholm Courier",
            date(2025, 5, 12),
            "metadata",
            "The ferry between Varnholm",
        ),
        (
            "page_nometa.html",
            "Library reopens after flood repairs (fictional)",
            None,
            date(2025, 4, 14),
            "content",
            "Published on 14 April 2025",
        ),
        (
            "page_cp1252.html",
            "Café owners protest new rules (fictional)",
            "Le Petit Courrier",
            date(2025, 6, 2),
            "metadata",
            "Owners of cafés in the old town",
        ),
    ],
)
def test_html(name: str, title: str, outlet: str | None, published: date, source: str, starts: str) -> None:
    (article,) = only_articles(list(read(DATA / name)))
    assert article.title == title
    assert article.outlet == outlet
    assert article.published == published
    assert article.date_source == source
    assert article.text.startswith(starts)
    assert "All rights reserved" not in article.text  # boilerplate is left out
    assert article.name == Path(name).stem


def test_html_canonical_url_from_metadata() -> None:
    (article,) = only_articles(list(read(DATA / "page_meta.html")))
    assert article.url == "https://varnholmcourier.example/news/ferry-resumes"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://x.example/2025/03/12/dam-breach", date(2025, 3, 12)),
        ("https://x.example/news/2025-3-9-story.html", date(2025, 3, 9)),
        ("https://x.example/20250312/story", date(2025, 3, 12)),
        ("https://x.example/2025/13/40/story", None),
        ("https://x.example/story-12345", None),
    ],
)
def test_url_date(url: str, expected: date | None) -> None:
    assert url_date(url) == expected


def test_rss_feed() -> None:
    items = list(read(DATA / "feed_rss.xml"))
    arts = only_articles(items)
    assert [a.title for a in arts] == [
        "Lighthouse keeper retires after 40 years (fictional)",
        "Harbour fees to rise in May (fictional)",
    ]
    first = arts[0]
    assert first.outlet == "Harbour Times"
    assert first.published == date(2025, 4, 2) and first.date_source == "feed"
    assert first.text.startswith("The keeper of the Skarra lighthouse retired on Tuesday")
    assert "<p>" not in first.text
    (skip,) = [i for i in items if isinstance(i, Skipped)]
    assert (skip.location.endswith("feed_rss.xml#3"), skip.reason) == (True, "no text")


def test_atom_feed() -> None:
    (article,) = only_articles(list(read(DATA / "feed_atom.xml")))
    assert article.outlet == "Coastline Radio"
    assert article.title == "Storm warning lifted for the islands (fictional)"
    assert article.published == date(2025, 4, 5)
    assert article.url == "https://coastline.example/news/storm-warning-lifted"
    assert article.text.startswith("The weather service lifted its storm warning")


def test_csv_with_preset_keeps_valid_rows() -> None:
    items = list(read(DATA / "export.csv", fields="mediacloud"))
    arts = only_articles(items)
    assert [a.name for a in arts] == ["9001", "9004"]
    assert arts[0].outlet == "Transit News"
    assert arts[0].published == date(2025, 2, 10)
    assert arts[0].title == "Bus drivers vote to accept pay deal (fictional)"
    assert '"It is not everything we asked for,"' in arts[0].text
    assert sorted(s.reason for s in items if isinstance(s, Skipped)) == ["bad date", "no text"]


def test_tsv_with_field_mapping() -> None:
    (article,) = only_articles(list(read(DATA / "mapped.tsv", fields={"text": "body", "outlet": "site"})))
    assert article.outlet == "Valley Voice"
    assert article.published == date(2025, 1, 5)
    assert article.text.startswith("The river bridge")


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "no_text.csv"
    path.write_text("url,title\nhttps://x.example/a,A headline\n")
    (skip,) = list(read(path))
    assert isinstance(skip, Skipped) and skip.reason == "bad csv" and "fields=" in skip.detail


def test_unknown_preset_and_field() -> None:
    with pytest.raises(IngestError, match="preset"):
        list(read(DATA / "export.csv", fields="nope"))
    with pytest.raises(IngestError, match="bodytext"):
        list(read(DATA / "export.csv", fields={"bodytext": "x"}))
    with pytest.raises(IngestError, match="format"):
        list(read(DATA / "export.csv", format="docx"))


def make_warc(path: Path, pages: list[tuple[str, bytes]], extra_record: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-05-20T10:00:00Z"},
            )
            writer.write_record(record)
        if extra_record:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            image = writer.create_warc_record(
                "https://x.example/a.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=headers
            )
            writer.write_record(image)


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc(tmp_path: Path, suffix: str) -> None:
    meta = (DATA / "page_meta.html").read_bytes()
    nometa = (DATA / "page_nometa.html").read_bytes().replace(b"<p>Published on 14 April 2025</p>", b"")
    path = tmp_path / f"crawl{suffix}"
    make_warc(path, [("https://varnholmcourier.example/news/ferry-resumes", meta), ("https://x.example/lib", nometa)])
    arts = only_articles(list(read(path)))
    assert [a.title for a in arts] == [
        "Ferry service resumes after storm (fictional)",
        "Library reopens after flood repairs (fictional)",
    ]
    assert arts[0].outlet == "Varnholm Courier" and arts[0].published == date(2025, 5, 12)
    assert arts[1].outlet == "x.example"
    assert (arts[1].published, arts[1].date_source) == (date(2025, 5, 20), "crawl")
    assert arts[1].text.startswith("The public library")


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    page = (DATA / "page_meta.html").read_bytes()
    path = tmp_path / "crawl.warc"
    make_warc(path, [("https://a.example/1", page), ("https://a.example/2", page.replace(b"ferry", b"boat"))], False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    items = list(read(path))
    assert isinstance(items[0], Article)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped"]


def test_gzip_and_sniffing(tmp_path: Path) -> None:
    gz = tmp_path / "wire.jsonl.gz"
    gz.write_bytes(gzip.compress((DATA / "mixed.jsonl").read_bytes()))
    assert [a.name for a in only_articles(list(read(gz)))] == ["ok-1", "ok-2", "ok-3"]
    unnamed = tmp_path / "download"
    shutil.copy(DATA / "page_meta.html", unnamed)
    (article,) = only_articles(list(read(unnamed)))
    assert article.outlet == "Varnholm Courier"
    (as_text,) = only_articles(list(read(unnamed, format="text")))
    assert as_text.text.startswith("<html") and as_text.published is None


def test_non_english_is_kept_with_its_language(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le ministère de l’Énergie a démenti mercredi que le barrage avait été attaqué, "
        "rejetant ce qu’il a qualifié de spéculations irresponsables sur une explosion."
    )
    (article,) = list(read(path))
    assert isinstance(article, Article) and article.language == "fr"
    (undetected,) = list(read(path, detect_language=False))
    assert isinstance(undetected, Article) and undetected.language == "en"


def test_non_english_article_is_not_analysed(tmp_path: Path, nlp: object) -> None:
    from reportedly.extract import analyse

    path = tmp_path / "de.txt"
    path.write_text(
        " date 2025-03-13 (Tagesblatt) Das Energieministerium bestritt am Mittwoch, dass der Staudamm angegriffen "
        "worden sei, und wies Berichte über eine Explosion als unverantwortliche Spekulation zurück."
    )
    (article,) = list(read(path))
    assert isinstance(article, Article) and article.language == "de"
    ((same, analysis),) = list(analyse([article], nlp))  # type: ignore[arg-type]
    assert same.id == article.id
    assert analysis.skipped == "language de is not supported yet" and not analysis.attributions
