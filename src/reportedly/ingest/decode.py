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


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputProblem("undecodable", "no character set fits the bytes")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputProblem("undecodable", f"not valid {best.encoding}") from exc
