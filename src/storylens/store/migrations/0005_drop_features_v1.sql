-- storylens schema 5: term features are saved as hashed terms ("terms.v2"); the earlier form is read by
-- nothing and would stay as some 40 % of the database.

DELETE FROM article_features WHERE method LIKE 'terms.v1(%';
