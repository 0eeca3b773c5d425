-- When the one email telling the storyteller their story was published went (unix ms); NULL when
-- none has. Set before sending, so two approvals never send two.
ALTER TABLE stories ADD COLUMN published_email_at BIGINT;
