"""Junk never crashes a run: each bad file becomes one Skipped with its reason; valid files around it are kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reportedly.ingest import REASONS, SkippedInputError, read
from reportedly.records import Article, Skipped

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>x</title><description>&lol4;</description></item>
</channel></rss>"""

NASTY: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "blank.html": (b" \n\t\n", "empty"),
    "binary.dat": (bytes(range(256)) * 4, "binary"),
    "bad_encoding.txt": (b"\xff\xfe" + b"\x00\xd8" * 3 + b"a", "undecodable"),
    "truncated.jsonl.gz": (gzip.compress(b'{"text": "' + b"word " * 2000 + b'"}\n')[:60], "bad gzip"),
    "bomb.xml": (BOMB, "unsafe xml"),
    "large.txt": (b"All work and no play. " * 1000, "too large"),
    "malformed.html": (b"<html><body><div><<<>>></p></table", "no text"),
    "truncated.warc": (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Len", "bad warc"),
    "bad_date.txt": (b" date 2025-13-45 (Harbour Times) The ferry resumed service.", "bad date"),
    "not_a_feed.xml": (b"<?xml version='1.0'?><config><a>1</a></config>", "bad xml"),
}


@pytest.fixture()
def nasty_dir(tmp_path: Path) -> Path:
    for name, (data, _) in NASTY.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("The harbour master confirmed on Monday that the ferry would run.")
    return tmp_path


def test_each_nasty_file_is_one_skip_with_its_reason(nasty_dir: Path) -> None:
    items = list(read(nasty_dir, max_file_size=10_000))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.name for a in articles] == ["good"]
    found = {Path(s.location).name: s.reason for s in items if isinstance(s, Skipped)}
    assert found == {name: reason for name, (_, reason) in NASTY.items()}
    assert len([i for i in items if isinstance(i, Skipped)]) == len(NASTY)
    assert set(found.values()) <= set(REASONS)


def test_strict_stops_at_the_first(nasty_dir: Path) -> None:
    with pytest.raises(SkippedInputError) as info:
        list(read(nasty_dir, strict=True, max_file_size=10_000))
    assert info.value.skipped.reason in REASONS
    assert "without strict mode" in str(info.value)


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    lines = b"".join(b'{"id": "r%d", "text": "Record number %d of the export."}\n' % (n, n) for n in range(2000))
    data = gzip.compress(lines)
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read(path))
    names = [i.name for i in items if isinstance(i, Article)]
    assert names[:3] == ["r0", "r1", "r2"] and len(names) > 100
    assert [i.reason for i in items if isinstance(i, Skipped)][-1] == "bad gzip"
