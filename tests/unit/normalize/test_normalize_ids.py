"""Content hash and article id."""

from __future__ import annotations

from storylens.normalize import article_id, canonical_url, content_hash


def test_content_hash_ignores_case_and_white_space() -> None:
    assert content_hash("Bridge Reopens", "The bridge\n\nreopened.") == content_hash(
        "bridge  reopens ", "THE BRIDGE reopened.")
    assert len(content_hash("a", "b")) == 32
    assert content_hash("Bridge", "reopened") != content_hash("Bridge", "closed")


def test_content_hash_ignores_compatibility_forms() -> None:
    assert content_hash("ﬁnal", "x\u00a0y") == content_hash("final", "x y")


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert canonical_url("HTTPS://WWW.Example.COM:443/News/A?id=3&utm_source=x&fbclid=y#top") == (
        "https://www.example.com/News/A?id=3")
    assert canonical_url("  ") is None
    assert canonical_url("http://example.com") == "http://example.com/"


def test_article_id_from_url_ignores_tracking_noise() -> None:
    first = article_id(url="https://example.com/a?utm_medium=rss", outlet="X", content_hash="1")
    second = article_id(url="https://EXAMPLE.com/a#comments", outlet="Y", content_hash="2")
    assert first == second
    assert len(first) == 16
    assert first.startswith("a")


def test_article_id_without_url_uses_outlet_and_content() -> None:
    digest = content_hash("t", "b")
    assert article_id(url=None, outlet="Gazette", content_hash=digest) == article_id(
        url=None, outlet="Gazette", content_hash=digest)
    assert article_id(url=None, outlet="Gazette", content_hash=digest) != article_id(
        url=None, outlet="Herald", content_hash=digest)
