-- Settings of the installation itself (not of a tenant), e.g. Zitadel onboarding defaults. Super-admin only.
CREATE TABLE system_settings (
    key        text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);
