-- A redaction of a story already approved is news to its receivers: 'story.updated', recorded in
-- the same statement as the change, whichever code makes it.
CREATE FUNCTION story_updated_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'approved' AND OLD.status = 'approved' AND (
        NEW.published_title IS DISTINCT FROM OLD.published_title
        OR NEW.published_body IS DISTINCT FROM OLD.published_body
        OR NEW.published_name IS DISTINCT FROM OLD.published_name
        OR NEW.published_area IS DISTINCT FROM OLD.published_area
    ) THEN
        INSERT INTO story_events (id, story_id, event, created_at)
        VALUES (replace(gen_random_uuid()::text, '-', ''), NEW.id, 'story.updated',
                (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER stories_event_updated
    AFTER UPDATE OF published_title, published_body, published_name, published_area ON stories
    FOR EACH ROW EXECUTE FUNCTION story_updated_event();

-- A story deleted for any reason (withdrawn by the person, an erasure request, retention) that
-- a receiver may hold (a delivery of it was tried): its receivers are sent 'story.withdrawn' and
-- told to delete it. The story is
-- gone, so these rows and their outbox rows no longer refer to it; its undelivered events still
-- go with it.
CREATE TABLE story_deletions (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL,
    campaign   TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

ALTER TABLE webhook_outbox DROP CONSTRAINT IF EXISTS webhook_outbox_story_id_fkey;

CREATE FUNCTION story_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhook_outbox WHERE story_id = OLD.id AND attempts > 0) THEN
        INSERT INTO story_deletions (id, story_id, campaign, created_at)
        VALUES (replace(gen_random_uuid()::text, '-', ''), OLD.id, OLD.campaign,
                (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    END IF;
    DELETE FROM webhook_outbox WHERE story_id = OLD.id AND delivered_at IS NULL;
    RETURN NULL;
END;
$$;

CREATE TRIGGER stories_deleted AFTER DELETE ON stories FOR EACH ROW EXECUTE FUNCTION story_deleted();
