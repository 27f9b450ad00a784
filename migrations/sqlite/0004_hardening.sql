-- Sessions end on logout: an admin's session epoch is part of the credential version its session tokens carry.
ALTER TABLE account_admins ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
