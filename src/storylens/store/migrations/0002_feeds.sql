-- storylens schema 2: feeds the watcher polls, and which of their items it has handled.
-- A feed's state (validators, errors, next fetch) is saved only after its items are handled, and an item is
-- marked seen only after its article is stored, so a watcher killed at any moment repeats work, never loses it.

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    interval_seconds INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at TEXT,
    last_status TEXT,
    last_error TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_fetch_at TEXT,
    next_fetch_us INTEGER,
    last_new_items INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_next_fetch ON feeds (next_fetch_us);

-- One row per (feed, entry id): what became of the item. Re-listing an item never fetches it again.
CREATE TABLE feed_items (
    feed_url TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    url TEXT NOT NULL,
    outcome TEXT NOT NULL,
    article_id TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
