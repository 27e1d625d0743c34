"""A safe HTTP fetcher for feeds and pages: timeouts, size caps, content types, bounded redirects, and no
requests to private, loopback, link-local or otherwise non-public addresses unless explicitly allowed.

The host is resolved here, every address it resolves to is checked, and the connection goes to the checked
address (the Host header and TLS server name stay the host's), so DNS cannot hand a second, private answer to
the connection. Each redirect hop is checked again. Failures are values (`FetchFailure`), not exceptions.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin, urlsplit

from storylens.ingest.decode import Problem, decode_text

KIB = 1024
MIB = 1024 * KIB

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml", "application/x-rss+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK_BYTES = 64 * KIB
_DEFAULT_PORTS = {"http": 80, "https": 443}

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class FailureKind(StrEnum):
    BAD_URL = "bad_url"
    BLOCKED = "blocked"  # a private, loopback, link-local, multicast or reserved address
    UNRESOLVED = "unresolved"
    NETWORK = "network"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    BAD_TYPE = "bad_type"
    HTTP_STATUS = "http_status"
    TOO_MANY_REDIRECTS = "too_many_redirects"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchParams:
    """How the fetcher behaves.

    Attributes:
        timeout_seconds: the whole request (connect, each read, and the total) must finish within this.
        max_bytes: responses larger than this (declared or streamed) are refused.
        max_redirects: more redirect hops than this are refused.
        allow_private: allow private, loopback and link-local addresses (tests and intranet feeds only).
        user_agent: sent with every request; robots.txt rules are matched against it.
    """

    timeout_seconds: float = 15.0
    max_bytes: int = 5 * MIB
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "storylens/0.1 (+https://github.com/storylens/storylens)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A response: status 200 (with its body) or 304 Not Modified (empty body)."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str = ""  # media type, lower-cased, without parameters
    charset: str | None = None
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def header(self, name: str) -> str | None:
        """The first value of a header (names compare case-insensitively)."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchFailure:
    """Why a URL could not be fetched."""

    url: str
    kind: FailureKind
    reason: str
    status: int | None = None

    @property
    def is_transient(self) -> bool:
        """Worth trying again later: network trouble, timeouts, 5xx and 429."""
        if self.kind is FailureKind.HTTP_STATUS:
            return self.status is not None and (self.status >= 500 or self.status == 429)
        return self.kind in {FailureKind.NETWORK, FailureKind.TIMEOUT, FailureKind.UNRESOLVED}


def _unwrap(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return embedded
        if address in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64 maps IPv4 into this prefix
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_public_address(text: str) -> bool:
    """True when `text` is an IP address on the public internet.

    False for private (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10), loopback, link-local (including
    169.254.169.254, the cloud metadata address), multicast, reserved and unspecified addresses, also when an
    IPv4 address hides inside IPv6 (::ffff:127.0.0.1, 6to4, NAT64). False for text that is not an address.
    """
    try:
        address = _unwrap(ipaddress.ip_address(text.split("%", 1)[0]))
    except ValueError:
        return False
    return address.is_global and not (address.is_private or address.is_loopback or address.is_link_local
                                      or address.is_multicast or address.is_reserved or address.is_unspecified)


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def choose_address(host: str, port: int, *, allow_private: bool, resolver: Resolver = resolve_host,
                   ) -> str | tuple[FailureKind, str]:
    """The address to connect to, or why there is none.

    Every address the host resolves to must be public (unless `allow_private`): one private answer among
    public ones is refused, since a later resolution could pick it.
    """
    try:
        addresses = list(resolver(host.strip("[]"), port))
    except (OSError, UnicodeError) as error:
        return FailureKind.UNRESOLVED, f"cannot resolve {host}: {error}"
    if not addresses:
        return FailureKind.UNRESOLVED, f"{host} resolves to no address"
    if not allow_private:
        blocked = [address for address in addresses if not is_public_address(address)]
        if blocked:
            return (FailureKind.BLOCKED,
                    f"{host} resolves to {blocked[0]}, a private, loopback, link-local or reserved address; "
                    "pass --allow-private to fetch from it")
    return addresses[0]


def decode_page(content: bytes, charset: str | None) -> str | Problem:
    """A page's text: the declared charset when it decodes cleanly, else `decode_text`'s rules."""
    if charset:
        try:
            return content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(content)


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    kind, _, rest = value.partition(";")
    charset = None
    for parameter in rest.split(";"):
        name, _, raw = parameter.partition("=")
        if name.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a checked address while the Host header names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._pinned = address
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, _target: tuple[str, int], timeout: float, source: Any = None) -> socket.socket:
        return socket.create_connection((self._pinned, self.port), timeout, source)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As `_PinnedHTTPConnection`; the certificate is checked against the host name, not the address."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._pinned = address
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, _target: tuple[str, int], timeout: float, source: Any = None) -> socket.socket:
        return socket.create_connection((self._pinned, self.port), timeout, source)


class _Overrun(Exception):
    """The body grew past the cap or the deadline passed while reading."""

    def __init__(self, kind: FailureKind, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def _read_body(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "deflate", "x-gzip"}:
        raise _Overrun(FailureKind.BAD_TYPE, f"unsupported content encoding {encoding!r}")
    inflater = None if encoding == "identity" else zlib.decompressobj(zlib.MAX_WBITS | 32)
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _Overrun(FailureKind.TIMEOUT, "the response did not finish in time")
        chunk = response.read(_CHUNK_BYTES)
        if not chunk:
            break
        if inflater is not None:
            # Never inflate more than the cap allows: a small gzip body can expand enormously.
            try:
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as error:
                raise _Overrun(FailureKind.BAD_TYPE, f"the {encoding} body is damaged: {error}") from error
        size += len(chunk)
        if size > max_bytes:
            raise _Overrun(FailureKind.TOO_LARGE, f"the response is larger than the {max_bytes} byte limit")
        parts.append(chunk)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _target(url: str) -> _Target | str:
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    except ValueError as error:
        return f"not a valid URL: {error}"
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return f"only http and https URLs are fetched, not {scheme or 'a URL without a scheme'}"
    if not parts.hostname:
        return "the URL names no host"
    if parts.username or parts.password:
        return "URLs with a user name or password are not fetched"
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return _Target(scheme=scheme, host=parts.hostname, port=port, path=path)


class Fetcher:
    """Fetches URLs under `FetchParams`; one object per run, safe to share (it keeps no state).

    Args:
        params: limits and the address policy.
        resolver: host name to addresses; `resolve_host` (the system resolver) by default.
    """

    def __init__(self, params: FetchParams | None = None, *, resolver: Resolver = resolve_host) -> None:
        self.params = params or FetchParams()
        self._resolver = resolver

    def fetch(self, url: str, *, accept: frozenset[str], headers: Mapping[str, str] | None = None,
              ) -> Fetched | FetchFailure:
        """GET `url`, following redirects, and return the body or why not.

        Args:
            url: an http or https URL.
            accept: the media types allowed (others give BAD_TYPE); an empty set allows any.
            headers: extra request headers, e.g. If-None-Match / If-Modified-Since (kept across redirects).

        Returns:
            Fetched with status 200 or 304, or a FetchFailure naming the URL and the reason.
        """
        deadline = time.monotonic() + self.params.timeout_seconds
        current = url
        for _hop in range(self.params.max_redirects + 1):
            outcome = self._request(current, accept, headers or {}, deadline)
            if isinstance(outcome, str):
                current = outcome
                continue
            return outcome
        return FetchFailure(url=url, kind=FailureKind.TOO_MANY_REDIRECTS,
                            reason=f"more than {self.params.max_redirects} redirects (last to {current})")

    def _request(self, url: str, accept: frozenset[str], headers: Mapping[str, str], deadline: float,
                 ) -> Fetched | FetchFailure | str:
        """One hop: the response, a failure, or the URL a redirect points to."""
        target = _target(url)
        if isinstance(target, str):
            return FetchFailure(url=url, kind=FailureKind.BAD_URL, reason=target)
        chosen = choose_address(target.host, target.port, allow_private=self.params.allow_private,
                                resolver=self._resolver)
        if isinstance(chosen, tuple):
            return FetchFailure(url=url, kind=chosen[0], reason=chosen[1])
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return FetchFailure(url=url, kind=FailureKind.TIMEOUT, reason="no time left for the request")
        kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
        connection = kind(target.host, target.port, chosen, remaining)
        request_headers = {"User-Agent": self.params.user_agent, "Accept-Encoding": "gzip, identity",
                           "Accept": ", ".join(sorted(accept)) or "*/*", **headers}
        try:
            connection.request("GET", target.path, headers=request_headers)
            response = connection.getresponse()
            return self._response(url, response, accept, deadline)
        except _Overrun as overrun:
            return FetchFailure(url=url, kind=overrun.kind, reason=overrun.reason)
        except TimeoutError:
            return FetchFailure(url=url, kind=FailureKind.TIMEOUT,
                                reason=f"no answer within {self.params.timeout_seconds:g} seconds")
        except (OSError, http.client.HTTPException) as error:
            return FetchFailure(url=url, kind=FailureKind.NETWORK, reason=f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    def _response(self, url: str, response: http.client.HTTPResponse, accept: frozenset[str], deadline: float,
                  ) -> Fetched | FetchFailure | str:
        status = response.status
        if status in _REDIRECTS:
            location = response.getheader("Location")
            if not location:
                return FetchFailure(url=url, kind=FailureKind.HTTP_STATUS, status=status,
                                    reason=f"HTTP {status} redirect without a Location")
            return urljoin(url, location.strip())
        pairs = tuple((key, value) for key, value in response.getheaders())
        if status == 304:
            return Fetched(url=url, status=304, body=b"", headers=pairs)
        if status != 200:
            return FetchFailure(url=url, kind=FailureKind.HTTP_STATUS, status=status,
                                reason=f"HTTP {status} {response.reason}".rstrip())
        content_type, charset = _media_type(response.getheader("Content-Type"))
        if accept and content_type not in accept:
            shown = content_type or "no content type"
            return FetchFailure(url=url, kind=FailureKind.BAD_TYPE,
                                reason=f"{shown} is not one of {', '.join(sorted(accept))}")
        declared = response.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > self.params.max_bytes:
            return FetchFailure(url=url, kind=FailureKind.TOO_LARGE,
                                reason=f"the response declares {int(declared)} bytes, over the "
                                       f"{self.params.max_bytes} byte limit")
        body = _read_body(response, self.params.max_bytes, deadline)
        return Fetched(url=url, status=200, body=body, content_type=content_type, charset=charset, headers=pairs)
