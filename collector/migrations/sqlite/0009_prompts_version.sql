-- Which version of the campaign's questions each story answers (the collector makes it from
-- every word of them); NULL for stories sent before it was recorded, or by an older widget.
ALTER TABLE stories ADD COLUMN prompts_version TEXT;
