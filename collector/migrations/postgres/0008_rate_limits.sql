-- The per-client story limit, shared by every instance: each client (a keyed hash of its address,
-- never the address) and the theoretical arrival time of its next story, in unix ms. Retention
-- deletes rows whose time has passed. SQLite, one instance, keeps this in memory instead.
CREATE TABLE rate_limits (
    client TEXT PRIMARY KEY,
    tat    BIGINT NOT NULL
);
