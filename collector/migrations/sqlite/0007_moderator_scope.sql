-- Which campaigns each moderator may see ('*': every campaign, else ids separated by commas), and
-- their role: 'admin' may also see and remove the other moderators. Existing moderators keep
-- seeing every campaign, as before.
ALTER TABLE moderators ADD COLUMN campaigns TEXT NOT NULL DEFAULT '*';
ALTER TABLE moderators ADD COLUMN role TEXT NOT NULL DEFAULT 'moderator';
