-- The admin list of a user's holds (any state, newest first, keyset-paged on created_at, id).
CREATE INDEX hold_by_user ON hold (tenant_id, user_id, created_at DESC, id DESC);
