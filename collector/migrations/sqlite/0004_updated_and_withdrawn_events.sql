-- A redaction of a story already approved is news to its receivers: 'story.updated', recorded in
-- the same statement as the change, whichever code makes it.
CREATE TRIGGER stories_event_updated
AFTER UPDATE OF published_title, published_body, published_name, published_area ON stories
WHEN NEW.status = 'approved' AND OLD.status = 'approved' AND (
    NEW.published_title IS NOT OLD.published_title
    OR NEW.published_body IS NOT OLD.published_body
    OR NEW.published_name IS NOT OLD.published_name
    OR NEW.published_area IS NOT OLD.published_area
)
BEGIN
    INSERT INTO story_events (id, story_id, event, created_at)
    VALUES (lower(hex(randomblob(16))), NEW.id, 'story.updated', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- A story deleted for any reason (withdrawn by the person, an erasure request, retention) that
-- a receiver may hold (a delivery of it was tried): its receivers are sent 'story.withdrawn' and
-- told to delete it. The story is
-- gone, so these rows and their outbox rows no longer refer to it (SQLite drops a foreign key
-- only by rebuilding the table); its undelivered events still go with it.
CREATE TABLE story_deletions (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL,
    campaign   TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE webhook_outbox_unbound (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL,
    story_id        TEXT NOT NULL,
    campaign        TEXT NOT NULL,
    event           TEXT NOT NULL,
    url             TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    delivered_at    BIGINT,
    last_error      TEXT
);
INSERT INTO webhook_outbox_unbound SELECT id, event_id, story_id, campaign, event, url, payload, created_at,
    attempts, next_attempt_at, locked_until, delivered_at, last_error FROM webhook_outbox;
DROP TABLE webhook_outbox;
ALTER TABLE webhook_outbox_unbound RENAME TO webhook_outbox;
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;

CREATE TRIGGER stories_deleted AFTER DELETE ON stories
BEGIN
    INSERT INTO story_deletions (id, story_id, campaign, created_at)
    SELECT lower(hex(randomblob(16))), OLD.id, OLD.campaign, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    WHERE EXISTS (SELECT 1 FROM webhook_outbox WHERE story_id = OLD.id AND attempts > 0);
    DELETE FROM webhook_outbox WHERE story_id = OLD.id AND delivered_at IS NULL;
END;
