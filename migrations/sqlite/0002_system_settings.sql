-- Settings of the installation itself (not of a tenant), e.g. Zitadel onboarding defaults. Super-admin only.
CREATE TABLE system_settings (
    key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value      JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);
