-- cockpit schema, PostgreSQL. Every tenant table carries account_id and row-level security keyed on the
-- transaction-local setting app.account_id (app.super = 'on' for explicit cross-tenant super-admin scope).

CREATE FUNCTION cockpit_current_account() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.account_id', true), '')::uuid $$;
CREATE FUNCTION cockpit_is_super() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.super', true), '') = 'on' $$;

CREATE TABLE accounts (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    alias       text,
    domain      text NOT NULL CHECK (length(domain) BETWEEN 1 AND 253),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    deleted_at  timestamptz,
    metadata    jsonb NOT NULL DEFAULT '{}',
    max_budget  double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    spend       double precision NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    updated_by  text NOT NULL
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));
CREATE UNIQUE INDEX accounts_domain_key ON accounts (lower(domain));
CREATE INDEX accounts_status_name ON accounts (status, lower(name), id);

CREATE TABLE account_admins (
    account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (email = lower(email)),
    role          text NOT NULL DEFAULT 'account_admin' CHECK (role IN ('account_admin')),
    password_hash text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, email)
);
CREATE INDEX account_admins_email ON account_admins (email);

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    metadata    jsonb NOT NULL DEFAULT '{}',
    max_budget  double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (account_id, domain, id)
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (account_id, domain, lower(name));
CREATE INDEX organizations_list ON organizations (account_id, domain, name, id);

CREATE TABLE teams (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    org_id      uuid NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    metadata    jsonb NOT NULL DEFAULT '{}',
    max_budget  double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (account_id, domain, id),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX teams_name_key ON teams (org_id, lower(name));
CREATE INDEX teams_list ON teams (account_id, domain, name, id);
CREATE INDEX teams_org_list ON teams (account_id, domain, org_id, name, id);

CREATE TABLE users (
    id               uuid PRIMARY KEY,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain           text NOT NULL CHECK (domain IN ('console', 'copilot')),
    email            text CHECK (email = lower(email)),
    identity_user_id text,
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role             text NOT NULL DEFAULT 'end_user',
    metadata         jsonb NOT NULL DEFAULT '{}',
    max_budget       double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (account_id, domain, id)
);
CREATE UNIQUE INDEX users_email_key ON users (account_id, domain, email);
CREATE UNIQUE INDEX users_identity_key ON users (account_id, domain, identity_user_id);
CREATE INDEX users_list ON users (account_id, domain, display_name, id);

CREATE TABLE team_memberships (
    account_id  uuid NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    team_id     uuid NOT NULL,
    user_id     uuid NOT NULL,
    role        text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX team_memberships_user ON team_memberships (user_id);

-- A grant's scope is exactly one of: the account, an organization, a team or a user of the same account and domain.
CREATE TABLE model_grants (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    model_name  text NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
    scope       text NOT NULL CHECK (scope IN ('account', 'org', 'team', 'user')),
    org_id      uuid,
    team_id     uuid,
    user_id     uuid,
    effect      text NOT NULL CHECK (effect IN ('allow', 'deny')),
    created_at  timestamptz NOT NULL,
    CHECK ((scope = 'account' AND org_id IS NULL AND team_id IS NULL AND user_id IS NULL)
        OR (scope = 'org' AND org_id IS NOT NULL AND team_id IS NULL AND user_id IS NULL)
        OR (scope = 'team' AND org_id IS NULL AND team_id IS NOT NULL AND user_id IS NULL)
        OR (scope = 'user' AND org_id IS NULL AND team_id IS NULL AND user_id IS NOT NULL)),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX model_grants_key ON model_grants (account_id, domain, scope, COALESCE(org_id, team_id, user_id, account_id), model_name);

CREATE TABLE feature_entitlements (
    id           uuid PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain       text NOT NULL CHECK (domain IN ('console', 'copilot')),
    feature_code text NOT NULL CHECK (length(feature_code) BETWEEN 1 AND 100),
    scope        text NOT NULL CHECK (scope IN ('account', 'org', 'team', 'user')),
    org_id       uuid,
    team_id      uuid,
    user_id      uuid,
    enabled      boolean NOT NULL,
    config       jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK ((scope = 'account' AND org_id IS NULL AND team_id IS NULL AND user_id IS NULL)
        OR (scope = 'org' AND org_id IS NOT NULL AND team_id IS NULL AND user_id IS NULL)
        OR (scope = 'team' AND org_id IS NULL AND team_id IS NOT NULL AND user_id IS NULL)
        OR (scope = 'user' AND org_id IS NULL AND team_id IS NULL AND user_id IS NOT NULL)),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX feature_entitlements_key ON feature_entitlements (account_id, domain, scope, COALESCE(org_id, team_id, user_id, account_id), feature_code);

-- Virtual keys: only the SHA-256 of the key is stored. Owners (user, team, org) are in one domain's tree.
CREATE TABLE virtual_keys (
    id                    uuid PRIMARY KEY,
    account_id            uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_hash              text NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    key_alias             text,
    masked_key            text NOT NULL,
    domain                text CHECK (domain IN ('console', 'copilot')),
    org_id                uuid,
    team_id               uuid,
    user_id               uuid,
    models                jsonb NOT NULL DEFAULT '[]',
    max_budget            double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           double precision CHECK (soft_budget IS NULL OR soft_budget >= 0),
    budget_duration       text,
    budget_reset_at       timestamptz,
    spend                 double precision NOT NULL DEFAULT 0,
    tpm_limit             bigint CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             bigint CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    max_parallel_requests bigint CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    model_max_budget      jsonb NOT NULL DEFAULT '{}',
    allowed_routes        jsonb NOT NULL DEFAULT '[]',
    metadata              jsonb NOT NULL DEFAULT '{}',
    expires_at            timestamptz,
    blocked               boolean NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    created_by            text NOT NULL,
    CHECK (domain IS NOT NULL OR (org_id IS NULL AND team_id IS NULL AND user_id IS NULL)),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX virtual_keys_alias_key ON virtual_keys (account_id, key_alias);
CREATE INDEX virtual_keys_list ON virtual_keys (account_id, created_at, id);
CREATE INDEX virtual_keys_team ON virtual_keys (team_id);
CREATE INDEX virtual_keys_user ON virtual_keys (user_id);

-- Model deployments: account_id NULL means a global model of the super-admin's catalogue.
CREATE TABLE model_deployments (
    id              uuid PRIMARY KEY,
    account_id      uuid REFERENCES accounts (id) ON DELETE CASCADE,
    model_name      text NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
    provider_model  text NOT NULL CHECK (length(provider_model) BETWEEN 1 AND 300),
    api_base        text,
    api_version     text,
    credentials     text,
    params          jsonb NOT NULL DEFAULT '{}',
    model_info      jsonb NOT NULL DEFAULT '{}',
    visible_to_all  boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK (credentials IS NULL OR credentials LIKE 'enc:%')
);
CREATE INDEX model_deployments_name ON model_deployments (account_id, model_name, id);

-- Budgets by subject: the account, an org, team or user of one domain, a key, a team member, or a model.
CREATE TABLE budgets (
    id                    uuid PRIMARY KEY,
    account_id            uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    subject               text NOT NULL CHECK (subject IN ('account', 'org', 'team', 'user', 'key', 'team_member', 'model')),
    subject_id            text NOT NULL,
    model_name            text NOT NULL DEFAULT '',
    max_budget            double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           double precision CHECK (soft_budget IS NULL OR soft_budget >= 0),
    budget_duration       text,
    tpm_limit             bigint CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             bigint CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    max_parallel_requests bigint CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    UNIQUE (account_id, subject, subject_id, model_name)
);

-- One row per gateway request. Owner ids are text snapshots: history survives deletes.
CREATE TABLE spend_logs (
    request_id        text PRIMARY KEY,
    account_id        uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_hash          text NOT NULL DEFAULT '',
    user_id           text NOT NULL DEFAULT '',
    team_id           text NOT NULL DEFAULT '',
    org_id            text NOT NULL DEFAULT '',
    domain            text NOT NULL DEFAULT '',
    model             text NOT NULL,
    model_group       text NOT NULL DEFAULT '',
    deployment_id     text NOT NULL DEFAULT '',
    prompt_tokens     bigint NOT NULL DEFAULT 0,
    completion_tokens bigint NOT NULL DEFAULT 0,
    total_tokens      bigint NOT NULL DEFAULT 0,
    cost              double precision NOT NULL DEFAULT 0 CHECK (cost >= 0),
    start_time        timestamptz NOT NULL,
    end_time          timestamptz NOT NULL,
    first_token_time  timestamptz,
    status            text NOT NULL CHECK (status IN ('success', 'failure')),
    cache_hit         boolean NOT NULL DEFAULT false,
    metadata          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX spend_logs_account_time ON spend_logs (account_id, start_time);
CREATE INDEX spend_logs_key_time ON spend_logs (key_hash, start_time);

CREATE TABLE spend_daily (
    account_id        uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day               date NOT NULL,
    key_hash          text NOT NULL DEFAULT '',
    user_id           text NOT NULL DEFAULT '',
    team_id           text NOT NULL DEFAULT '',
    org_id            text NOT NULL DEFAULT '',
    domain            text NOT NULL DEFAULT '',
    model             text NOT NULL,
    requests          bigint NOT NULL DEFAULT 0,
    failures          bigint NOT NULL DEFAULT 0,
    prompt_tokens     bigint NOT NULL DEFAULT 0,
    completion_tokens bigint NOT NULL DEFAULT 0,
    cost              double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day, key_hash, user_id, team_id, org_id, domain, model)
);

-- The audit log: written in the same transaction as the change it records. No foreign key, so that the
-- record of a hard delete outlives the account.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  uuid,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    auth_method text NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot', 'iam', 'billing')),
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   text NOT NULL,
    before      jsonb,
    after       jsonb,
    request_id  text
);
CREATE INDEX audit_log_account ON audit_log (account_id, id);
CREATE INDEX audit_log_account_domain ON audit_log (account_id, domain, id);

-- Row-level security: the second wall behind the repositories' AccountScope. The settings are read through
-- sub-selects, which PostgreSQL evaluates once per query (an InitPlan) and estimates as a parameter; called inline
-- they were estimated to keep 0.5 % of rows, and keyset pages fell back to reading and sorting the whole tenant.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON accounts USING ((SELECT cockpit_is_super()) OR id = (SELECT cockpit_current_account()));

ALTER TABLE model_deployments ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_deployments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON model_deployments FOR SELECT
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()) OR (account_id IS NULL AND visible_to_all));
CREATE POLICY tenant_insert ON model_deployments FOR INSERT
    WITH CHECK ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
CREATE POLICY tenant_update ON model_deployments FOR UPDATE
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
CREATE POLICY tenant_delete ON model_deployments FOR DELETE
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_log USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['account_admins', 'organizations', 'teams', 'users', 'team_memberships', 'model_grants',
                             'feature_entitlements', 'virtual_keys', 'budgets', 'spend_logs', 'spend_daily']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()))', t);
    END LOOP;
END $$;
