"""Fetching URLs (httpx) and canonical URLs.

Only http and https; a timeout, a size cap, at most 5 redirects, a clear user agent, and up to 2 retries with
exponential backoff on network errors, 429 and 5xx answers. Every failure is an InputProblem, never an exception
from httpx.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .common import InputProblem

USER_AGENT = "reportedly (+https://github.com/reportedly/reportedly)"
MAX_REDIRECTS = 5
RETRIES = 2
BACKOFF = 0.5  # seconds before the first retry; doubled for each further one
_RETRY_STATUS = {429, 500, 502, 503, 504}
_TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ocid", "cmpid", "smid"}
_TRACKING_PREFIXES = ("utm_", "at_", "ito", "itm_", "pk_")
_AMP_PARAMS = {"amp", "outputtype", "output"}


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str | None


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputProblem("bad url", f"{url!r}: only http and https URLs are fetched")


def fetch(
    url: str,
    *,
    max_bytes: int | None = None,
    timeout: float = 20.0,
    user_agent: str = USER_AGENT,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
) -> Fetched:
    """The body of `url`; raises InputProblem("bad url" | "fetch failed" | "too large")."""
    import httpx

    check_url(url)
    headers = {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"}
    with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers) as client:
        for attempt in range(retries + 1):
            try:
                return _get(client, url, max_bytes)
            except _Retry as retry:
                if attempt == retries:
                    raise InputProblem("fetch failed", f"{url}: {retry}") from None
            time.sleep(backoff * 2**attempt)
    raise InputProblem("fetch failed", url)  # not reached


class _Retry(Exception):
    pass


def _get(client: object, url: str, max_bytes: int | None) -> Fetched:
    import httpx

    assert isinstance(client, httpx.Client)
    try:
        with client.stream("GET", url) as response:
            if response.status_code in _RETRY_STATUS:
                raise _Retry(f"HTTP {response.status_code}")
            if response.status_code >= 400:
                raise InputProblem("fetch failed", f"{url}: HTTP {response.status_code}")
            content = _read_capped(response, max_bytes)
            return Fetched(str(response.url), content, response.headers.get("content-type"))
    except httpx.TooManyRedirects as exc:
        raise InputProblem("fetch failed", f"{url}: more than {MAX_REDIRECTS} redirects") from exc
    except httpx.UnsupportedProtocol as exc:
        raise InputProblem("bad url", f"{url}: {exc}") from exc
    except (httpx.TransportError, httpx.DecodingError) as exc:
        raise _Retry(f"{type(exc).__name__}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise InputProblem("fetch failed", f"{url}: {exc}") from exc


def _read_capped(response: object, max_bytes: int | None) -> bytes:
    import httpx

    assert isinstance(response, httpx.Response)
    declared = response.headers.get("content-length", "")
    if max_bytes is not None and declared.isdigit() and int(declared) > max_bytes:
        raise InputProblem("too large", f"{declared} bytes announced, more than {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise InputProblem("too large", f"more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def canonical_url(url: str | None) -> str | None:
    """`url` without tracking parameters, fragment, default port, `www.` or AMP variant; scheme and host lower-cased."""
    if not url:
        return url
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    for prefix in ("amp.", "www."):
        host = host.removeprefix(prefix)
    if port and (scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k, v)]
    return urlunsplit((scheme, host, _canonical_path(parts.path), urlencode(sorted(query)), ""))


def _keep_param(key: str, value: str) -> bool:
    low = key.lower()
    if low in _TRACKING or low.startswith(_TRACKING_PREFIXES):
        return False
    return not (low in _AMP_PARAMS and value.lower() in ("", "1", "amp", "true"))


def _canonical_path(path: str) -> str:
    """The path without an `amp` first or last segment and with `.amp.html` -> `.html`, `.amp` -> ``."""
    trailing = path.endswith("/")
    segments = [s for s in path.split("/") if s]
    if segments and segments[-1].lower() == "amp":
        segments.pop()
    if segments and segments[0].lower() == "amp":
        segments.pop(0)
    result = "/" + "/".join(segments) + ("/" if trailing and segments else "")
    lowered = result.lower()
    if lowered.endswith(".amp.html"):
        return result[: -len(".amp.html")] + ".html"
    if lowered.endswith(".amp"):
        return result[: -len(".amp")]
    return result
