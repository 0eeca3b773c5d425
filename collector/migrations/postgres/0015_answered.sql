-- Which prompts each story answers (ids, comma-separated; NULL for none), beside the answers
-- themselves, and an index that holds everything the campaign dashboard counts (stories per day,
-- language and question), so it never reads the stories' text.
ALTER TABLE stories ADD COLUMN answered TEXT;
UPDATE stories SET answered =
    (SELECT string_agg(key, ',' ORDER BY key) FROM jsonb_each_text(answers::jsonb) WHERE trim(value) <> '');
CREATE INDEX stories_figures ON stories (campaign, created_at) INCLUDE (lang, answered);
