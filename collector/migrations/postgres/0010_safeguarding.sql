-- The words in a story that may tell of harm (a JSON array, story_core::safeguarding); NULL when
-- none. Such a story is at the top of the queue, marked "Needs a person to look first".
ALTER TABLE stories ADD COLUMN safeguarding TEXT;
