-- A withdrawn story is deleted at once; only the hash of its withdraw token is kept here, for a
-- while, so the person's status link can still say "withdrawn" rather than "not found".
CREATE TABLE withdrawn_receipts (
    token_hash TEXT PRIMARY KEY NOT NULL,
    withdrawn_at BIGINT NOT NULL
);
