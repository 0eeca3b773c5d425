-- Moderators may change the name and the area published with a story, as they may its title and
-- words. NULL means as the person chose; an empty string means none is shown.
ALTER TABLE stories ADD COLUMN published_name TEXT NULL;
ALTER TABLE stories ADD COLUMN published_area TEXT NULL;

-- The history keeps those changes too (NULL before: as the person chose).
ALTER TABLE story_redactions ADD COLUMN old_name TEXT NULL;
ALTER TABLE story_redactions ADD COLUMN old_area TEXT NULL;
ALTER TABLE story_redactions ADD COLUMN new_name TEXT NULL;
ALTER TABLE story_redactions ADD COLUMN new_area TEXT NULL;
