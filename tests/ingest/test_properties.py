"""Property tests: arbitrary bytes and truncations never raise anything but IngestError, for every reader."""

from __future__ import annotations

import contextlib
import gzip
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.errors import IngestError
from reportedly.ingest import FORMATS, REASONS, read
from reportedly.records import Article, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SAMPLES = sorted(p for p in DATA.iterdir() if p.is_file())
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_bytes(data: bytes, suffix: str, fmt: str | None, strict: bool = False) -> list[Article | Skipped]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(read(path, format=fmt, strict=strict, max_file_size=200_000))


def check(items: list[Article | Skipped]) -> None:
    for item in items:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert item.reason in REASONS
        else:
            assert item.text.strip() and item.id


@pytest.mark.parametrize("fmt", [*FORMATS, None])
@PROPERTY
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(fmt: str | None, data: bytes) -> None:
    check(read_bytes(data, ".bin", fmt))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html", "feed"])
@PROPERTY
@given(text=st.text(max_size=600))
def test_arbitrary_text(fmt: str, text: str) -> None:
    check(read_bytes(text.encode("utf-8", "surrogatepass"), ".txt", fmt))


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
@PROPERTY
@given(cut=st.floats(min_value=0.0, max_value=1.0), zipped=st.booleans())
def test_truncations(sample: Path, cut: float, zipped: bool) -> None:
    data = sample.read_bytes()
    if zipped:
        data = gzip.compress(data)
    data = data[: int(len(data) * cut)]
    check(read_bytes(data, "".join(sample.suffixes) + (".gz" if zipped else ""), None))
    with contextlib.suppress(IngestError):
        read_bytes(data, sample.suffix, None, strict=True)
