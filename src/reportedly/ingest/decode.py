"""Bytes to text: byte-order marks, UTF-8, then charset detection; binary data is refused."""

from __future__ import annotations

import codecs

from .common import InputProblem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
# Control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold a NUL byte or many control bytes (and no byte-order mark)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls > max(8, len(head) // 100)


def decode(data: bytes, declared: str | None = None) -> str:
    """Text of `data`: BOM, then UTF-8, then the declared charset, then charset-normalizer's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputProblem("undecodable", f"invalid {encoding}: {exc.reason}") from exc
    if looks_binary(data):
        raise InputProblem("binary", "the bytes are not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data)


def detect_charset(data: bytes) -> str:
    """The most likely character set of `data` (charset-normalizer); InputProblem("undecodable") if none fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches or matches[0].encoding is None:
        raise InputProblem("undecodable", "no character set fits the bytes")
    best = matches[0]
    # On a tie, the Western European code page is the likelier one for news in English.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(next((m for m in tied if m.encoding in _PREFERRED), best).encoding)


def _detect(data: bytes) -> str:
    encoding = detect_charset(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputProblem("undecodable", f"not valid {encoding}") from exc
