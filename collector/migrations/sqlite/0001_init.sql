-- Stories as people sent them, and what moderators made of them.
-- Times are unix milliseconds (BIGINT) on both backends, so the same SQL reads them.
-- Booleans are INTEGER 0/1 here (sqlx's Any driver cannot read SQLite's BOOLEAN declared type);
-- PostgreSQL has real BOOLEANs. Read them with `store::flag`, bind Rust bools: both work.
CREATE TABLE stories (
    id TEXT PRIMARY KEY NOT NULL,
    campaign TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    answers TEXT NOT NULL,                     -- JSON object: prompt id -> answer
    share_with_campaign INTEGER NOT NULL CHECK (share_with_campaign IN (0, 1)),
    publish INTEGER NOT NULL CHECK (publish IN (0, 1)),
    contact INTEGER NOT NULL CHECK (contact IN (0, 1)),
    name_display TEXT NOT NULL CHECK (name_display IN ('full', 'first', 'anonymous')),
    name TEXT NULL,
    email TEXT NULL,
    area TEXT NULL,
    role TEXT NULL,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'approved', 'rejected', 'withdrawn')),
    published_title TEXT NULL,                 -- the moderator's redaction; the original is kept above
    published_body TEXT NULL,
    redacted_by TEXT NULL,
    redacted_at BIGINT NULL,
    moderated_by TEXT NULL,
    moderated_at BIGINT NULL,
    delete_token_hash TEXT NOT NULL,           -- SHA-256 of the withdraw token, never the token
    idempotency_key TEXT NOT NULL,             -- SHA-256 of the client's Idempotency-Key
    UNIQUE (campaign, idempotency_key)
);

CREATE INDEX stories_by_campaign_status ON stories (campaign, status, created_at);
CREATE INDEX stories_by_created ON stories (created_at);
