"""poll_once against a real local server: new items stored once, hostile feeds are errors for that feed only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from live_site import Route, Site, article_page, atom, rss

from storylens.config import Settings
from storylens.ingest.fetch import KIB, Fetcher, FetchParams
from storylens.live import PollContext, WatchParams, poll_once
from storylens.model import SourceFormat
from storylens.store import SqliteStore

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
PARAMS = WatchParams(host_delay_seconds=0.0, is_clustering=False)
RSS = "application/rss+xml"

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
                  b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                  b'<rss version="2.0"><channel><title>&c;</title></channel></rss>')


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "live.db")


def context(*, timeout: float = 2.0, max_bytes: int = 256 * KIB) -> PollContext:
    fetcher = Fetcher(FetchParams(timeout_seconds=timeout, max_bytes=max_bytes, allow_private=True))
    return PollContext.create(fetcher, PARAMS, user_agent=fetcher.params.user_agent)


def serve_pages(site: Site, *slugs: str) -> None:
    for slug in slugs:
        site.routes[f"/news/{slug}"] = Route(body=article_page(slug, f"Inquiry {slug} goes on"))


def test_a_round_stores_each_new_item_once_and_reports_every_feed(site: Site, store: SqliteStore) -> None:
    serve_pages(site, "a1", "a2", "b1", "c1")
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/p1"] = Route(body=article_page("p1", "Private page"))
    site.routes["/rss"] = Route(body=rss([("a1", site.url("/news/a1")), ("a2", site.url("/news/a2")),
                                          ("p1", site.url("/private/p1")), ("gone", site.url("/news/gone"))]),
                                content_type=RSS)
    site.routes["/atom"] = Route(body=atom([("tag:b1", site.url("/news/b1")), ("tag:a1", site.url("/news/a1"))]),
                                 content_type="application/atom+xml")
    latin = rss([("c1", site.url("/news/c1"))], title="Caf\u00e9 Z\u00fcrich", encoding="ISO-8859-1")
    site.routes["/latin"] = Route(body=latin, content_type="application/xml")
    site.routes["/broken"] = Route(body=b"<?xml version='1.0'?><rss><channel><item><title>x</chan", content_type=RSS)
    site.routes["/laughs"] = Route(body=BILLION_LAUGHS, content_type=RSS)
    site.routes["/error"] = Route(body=b"oops", status=500, content_type="text/plain")
    site.routes["/slow"] = Route(body=rss([]), content_type=RSS, delay_seconds=3.0)
    site.routes["/huge"] = Route(body=rss([(f"h{n}", site.url(f"/news/h{n}")) for n in range(5000)]),
                                 content_type=RSS)
    site.routes["/html"] = Route(body=article_page("x", "Not a feed"))
    names = ["rss", "atom", "latin", "broken", "laughs", "error", "slow", "huge", "html", "missing"]
    for name in names:
        store.add_feed(site.url(f"/{name}"))

    report = poll_once(store, Settings(), context(timeout=1.0), now=NOW, params=PARAMS)

    outcome = {feed.url.rsplit("/", 1)[1]: (feed.status, feed.new_items, feed.stored, feed.already_stored,
                                            feed.rejected, feed.disallowed) for feed in report.feeds}
    assert outcome == {
        "rss": ("ok", 4, 2, 0, 1, 1), "atom": ("ok", 2, 1, 1, 0, 0), "latin": ("ok", 1, 1, 0, 0, 0),
        "broken": ("error", 0, 0, 0, 0, 0), "laughs": ("error", 0, 0, 0, 0, 0),
        "error": ("error", 0, 0, 0, 0, 0), "slow": ("error", 0, 0, 0, 0, 0), "huge": ("error", 0, 0, 0, 0, 0),
        "html": ("error", 0, 0, 0, 0, 0), "missing": ("error", 0, 0, 0, 0, 0)}
    errors = {feed.url.rsplit("/", 1)[1]: feed.error for feed in report.feeds if feed.error}
    assert str(errors["broken"]).startswith("malformed: the feed is not well-formed")
    assert "entity expansion" in str(errors["laughs"])
    assert errors["error"] == "http_status: HTTP 500 Internal Server Error"
    assert str(errors["slow"]).startswith("timeout")
    assert str(errors["huge"]).startswith("too_large")
    assert str(errors["html"]).startswith("bad_type: text/html is not one of")
    assert errors["missing"] == "http_status: HTTP 404 Not Found"
    assert store.count_articles() == 4
    assert site.hits_of("/private/p1") == []
    articles = store.list_articles()
    assert {article.origin.format for article in articles} == {SourceFormat.FEED}
    assert sorted(article.url or "" for article in articles) == sorted(
        site.url(f"/news/{slug}") for slug in ("a1", "a2", "b1", "c1"))
    feeds = {feed.url.rsplit("/", 1)[1]: feed for feed in store.list_feeds()}
    assert feeds["latin"].title == "Caf\u00e9 Z\u00fcrich"
    assert (feeds["rss"].items_seen, feeds["atom"].items_seen) == (4, 2)
    assert (feeds["error"].consecutive_errors, feeds["error"].next_fetch_at) == (1, NOW + timedelta(seconds=900))


def test_the_next_round_sends_validators_and_fetches_only_new_items(site: Site, store: SqliteStore) -> None:
    serve_pages(site, "n1", "n2", "n3")
    site.routes["/rss"] = Route(body=rss([("n1", site.url("/news/n1")), ("n2", site.url("/news/n2"))]),
                                content_type=RSS, etag='"v1"')
    store.add_feed(site.url("/rss"), interval_seconds=60)
    ctx = context()
    first = poll_once(store, Settings(), ctx, now=NOW, params=PARAMS)
    early = poll_once(store, Settings(), ctx, now=NOW + timedelta(seconds=30), params=PARAMS)
    unchanged = poll_once(store, Settings(), ctx, now=NOW + timedelta(seconds=60), params=PARAMS)
    site.routes["/rss"] = Route(body=rss([("n3", site.url("/news/n3")), ("n1", site.url("/news/n1")),
                                          ("n2", site.url("/news/n2"))]), content_type=RSS, etag='"v2"')
    changed = poll_once(store, Settings(), ctx, now=NOW + timedelta(seconds=120), params=PARAMS)

    assert [(r.feeds[0].status, r.feeds[0].new_items, r.stored) for r in (first, early, unchanged, changed)] == [
        ("ok", 2, 2), ("not_due", 0, 0), ("not_modified", 0, 0), ("ok", 1, 1)]
    assert [hit.get("if-none-match") for hit in site.hits_of("/rss")] == [None, '"v1"', '"v1"']
    assert [len(site.hits_of(f"/news/{slug}")) for slug in ("n1", "n2", "n3")] == [1, 1, 1]
    assert store.count_articles() == 3
    assert store.get_feed(site.url("/rss")).etag == '"v2"'


def test_a_failing_feed_backs_off_and_recovers(site: Site, store: SqliteStore) -> None:
    site.routes["/rss"] = Route(body=b"down", status=503, content_type="text/plain")
    store.add_feed(site.url("/rss"), interval_seconds=100)
    ctx = context()
    statuses = []
    for minutes in (0, 2, 4, 7):  # errors at 0 (wait 100 s) and 2 (wait 200 s); 4 is too early
        statuses.append(poll_once(store, Settings(), ctx, now=NOW + timedelta(minutes=minutes),
                                  params=PARAMS).feeds[0].status)
        if minutes == 4:
            site.routes["/rss"] = Route(body=rss([]), content_type=RSS)
    feed = store.get_feed(site.url("/rss"))
    assert statuses == ["error", "error", "not_due", "ok"]
    assert (feed.consecutive_errors, feed.last_status, feed.last_error) == (0, "ok", None)


def test_a_page_that_fails_for_now_is_fetched_again_next_round(site: Site, store: SqliteStore) -> None:
    site.routes["/news/later"] = Route(body=b"busy", status=503, content_type="text/plain")
    site.routes["/rss"] = Route(body=rss([("later", site.url("/news/later"))]), content_type=RSS, etag='"e"')
    store.add_feed(site.url("/rss"), interval_seconds=0)
    ctx = context()
    first = poll_once(store, Settings(), ctx, now=NOW, params=PARAMS)
    serve_pages(site, "later")
    second = poll_once(store, Settings(), ctx, now=NOW + timedelta(seconds=1), params=PARAMS)
    assert (first.feeds[0].retry_later, first.stored, second.stored) == (1, 0, 1)
    assert [hit.get("if-none-match") for hit in site.hits_of("/rss")] == [None, None]


def test_oversized_and_non_html_pages_are_rejected_and_not_fetched_again(site: Site, store: SqliteStore) -> None:
    site.routes["/news/big"] = Route(body=article_page("big", "Big", sentences=4000))
    site.routes["/news/pdf"] = Route(body=b"%PDF-1.4", content_type="application/pdf")
    site.routes["/rss"] = Route(body=rss([("big", site.url("/news/big")), ("pdf", site.url("/news/pdf"))]),
                                content_type=RSS)
    store.add_feed(site.url("/rss"), interval_seconds=0)
    ctx = context(max_bytes=64 * KIB)
    first = poll_once(store, Settings(), ctx, now=NOW, params=PARAMS)
    poll_once(store, Settings(), ctx, now=NOW + timedelta(seconds=1), params=PARAMS)
    assert (first.feeds[0].rejected, store.count_articles()) == (2, 0)
    assert sorted(str(item.code) for item in store.rejections()) == ["too_large", "unsupported"]
    assert (len(site.hits_of("/news/big")), len(site.hits_of("/news/pdf"))) == (1, 1)
