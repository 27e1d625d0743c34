"""Live news: follow feeds, fetch the pages of new items, ingest and cluster them as they come."""

from __future__ import annotations

from storylens.live.pages import read_page, read_pages
from storylens.live.watch import FeedReport, PollContext, PollReport, WatchParams, poll_once, watch

__all__ = ["FeedReport", "PollContext", "PollReport", "WatchParams", "poll_once", "read_page", "read_pages",
           "watch"]
