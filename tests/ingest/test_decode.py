"""Bytes to text: byte-order marks, UTF-8, declared and detected charsets; binary data refused."""

from __future__ import annotations

import codecs

import pytest

from reportedly.ingest.common import InputProblem
from reportedly.ingest.decode import decode, looks_binary

TEXT = "Le ministère a démenti : « aucune preuve », a déclaré Renée Dupré à Velmora."


@pytest.mark.parametrize(
    "data, declared",
    [
        (TEXT.encode("utf-8"), None),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), None),
        (TEXT.encode("utf-16"), None),
        (TEXT.encode("cp1252"), "windows-1252"),
        (TEXT.encode("cp1252"), None),
        (TEXT.encode("latin-1"), "iso-8859-1"),
    ],
)
def test_decode(data: bytes, declared: str | None) -> None:
    assert decode(data, declared) == TEXT


@pytest.mark.parametrize(
    "data, reason",
    [
        (bytes(range(256)), "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8\x00\xd8a", "undecodable"),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputProblem) as info:
        decode(data)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    "data, binary",
    [(b"plain text\n\twith tabs\r\n", False), (b"text\x00with NUL", True), ("é".encode("utf-16"), False)],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary
