"""The Store contract, run against every backend (see conftest.py)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from reportedly.errors import NotFoundError, StoreError
from reportedly.records import Analysis, Article, Skipped
from reportedly.store import CLAIM_KEYS, ClaimFilter, open_store
from reportedly.store.base import Store
from reportedly.store.migrations import load
from reportedly.store.sqlbase import COUNTABLE, SNIPPET_MARKS

Corpus = list[tuple[Article, Analysis]]


def counts(store: Store) -> dict[str, int]:
    return {table: store.count(table) for table in COUNTABLE}


def backend_of(store: Store) -> str:
    return "postgres" if store.url.startswith("postgres") else "sqlite"


# -- migrations ---------------------------------------------------------------------------------------------------


def test_migrations_are_recorded_and_reapplying_is_a_no_op(store: Store) -> None:
    expected = [name for name, _ in load(backend_of(store))]
    assert expected and expected[0] == "0001_initial"
    assert store.migrations() == expected
    assert store.migrate() == []
    assert store.migrations() == expected


def test_both_backends_have_the_same_migrations() -> None:
    assert [name for name, _ in load("sqlite")] == [name for name, _ in load("postgres")]


def test_unmigrated_store_reports_pending_and_migrates(store_url: str) -> None:
    with open_store(store_url, migrate=False) as store:
        assert store.migrations() == []
        names = [name for name, _ in load(backend_of(store))]
        assert store.pending_migrations() == names  # type: ignore[attr-defined]
        with pytest.raises(StoreError, match="migrate"):
            store.count("articles")
        assert store.migrate() == names
        assert store.count("articles") == 0


def test_reopening_a_file_does_not_migrate_again(store_url: str) -> None:
    if store_url == ":memory:":
        pytest.skip("an in-memory database does not outlive its connection")
    with open_store(store_url) as first:
        first_names = first.migrations()
    with open_store(store_url, migrate=False) as again:
        assert again.migrate() == []
        assert again.migrations() == first_names


# -- writes -------------------------------------------------------------------------------------------------------


def test_save_batch_counts_new_articles_and_rerun_changes_nothing(store: Store, corpus: Corpus) -> None:
    skipped = [Skipped("feed.xml#3", "empty", "no text"), Skipped("b.html", "not_english", "de")]
    assert store.save_batch(corpus, skipped) == len(corpus)
    before = counts(store)
    assert before["articles"] == 3 and before["attributions"] == 8 and before["skipped"] == 2
    assert before["sources"] == 7 and before["events"] == 1 and before["times"] == 1 and before["places"] == 1
    claims_before = store.claims()
    assert store.save_batch(corpus, skipped) == 0
    assert counts(store) == before
    assert store.claims() == claims_before


def test_an_article_is_stored_once_within_one_batch(store: Store, corpus: Corpus) -> None:
    article, analysis = corpus[0]
    assert store.save_batch([(article, analysis), (article, analysis)]) == 1
    assert store.count("articles") == 1
    assert store.count("attributions") == len(analysis.attributions)


def test_a_new_extractor_version_replaces_the_analysis(store: Store, corpus: Corpus) -> None:
    article, old = corpus[0]
    store.save_batch([(article, old)])
    new = dataclasses.replace(old, attributions=old.attributions[:1], events=(), extractor_version="test-2")
    assert store.save_batch([(article, new)]) == 0
    assert store.analysis(article.id) == new
    assert store.count("attributions") == 1 and store.count("events") == 0 and store.count("sources") == 1
    assert [r["index"] for r in store.claims(ClaimFilter(text="missiles"))] == [0]  # the text index followed
    assert store.analysed_ids([article.id, "nope"], "test-2") == {article.id}
    assert store.analysed_ids([article.id], "test-1") == set()


def test_the_same_version_keeps_the_stored_analysis(store: Store, corpus: Corpus) -> None:
    article, analysis = corpus[0]
    store.save_batch([(article, analysis)])
    store.save_batch([(article, dataclasses.replace(analysis, attributions=()))])
    store.save_batch([(article, None)])
    assert store.analysis(article.id) == analysis


def test_an_article_without_analysis_gets_one_later(store: Store, corpus: Corpus) -> None:
    article, analysis = corpus[1]
    store.save_batch([(article, None)])
    assert store.analysis(article.id) is None
    assert store.analysed_ids([article.id], analysis.extractor_version) == set()
    store.save_batch([(article, analysis)])
    assert store.analysis(article.id) == analysis


def test_a_skipped_analysis_is_kept_with_its_reason(store: Store, corpus: Corpus) -> None:
    article = dataclasses.replace(corpus[0][0], language="de")
    analysis = Analysis(article.id, extractor_version="test-1", skipped="unsupported language: de")
    store.save_batch([(article, analysis)])
    assert store.analysis(article.id) == analysis
    assert store.article(article.id).language == "de"


def test_a_source_of_several_frames_is_stored_once(store: Store, corpus: Corpus) -> None:
    article, analysis = corpus[1]
    healey = analysis.attributions[1]
    again = dataclasses.replace(healey, content=analysis.attributions[2].content, parent=None)
    twice = dataclasses.replace(analysis, attributions=(*analysis.attributions, again))
    store.save_batch([(article, twice)])
    assert store.count("sources") == 2
    assert store.analysis(article.id) == twice
    rows = store.claims(ClaimFilter(source="healey"))
    assert [r["index"] for r in rows] == [1, 3] and {r["source_name"] for r in rows} == {"John Healey"}


def test_a_mismatched_analysis_is_refused_and_rolled_back(store: Store, corpus: Corpus) -> None:
    (first, analysis), (second, _) = corpus[0], corpus[1]
    with pytest.raises(StoreError, match="paired"):
        store.save_batch([(second, analysis)])
    assert store.count("articles") == 0
    store.save_batch([(first, analysis)])
    assert store.count("articles") == 1


def test_skipped_rows_and_runs(store: Store, corpus: Corpus) -> None:
    run = store.start_run("ingest feeds/", "test-1")
    skipped = [Skipped("a.html", "empty", ""), Skipped("b.pdf", "unsupported_format", "application/pdf")]
    store.save_batch(corpus[:1], skipped, run_id=run)
    store.save_batch(corpus[:1], skipped[:1], run_id=run)
    store.finish_run(run, {"stored": 1, "skipped": 2})
    (row,) = store.runs()
    assert row["id"] == run and row["command"] == "ingest feeds/" and row["extractor_version"] == "test-1"
    assert row["counts"] == {"stored": 1, "skipped": 2}
    assert row["started"] <= row["finished"]
    listed = store.skipped()
    assert [(r["location"], r["reason"], r["detail"], r["run_id"]) for r in listed] == [
        ("a.html", "empty", "", run),
        ("b.pdf", "unsupported_format", "application/pdf", run),
    ]
    assert all(r["created"] for r in listed)
    assert len(store.skipped(limit=1)) == 1
    with pytest.raises(NotFoundError, match="no run"):
        store.finish_run(run + 1000, {})


# -- reads --------------------------------------------------------------------------------------------------------


def test_analysis_round_trip_of_the_corpus(filled: Store, corpus: Corpus) -> None:
    for article, analysis in corpus:
        assert filled.article(article.id) == article
        assert filled.analysis(article.id) == analysis
    assert filled.analysis("0" * 16) is None


def test_claim_rows_have_exactly_the_claim_keys(filled: Store, corpus: Corpus) -> None:
    rows = filled.claims()
    assert rows and all(tuple(row) == CLAIM_KEYS for row in rows)
    kursk, analysis = corpus[0]
    row = next(r for r in rows if r["article_id"] == kursk.id and r["index"] == 2)
    frame = analysis.attributions[2]
    assert frame.source and frame.source.span and frame.cue
    assert row["source_name"] == "Telegram channels" and row["source_kind"] == "social_media"
    assert (row["source_start"], row["source_end"], row["source_text"]) == (
        frame.source.span.start, frame.source.span.end, frame.source.span.text,
    )  # fmt: skip
    assert (row["cue_start"], row["cue_end"], row["cue_text"]) == (frame.cue.start, frame.cue.end, "reported")
    assert row["content_text"] == "12 missiles" and row["hedges"] == ["allegedly"]
    assert row["published"] == "2024-11-20" and row["outlet"] == "Kyiv Post" and row["extractor"] == "test-1"
    assert len({r["id"] for r in rows}) == len(rows)


ALL = [("kursk", 0), ("kursk", 1), ("kursk", 2), ("bridge", 0), ("bridge", 1), ("bridge", 2), ("undated", 0),
       ("undated", 1)]  # fmt: skip


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ALL),
        ({"source": "bbc"}, [("kursk", 0)]),
        ({"source": "SEVERAL"}, [("kursk", 2)]),  # the source's text, not its name
        ({"source": "uk ministry"}, [("bridge", 0)]),  # the name, not the text
        ({"source": "зЕЛЕНСЬКИЙ"}, [("undated", 1)]),
        ({"source": "50%"}, []),
        ({"source_kind": "person"}, [("bridge", 1), ("undated", 1)]),
        ({"status": "denied"}, [("kursk", 1)]),
        ({"status": "reported"}, [("kursk", 2), ("bridge", 0), ("bridge", 1), ("undated", 0), ("undated", 1)]),
        ({"outlet": "menafn"}, [("bridge", 0), ("bridge", 1), ("bridge", 2)]),
        ({"since": date(2024, 11, 21)}, [("bridge", 0), ("bridge", 1), ("bridge", 2)]),
        ({"until": date(2024, 11, 20)}, [("kursk", 0), ("kursk", 1), ("kursk", 2)]),
        ({"since": date(2024, 11, 20), "until": date(2024, 11, 24), "status": "reported"},
         [("kursk", 2), ("bridge", 0), ("bridge", 1)]),
        ({"text": "missiles"}, [("kursk", 0), ("kursk", 2)]),
        ({"text": "destroy"}, [("bridge", 0)]),  # stemmed
        ({"text": "   "}, ALL),
        ({"source": "bbc", "status": "reported"}, []),
        ({"limit": 2, "offset": 1}, ALL[1:3]),
        ({"offset": 6}, ALL[6:]),
        ({"limit": 0}, []),
    ],
)  # fmt: skip
def test_claim_filters(filled: Store, corpus: Corpus, filters: dict[str, Any], expected: list[tuple[str, int]]) -> None:
    names = {article.id: article.name for article, _ in corpus}
    rows = filled.claims(ClaimFilter(**filters))
    assert [(names[r["article_id"]], r["index"]) for r in rows] == expected


def test_claim_filter_by_article(filled: Store, corpus: Corpus) -> None:
    target = corpus[2][0]
    rows = filled.claims(ClaimFilter(article_id=target.id))
    assert [(r["article_id"], r["index"]) for r in rows] == [(target.id, 0), (target.id, 1)]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["kursk", "bridge", "undated"]),
        ({"outlet": "KYIV POST"}, ["kursk"]),
        ({"since": date(2024, 11, 21)}, ["bridge"]),
        ({"until": date(2024, 11, 23)}, ["kursk"]),
        ({"limit": 1, "offset": 1}, ["bridge"]),
        ({"offset": 2}, ["undated"]),
    ],
)
def test_articles_filters(filled: Store, filters: dict[str, Any], expected: list[str]) -> None:
    assert [a.name for a in filled.articles(**filters)] == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Kursk", ["kursk"]),
        ("missile", ["kursk"]),  # stemmed
        ('"Storm Shadow"', ["kursk"]),
        ('"Shadow Storm"', []),
        ("bridge OR anonymity", ["bridge", "undated"]),
        ("BBC", ["kursk", "undated"]),
        ("BBC -anonymity", ["kursk"]),
        ('unbalanced "quote ( AND', []),
        ("   ", []),
    ],
)
def test_search(filled: Store, query: str, expected: list[str]) -> None:
    hits = filled.search(query)
    names = {a.id: a.name or "" for a in filled.articles()}
    assert sorted(names[h["article_id"]] for h in hits) == sorted(expected)
    for hit in hits:
        assert set(hit) == {"article_id", "title", "outlet", "published", "snippet", "rank"}
        assert SNIPPET_MARKS[0] in hit["snippet"] and SNIPPET_MARKS[1] in hit["snippet"]
    assert [h["rank"] for h in hits] == sorted((h["rank"] for h in hits), reverse=True)


def test_search_ranks_a_title_match_first_and_respects_limit(filled: Store) -> None:
    hits = filled.search("Kursk OR BBC", limit=2)
    assert len(hits) == 2
    assert hits[0]["title"] == "Missiles over Kursk" and hits[0]["published"] == "2024-11-20"


def test_article_by_id_prefix_and_name(filled: Store, corpus: Corpus) -> None:
    article = corpus[0][0]
    assert filled.article(article.id) == article
    assert filled.article(article.id[:6]) == article
    assert filled.article("kursk") == article


@pytest.mark.parametrize("key, message", [("nothing-here", "No article"), ("zzzz", "No article"), ("abc", "4")])
def test_article_not_found(filled: Store, key: str, message: str) -> None:
    with pytest.raises(NotFoundError, match=message):
        filled.article(key)


def test_article_ambiguous_prefix_and_short_prefix(store: Store) -> None:
    a, b = Article("abcd0001", "one", name="same"), Article("abcd0002", "two", name="same")
    store.save_batch([(a, None), (b, None)])
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.article("abcd")
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.article("same")
    with pytest.raises(NotFoundError, match="No article"):
        store.article("abc")
    assert store.article("abcd0002") == b


@pytest.mark.parametrize("limit, offset", [(-1, 0), (None, -5), (10, -1)])
def test_negative_limit_or_offset_is_refused(filled: Store, limit: int | None, offset: int) -> None:
    with pytest.raises(StoreError, match="0 or more"):
        filled.claims(ClaimFilter(limit=limit, offset=offset))
    with pytest.raises(StoreError, match="0 or more"):
        filled.articles(limit=limit, offset=offset)


def test_count_rejects_an_unknown_table(store: Store) -> None:
    with pytest.raises(StoreError, match="choose one of"):
        store.count("migrations; DROP TABLE articles")


def test_a_closed_store_says_so(store_url: str) -> None:
    store = open_store(store_url)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count("articles")


def test_driver_errors_become_store_errors(store: Store) -> None:
    # PostgreSQL text cannot hold NUL; SQLite refuses a NULL text (NOT NULL).
    text = "a NUL \x00 character" if backend_of(store) == "postgres" else None
    bad = Article("nul00001", text)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="Could not save a batch") as caught:
        store.save_batch([(bad, None)])
    assert caught.value.__cause__ is not None
    assert store.count("articles") == 0


def test_text_utf8_cannot_encode_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="surrogate"):
        store.save_batch([(Article("sur00001", "broken \udcff byte"), None)])
    assert store.count("articles") == 0
