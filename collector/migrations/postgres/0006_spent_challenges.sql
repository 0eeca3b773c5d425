-- Proof-of-work challenges already spent, shared by every instance on this database, so one
-- proof lets one story in however many instances stand behind the load balancer. Rows outlive
-- their challenge by at most an hour (retention deletes expired ones). SQLite, one instance,
-- keeps them in memory instead.
CREATE TABLE spent_challenges (
    challenge       TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    expires_at      BIGINT NOT NULL
);
