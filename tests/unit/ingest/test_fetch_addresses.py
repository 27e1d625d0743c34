"""The fetcher refuses non-public addresses unless allowed, whatever way the host is written."""

from __future__ import annotations

import pytest

from storylens.ingest.feeds import declares_entities
from storylens.ingest.fetch import FailureKind, Fetcher, FetchParams, choose_address, is_public_address
from storylens.ingest.opml import FeedEntry, read_opml, write_opml


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "10.0.0.1", "169.254.169.254", "[::1]",
                                  "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1", "100.64.0.1", "64:ff9b::7f00:1"])
def test_non_public_hosts_are_refused_without_allow_private(host: str) -> None:
    chosen = choose_address(host, 80, allow_private=False)
    assert isinstance(chosen, tuple)
    assert chosen[0] is FailureKind.BLOCKED


def test_allow_private_lets_loopback_through() -> None:
    assert choose_address("127.0.0.1", 80, allow_private=True) == "127.0.0.1"


def test_one_private_answer_among_public_ones_is_refused() -> None:
    chosen = choose_address("mixed.example", 80, allow_private=False,
                            resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    assert isinstance(chosen, tuple)
    assert chosen[0] is FailureKind.BLOCKED


@pytest.mark.parametrize(("address", "is_public"), [("8.8.8.8", True), ("2606:4700::1111", True),
                                                    ("::ffff:8.8.8.8", True), ("fe80::1%eth0", False),
                                                    ("2002:7f00:1::", False), ("not an address", False)])
def test_public_addresses(address: str, is_public: bool) -> None:
    assert is_public_address(address) is is_public


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "http://user:pw@example.org/",
                                 "http:///nohost"])
def test_only_plain_http_urls_are_fetched(url: str) -> None:
    failure = Fetcher(FetchParams()).fetch(url, accept=frozenset())
    assert getattr(failure, "kind", None) is FailureKind.BAD_URL


def test_entity_declarations_are_found_in_utf16_too() -> None:
    document = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    assert declares_entities(document.encode("utf-16"))
    assert not declares_entities(b'<?xml version="1.0"?><rss version="2.0"></rss>')


def test_opml_round_trips_urls_and_titles() -> None:
    entries = [FeedEntry(url="https://a.example/rss?x=1&y=2", title="A & B"), FeedEntry(url="https://b.example/")]
    assert read_opml(write_opml(entries).encode()) == [entries[0],
                                                       FeedEntry(url="https://b.example/", title="https://b.example/")]
