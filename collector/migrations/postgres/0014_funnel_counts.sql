-- The campaign's funnel (story_core::funnel): how many page loads reached each step, per day. Only
-- counts: no visitor, address or time of day is kept.
CREATE TABLE funnel_counts (
    campaign TEXT NOT NULL,
    day TEXT NOT NULL,            -- YYYY-MM-DD, UTC
    step TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (campaign, day, step)
);
