-- Users carry who created them, as the original's user rows do (`api` for rows created before this).
ALTER TABLE users ADD COLUMN created_by TEXT NOT NULL DEFAULT 'api';
