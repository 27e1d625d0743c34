"""Watch feeds: poll each when it is due, fetch the pages of new items, ingest them and update the stories.

Crash safety comes from the order of writes. An item's article is stored (idempotently: ids come from the URL)
before the item is marked seen, and a feed's validators and schedule are saved only after its items are
handled. A watcher killed at any moment therefore repeats at most the work in flight, and never loses an item
or stores one twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from storylens.config import Settings
from storylens.ingest.feeds import FeedItem, FeedParams, ParsedFeed, parse_feed
from storylens.ingest.fetch import FEED_TYPES, Fetched, FetchFailure, decode_page
from storylens.live.pages import UrlFetcher, read_page
from storylens.model import Article, ArticleId, Document, Rejected, SourceFormat
from storylens.pipeline import StoriesReport, ingest_documents, update_stories
from storylens.store.base import Feed, SeenItem, Store

_ANY_TYPE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchParams:
    """How the watcher polls.

    Attributes:
        interval_seconds: when set, replaces every feed's own interval for this run (0: every round).
        host_delay_seconds: the least time between two requests to the same host.
        min_backoff_seconds: after an error a feed waits interval (at least this) × 2^(errors - 1) ...
        max_backoff_seconds: ... but never longer than this.
        max_new_items: new items handled per feed per round; the rest wait for the next round.
        robots_ttl_seconds: how long a host's robots.txt is trusted before it is fetched again.
        is_clustering: update copies and stories after a round that stored articles.
        feed: caps on feed entries.
    """

    interval_seconds: int | None = None
    host_delay_seconds: float = 1.0
    min_backoff_seconds: int = 60
    max_backoff_seconds: int = 6 * 3600
    max_new_items: int = 100
    robots_ttl_seconds: float = 3600.0
    is_clustering: bool = True
    feed: FeedParams = field(default_factory=FeedParams)


class HostPacer:
    """Spaces requests to the same host at least `delay_seconds` apart, by sleeping before a request."""

    def __init__(self, delay_seconds: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay_seconds = delay_seconds
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay_seconds - self._clock()
            if pause > 0:
                self._sleep(pause)
        self._last[host] = self._clock()


class RobotsRules:
    """robots.txt of each host, fetched when first needed and again after `ttl_seconds`.

    A missing robots.txt (4xx) allows everything; one that cannot be fetched now (5xx, network) answers
    "unknown", and the item waits for a later round (RFC 9309).
    """

    def __init__(self, fetcher: UrlFetcher, pacer: HostPacer, *, user_agent: str, ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._fetcher = fetcher
        self._pacer = pacer
        self._user_agent = user_agent
        self._ttl_seconds = ttl_seconds
        self._clock = clock
        self._rules: dict[str, tuple[float, RobotFileParser | None]] = {}

    def allows(self, url: str) -> bool | None:
        """True or False as the host's robots.txt says; None when it cannot be known now."""
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))
        cached = self._rules.get(site)
        if cached is None or self._clock() - cached[0] > self._ttl_seconds:
            cached = (self._clock(), self._fetch(site))
            self._rules[site] = cached
        rules = cached[1]
        if rules is None:
            self._rules.pop(site, None)  # unknown now: ask again next time
            return None
        return rules.can_fetch(self._user_agent, url)

    def _fetch(self, site: str) -> RobotFileParser | None:
        robots_url = f"{site}/robots.txt"
        self._pacer.wait(robots_url)
        fetched = self._fetcher.fetch(robots_url, accept=_ANY_TYPE)
        rules = RobotFileParser(robots_url)
        if isinstance(fetched, FetchFailure):
            if fetched.is_transient:
                return None
            rules.parse([])  # no robots.txt (or an unusable one): everything is allowed
            return rules
        text = decode_page(fetched.body, fetched.charset)
        rules.parse(text.splitlines() if isinstance(text, str) else [])
        return rules


@dataclass(slots=True)
class PollContext:
    """What lives across rounds of one watcher: the fetcher, request pacing and robots.txt rules."""

    fetcher: UrlFetcher
    pacer: HostPacer
    robots: RobotsRules

    @classmethod
    def create(cls, fetcher: UrlFetcher, params: WatchParams, *, user_agent: str,
               sleep: Callable[[float], None] = time.sleep) -> PollContext:
        pacer = HostPacer(params.host_delay_seconds, sleep=sleep)
        robots = RobotsRules(fetcher, pacer, user_agent=user_agent, ttl_seconds=params.robots_ttl_seconds)
        return cls(fetcher=fetcher, pacer=pacer, robots=robots)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedReport:
    """What one feed gave in one round."""

    url: str
    status: str  # "ok", "not_modified", "error" or "not_due"
    new_items: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    disallowed: int = 0
    retry_later: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PollReport:
    """What one polling round did."""

    feeds: tuple[FeedReport, ...]
    stories: StoriesReport | None = None
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return sum(feed.stored for feed in self.feeds)

    @property
    def errors(self) -> int:
        return sum(feed.status == "error" for feed in self.feeds)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "feeds": [{name: getattr(feed, name) for name in FeedReport.__slots__} for feed in self.feeds],
            "stored": self.stored,
            "errors": self.errors,
            "stories": self.stories.to_json_dict() if self.stories else None,
            "seconds": round(self.seconds, 3),
        }


def _interval(feed: Feed, params: WatchParams) -> int:
    return feed.interval_seconds if params.interval_seconds is None else params.interval_seconds


def backoff_seconds(interval_seconds: int, errors: int, params: WatchParams) -> int:
    """How long a feed waits after its `errors`-th error in a row: doubling, from the interval, capped."""
    base = max(interval_seconds, params.min_backoff_seconds)
    return int(min(base * 2 ** max(errors - 1, 0), params.max_backoff_seconds))


def is_due(feed: Feed, now: datetime, params: WatchParams) -> bool:
    """Whether a feed should be fetched at `now`: never fetched, or its interval (or backoff) has passed."""
    if feed.last_fetched_at is None:
        return True
    if params.interval_seconds is None:
        return feed.next_fetch_at is None or feed.next_fetch_at <= now
    wait = (backoff_seconds(params.interval_seconds, feed.consecutive_errors, params)
            if feed.consecutive_errors else params.interval_seconds)
    return feed.last_fetched_at + timedelta(seconds=wait) <= now


def _failed(store: Store, feed: Feed, now: datetime, params: WatchParams, error: str) -> FeedReport:
    errors = feed.consecutive_errors + 1
    wait = backoff_seconds(_interval(feed, params), errors, params)
    store.save_feed_state(replace(feed, last_fetched_at=now, last_status="error", last_error=error,
                                  consecutive_errors=errors, next_fetch_at=now + timedelta(seconds=wait),
                                  last_new_items=0))
    return FeedReport(url=feed.url, status="error", error=error)


def _validators(fetched: Fetched) -> dict[str, str]:
    return {"etag": fetched.header("ETag") or "", "last_modified": fetched.header("Last-Modified") or ""}


def _handle_item(item: FeedItem, store: Store, settings: Settings, context: PollContext,
                 ) -> tuple[str, SeenItem | None]:
    """Fetch and store one new item: its outcome, and the record that marks it seen (None: try again later).

    The article is stored before the caller marks the item seen, so a kill in between fetches it again
    and finds it stored.
    """
    allowed = context.robots.allows(item.url)
    if allowed is None:
        return "retry_later", None
    if not allowed:
        return "disallowed", SeenItem(key=item.key, url=item.url, outcome="disallowed")
    context.pacer.wait(item.url)
    outcome = read_page(item.url, context.fetcher, source_format=SourceFormat.FEED, title=item.title,
                        published=item.published)
    if isinstance(outcome, FetchFailure):
        return "retry_later", None
    articles: list[ArticleId] = []

    def remember(record: Article | Rejected) -> None:
        if isinstance(record, Article):
            articles.append(record.id)

    documents: list[Document | Rejected] = [outcome]
    report = ingest_documents(documents, store, settings, on_record=remember)
    if report.rejected:
        return "rejected", SeenItem(key=item.key, url=item.url, outcome="rejected")
    status = "stored" if report.stored else "already_stored"
    return status, SeenItem(key=item.key, url=item.url, outcome="stored", article_id=articles[0])


def poll_feed(feed: Feed, store: Store, settings: Settings, context: PollContext, *, now: datetime,
              params: WatchParams) -> FeedReport:
    """Fetch one feed (conditionally), handle its new items, then save its state.

    Returns:
        What happened; a feed that cannot be fetched or parsed gives status "error" and backs off.
    """
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    context.pacer.wait(feed.url)
    fetched = context.fetcher.fetch(feed.url, accept=FEED_TYPES, headers=headers)
    if isinstance(fetched, FetchFailure):
        return _failed(store, feed, now, params, f"{fetched.kind}: {fetched.reason}")
    interval = _interval(feed, params)
    if fetched.status == 304:
        store.save_feed_state(replace(feed, last_fetched_at=now, last_status="not_modified", last_error=None,
                                      consecutive_errors=0, next_fetch_at=now + timedelta(seconds=interval),
                                      last_new_items=0))
        return FeedReport(url=feed.url, status="not_modified")
    content_type = fetched.header("Content-Type")
    parsed = parse_feed(fetched.body, url=fetched.url, content_type=content_type, params=params.feed)
    if not isinstance(parsed, ParsedFeed):
        return _failed(store, feed, now, params, f"{parsed.code}: {parsed.reason}")
    keys = [item.key for item in parsed.items]
    seen = store.seen_items(feed.url, keys)
    new = [item for item in parsed.items if item.key not in seen]
    counts = dict.fromkeys(("stored", "already_stored", "rejected", "disallowed", "retry_later"), 0)
    counts["retry_later"] += max(len(new) - params.max_new_items, 0)
    for item in new[:params.max_new_items]:
        status, mark = _handle_item(item, store, settings, context)
        counts[status] += 1
        if mark is not None:
            store.mark_items_seen(feed.url, [mark])
    validators = _validators(fetched)
    if counts["retry_later"]:
        # Items are waiting: the next fetch must see the whole feed again, not a 304.
        validators = {"etag": "", "last_modified": ""}
    store.save_feed_state(replace(
        feed, title=feed.title or parsed.title, etag=validators["etag"] or None,
        last_modified=validators["last_modified"] or None, last_fetched_at=now, last_status="ok",
        last_error=None, consecutive_errors=0, next_fetch_at=now + timedelta(seconds=interval),
        last_new_items=len(new)))
    return FeedReport(url=feed.url, status="ok", new_items=len(new), stored=counts["stored"],
                      already_stored=counts["already_stored"], rejected=counts["rejected"],
                      disallowed=counts["disallowed"], retry_later=counts["retry_later"])


def poll_once(store: Store, settings: Settings, context: PollContext, *, now: datetime,
              params: WatchParams = WatchParams()) -> PollReport:
    """One polling round: every due feed in turn, then copies and stories when articles were stored.

    Args:
        store: feeds, their state and the articles.
        settings: ingest settings (batch size, size cap).
        context: fetcher, pacing and robots.txt rules, kept across rounds.
        now: the round's time (aware); decides which feeds are due and when they are next.
        params: intervals, backoff and caps.
    """
    started = time.perf_counter()
    reports = []
    for feed in store.list_feeds():
        if not is_due(feed, now, params):
            reports.append(FeedReport(url=feed.url, status="not_due"))
            continue
        reports.append(poll_feed(feed, store, settings, context, now=now, params=params))
    stored = sum(report.stored for report in reports)
    stories = update_stories(store) if stored and params.is_clustering else None
    return PollReport(feeds=tuple(reports), stories=stories, seconds=time.perf_counter() - started)


def next_due_seconds(store: Store, now: datetime, params: WatchParams) -> float | None:
    """Seconds until the next feed is due (0 when one is due now); None when no feed is followed."""
    feeds = store.list_feeds()
    if not feeds:
        return None
    waits = []
    for feed in feeds:
        if is_due(feed, now, params):
            return 0.0
        if params.interval_seconds is not None and feed.last_fetched_at is not None:
            wait = (backoff_seconds(params.interval_seconds, feed.consecutive_errors, params)
                    if feed.consecutive_errors else params.interval_seconds)
            due = feed.last_fetched_at + timedelta(seconds=wait)
        else:
            due = feed.next_fetch_at or now
        waits.append((due - now).total_seconds())
    return max(min(waits), 0.0)


def watch(store: Store, settings: Settings, context: PollContext, *, params: WatchParams = WatchParams(),
          clock: Callable[[], datetime], max_rounds: int | None = None, max_seconds: float | None = None,
          max_sleep_seconds: float = 60.0, sleep: Callable[[float], None] = time.sleep,
          on_round: Callable[[PollReport], None] | None = None) -> int:
    """Poll rounds until `max_rounds` or `max_seconds` (forever when both are None); returns the rounds run.

    Between rounds it sleeps until the next feed is due, at most `max_sleep_seconds` at a time.
    """
    started = time.monotonic()
    rounds = 0
    while max_rounds is None or rounds < max_rounds:
        report = poll_once(store, settings, context, now=clock(), params=params)
        rounds += 1
        if on_round is not None:
            on_round(report)
        if max_rounds is not None and rounds >= max_rounds:
            break
        elapsed = time.monotonic() - started
        if max_seconds is not None and elapsed >= max_seconds:
            break
        wait = next_due_seconds(store, clock(), params)
        pause = max_sleep_seconds if wait is None else min(wait, max_sleep_seconds)
        if max_seconds is not None:
            pause = min(pause, max_seconds - elapsed)
        if pause > 0:
            sleep(pause)
    return rounds
