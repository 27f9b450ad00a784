-- LiteLLM's organization members (/organization/member_add|update|delete): a user of a tree belongs to an
-- organization of the same account and tree with a LiteLLM member role.
CREATE TABLE organization_memberships (
    account_id  uuid NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    org_id      uuid NOT NULL,
    user_id     uuid NOT NULL,
    role        text NOT NULL CHECK (role IN ('internal_user', 'internal_user_viewer')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, user_id),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX organization_memberships_user ON organization_memberships (user_id);
ALTER TABLE organization_memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON organization_memberships
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
