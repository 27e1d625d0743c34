-- storylens schema 3: per-article features that clustering and copy detection derive from the text, kept so
-- an update reads them instead of recomputing them for every stored article it regroups. `method` names what
-- made them and with which settings; other settings simply miss and recompute.

CREATE TABLE article_features (
    article_id TEXT NOT NULL REFERENCES articles (id),
    method TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (article_id, method)
) WITHOUT ROWID;
