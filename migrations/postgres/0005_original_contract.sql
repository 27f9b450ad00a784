-- Per-account SSO provider settings (the original's `/v1/accounts/{id}/sso`): one row per account. Settings whose
-- key ends in `secret` are kept sealed (SecretBox) in `sealed_settings`, never in `settings`.
CREATE TABLE account_sso (
    account_id      uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    id              uuid NOT NULL UNIQUE,
    sso_provider    text CHECK (length(sso_provider) <= 100),
    enabled         boolean NOT NULL DEFAULT false,
    settings        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    sealed_settings text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
ALTER TABLE account_sso ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_sso FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON account_sso USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

-- Admin rows carry an id and who created them, as the original's admin rows do.
ALTER TABLE account_admins ADD COLUMN id uuid;
ALTER TABLE account_admins ADD COLUMN created_by text NOT NULL DEFAULT 'super_admin';
UPDATE account_admins SET id = gen_random_uuid() WHERE id IS NULL;
ALTER TABLE account_admins ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX account_admins_id ON account_admins (id);

-- Model grants accumulate as in the original (each POST adds a row; at the deciding scope a deny beats an allow), so
-- the one-row-per-scope-and-model index becomes a plain look-up index. Grants and entitlements record their creator.
DROP INDEX model_grants_key;
CREATE INDEX model_grants_lookup ON model_grants (account_id, domain, model_name);
ALTER TABLE model_grants ADD COLUMN created_by text NOT NULL DEFAULT 'api';
ALTER TABLE feature_entitlements ADD COLUMN created_by text NOT NULL DEFAULT 'api';

-- Organizations and teams carry the original's description and creator; the copilot tree's `global` organization
-- made with each account is marked as the original marks it.
ALTER TABLE organizations ADD COLUMN description text CHECK (length(description) <= 2000);
ALTER TABLE organizations ADD COLUMN created_by text NOT NULL DEFAULT 'api';
ALTER TABLE organizations ADD COLUMN is_default_global boolean NOT NULL DEFAULT false;
UPDATE organizations SET is_default_global = true WHERE domain = 'copilot' AND name = 'global';
ALTER TABLE teams ADD COLUMN description text CHECK (length(description) <= 2000);
ALTER TABLE teams ADD COLUMN created_by text NOT NULL DEFAULT 'api';
