-- The campaign's themes a moderator tagged the story with (a JSON array of theme names, as in
-- campaigns.toml); NULL when none. The queue, exports and wall filter on it.
ALTER TABLE stories ADD COLUMN themes TEXT;
