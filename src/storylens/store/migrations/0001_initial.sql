-- storylens schema 1: articles with full-text search, rejected inputs, copies, stories, people's edits, state.
-- Times are stored twice: ISO-8601 UTC text (readable) and integer microseconds since the epoch (range queries).
-- Tuples are JSON arrays.

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,  -- stable rowid for the full-text index
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    origin_location TEXT NOT NULL,
    origin_format TEXT NOT NULL,
    origin_record INTEGER,
    content_hash TEXT NOT NULL,
    language TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_us INTEGER,
    date_source TEXT NOT NULL,
    authors TEXT NOT NULL,
    dateline TEXT,
    captions TEXT NOT NULL,
    credits TEXT NOT NULL,
    cited_outlets TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published_us, id);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, content = 'articles', content_rowid = 'pk', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.pk, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.pk, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body);
END;

-- One row per (origin, code): re-reading a bad folder does not grow the table.
CREATE TABLE rejected (
    pk INTEGER PRIMARY KEY,
    origin_location TEXT NOT NULL,
    origin_format TEXT NOT NULL,
    origin_record INTEGER,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);
CREATE UNIQUE INDEX rejected_origin_code ON rejected (origin_location, coalesce(origin_record, -1), code);

CREATE TABLE copy_links (
    copy TEXT NOT NULL REFERENCES articles (id),
    original TEXT NOT NULL REFERENCES articles (id),
    similarity REAL NOT NULL,
    method TEXT NOT NULL,
    PRIMARY KEY (copy, original)
);
CREATE INDEX copy_links_original ON copy_links (original);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_published TEXT,
    first_published_us INTEGER,
    last_published TEXT,
    last_published_us INTEGER,
    outlets TEXT NOT NULL
);
CREATE INDEX stories_last_published ON stories (last_published_us);

-- Which story each article belongs to (exactly one), in the story's order.
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    UNIQUE (article_id, story_id)
);
CREATE INDEX story_articles_story ON story_articles (story_id, position);

-- How the article got there; always agrees with story_articles.
CREATE TABLE assignments (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    score REAL NOT NULL,
    method TEXT NOT NULL,
    FOREIGN KEY (article_id, story_id) REFERENCES story_articles (article_id, story_id) ON DELETE CASCADE
);
CREATE INDEX assignments_story ON assignments (story_id);

-- Append-only audit trail of people's merges, splits and moves.
CREATE TABLE story_edits (
    pk INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    story_ids TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    editor TEXT NOT NULL,
    at TEXT NOT NULL,
    at_us INTEGER NOT NULL
);
CREATE TRIGGER story_edits_append_only_update BEFORE UPDATE ON story_edits BEGIN
    SELECT RAISE (ABORT, 'story_edits is append-only');
END;
CREATE TRIGGER story_edits_append_only_delete BEFORE DELETE ON story_edits BEGIN
    SELECT RAISE (ABORT, 'story_edits is append-only');
END;

-- Saved blobs such as index snapshots.
CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
