-- The moderation console, redaction history and the webhook outbox.
-- Times are unix milliseconds, as in 0001.

CREATE TABLE moderators (
    username      TEXT PRIMARY KEY,
    -- argon2id PHC string: the salt and parameters travel with the hash.
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Only a SHA-256 of the session token is kept, so a copy of the database cannot log anyone in.
CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES moderators (username) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);

-- Failed logins, keyed by 'user:<name>' and by 'client:<keyed hash of the address>' (never the raw address).
CREATE TABLE login_attempts (
    attempt_key      TEXT PRIMARY KEY,
    failures         BIGINT NOT NULL,
    first_failure_at BIGINT NOT NULL,
    locked_until     BIGINT
);

-- Secrets the instances share, created once: the key for hashing client addresses.
CREATE TABLE admin_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every change to what is published, with the text before and after, who and when.
CREATE TABLE story_redactions (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    moderator  TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    old_title  TEXT,
    old_body   TEXT,
    new_title  TEXT NOT NULL,
    new_body   TEXT NOT NULL
);
CREATE INDEX story_redactions_story ON story_redactions (story_id, changed_at);

-- Story events waiting to be fanned out to the campaign's webhooks, each written in the same
-- transaction as the change that caused it: 'story.new' by the store's insert hook (only for
-- campaigns with an endpoint for it), 'story.approved' by the trigger below, whichever code
-- approves. Deleting the story drops its pending events.
CREATE TABLE story_events (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    event      TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX story_events_created ON story_events (created_at);

-- One row per event per endpoint, delivered at least once; receivers de-duplicate on event_id.
-- Deleting the story (withdrawal, retention) drops undelivered rows, so a withdrawn story is never sent.
CREATE TABLE webhook_outbox (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL,
    story_id        TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
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
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;

CREATE FUNCTION story_approved_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'approved' AND OLD.status IS DISTINCT FROM 'approved' THEN
        INSERT INTO story_events (id, story_id, event, created_at)
        VALUES (replace(gen_random_uuid()::text, '-', ''), NEW.id, 'story.approved',
                (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER stories_event_approved AFTER UPDATE OF status ON stories
    FOR EACH ROW EXECUTE FUNCTION story_approved_event();
