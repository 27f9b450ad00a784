-- Per-account SSO provider settings (the original's `/v1/accounts/{id}/sso`): one row per account. Settings whose
-- key ends in `secret` are kept sealed (SecretBox) in `sealed_settings`, never in `settings`.
CREATE TABLE account_sso (
    account_id      TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    id              TEXT NOT NULL UNIQUE,
    sso_provider    TEXT CHECK (length(sso_provider) <= 100),
    enabled         BOOLEAN NOT NULL DEFAULT 0,
    settings        JSON NOT NULL DEFAULT '{}' CHECK (json_type(settings) = 'object'),
    sealed_settings TEXT,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- Admin rows carry an id and who created them, as the original's admin rows do (ids of existing rows are random
-- version-4 UUIDs in the canonical lower-case form).
ALTER TABLE account_admins ADD COLUMN id TEXT;
ALTER TABLE account_admins ADD COLUMN created_by TEXT NOT NULL DEFAULT 'super_admin';
UPDATE account_admins SET id = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
WHERE id IS NULL;
CREATE UNIQUE INDEX account_admins_id ON account_admins (id);

-- Model grants accumulate as in the original (each POST adds a row; at the deciding scope a deny beats an allow), so
-- the one-row-per-scope-and-model index becomes a plain look-up index. Grants and entitlements record their creator.
DROP INDEX model_grants_key;
CREATE INDEX model_grants_lookup ON model_grants (account_id, domain, model_name);
ALTER TABLE model_grants ADD COLUMN created_by TEXT NOT NULL DEFAULT 'api';
ALTER TABLE feature_entitlements ADD COLUMN created_by TEXT NOT NULL DEFAULT 'api';

-- Organizations and teams carry the original's description and creator; the copilot tree's `global` organization
-- made with each account is marked as the original marks it.
ALTER TABLE organizations ADD COLUMN description TEXT CHECK (length(description) <= 2000);
ALTER TABLE organizations ADD COLUMN created_by TEXT NOT NULL DEFAULT 'api';
ALTER TABLE organizations ADD COLUMN is_default_global BOOLEAN NOT NULL DEFAULT 0;
UPDATE organizations SET is_default_global = 1 WHERE domain = 'copilot' AND name = 'global';
ALTER TABLE teams ADD COLUMN description TEXT CHECK (length(description) <= 2000);
ALTER TABLE teams ADD COLUMN created_by TEXT NOT NULL DEFAULT 'api';
