-- What moderators did that cannot be seen in the stories themselves, such as an erasure: who,
-- when, how many and which story ids. Never a word of a story, a name or an email address.
CREATE TABLE audit_log (
    id        TEXT PRIMARY KEY,
    at        BIGINT NOT NULL,
    moderator TEXT NOT NULL,
    action    TEXT NOT NULL,
    stories   BIGINT NOT NULL,
    story_ids TEXT NOT NULL
);
