"""Ids derived from content: the same input always gives the same id.

`content_hash` ignores Unicode compatibility forms, case and white space, so noise in those gives the same
hash. `article_id` hashes the canonical URL when there is one, else the outlet and the content hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from storylens.model import ArticleId

_TRACKING_PARAMETER = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ocid)$",
                                 re.IGNORECASE)
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def fingerprint_text(text: str) -> str:
    """Text reduced to what a hash should see: NFKC, case-folded, white space folded to single spaces."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def content_hash(title: str, body: str) -> str:
    """A 32-hex-character blake2b hash of title and body, blind to case, white space and NFKC noise."""
    key = f"{fingerprint_text(title)}\x1f{fingerprint_text(body)}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """A URL as an id sees it: scheme and host lower-cased, default port, fragment and tracking parameters
    (utm_*, fbclid, gclid …) dropped. None for an empty value; an unparseable URL is returned trimmed."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = _DEFAULT_PORTS.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    kept = [pair for pair in parts.query.split("&")
            if pair and not _TRACKING_PARAMETER.match(pair.partition("=")[0])]
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


def article_id(*, url: str | None, outlet: str | None, content_hash: str) -> ArticleId:
    """The article's id: "a" and 15 hex characters of a blake2b hash.

    Args:
        url: the article's URL, if any; canonicalised first, so tracking noise does not change the id.
        outlet: used with `content_hash` when there is no URL.
        content_hash: from `content_hash(title, body)`.
    """
    canonical = canonical_url(url)
    key = f"url\x1f{canonical}" if canonical else f"text\x1f{fingerprint_text(outlet or '')}\x1f{content_hash}"
    return ArticleId("a" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()[:15])
