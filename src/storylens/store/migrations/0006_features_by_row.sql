-- storylens schema 6: features are kept by the article's row number and a method number, in a rowid table.
-- Schema 3 keyed them by article id and method text in a WITHOUT ROWID table, whose ~2 KB rows scattered
-- over the whole tree by the ids' random order: saving a million articles' features rewrote pages
-- throughout it. Now the rows of a batch go to the end of the table and of its small index.
-- The index on content hashes goes: nothing looks articles up by it (copies are found in memory), and each
-- stored article added a random entry to it.

CREATE TABLE feature_methods (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE features_by_row (
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    method_id INTEGER NOT NULL REFERENCES feature_methods (id),
    data BLOB NOT NULL,
    PRIMARY KEY (article_pk, method_id)
);

INSERT INTO feature_methods (name) SELECT DISTINCT method FROM article_features ORDER BY method;

INSERT INTO features_by_row (article_pk, method_id, data)
SELECT a.pk, m.id, f.data
FROM article_features f JOIN articles a ON a.id = f.article_id JOIN feature_methods m ON m.name = f.method
ORDER BY a.pk, m.id;

DROP TABLE article_features;

ALTER TABLE features_by_row RENAME TO article_features;

DROP INDEX articles_content_hash;
