-- cockpit schema, SQLite. Same tables and constraints as migrations/postgres; tenancy is enforced by the
-- repositories' AccountScope (SQLite has no row-level security). Timestamps are ISO-8601 UTC text,
-- BOOLEANs 0/1, JSON as text; declared types TIMESTAMP, BOOLEAN and JSON tell the driver how to read them.

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    alias       text,
    domain      text NOT NULL CHECK (length(domain) BETWEEN 1 AND 253),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    deleted_at  TIMESTAMP,
    metadata    JSON NOT NULL DEFAULT '{}',
    max_budget  REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    spend       REAL NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    created_by  text NOT NULL,
    updated_by  text NOT NULL
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));
CREATE UNIQUE INDEX accounts_domain_key ON accounts (lower(domain));
CREATE INDEX accounts_status_name ON accounts (status, lower(name), id);

CREATE TABLE account_admins (
    account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (email = lower(email)),
    role          text NOT NULL DEFAULT 'account_admin' CHECK (role IN ('account_admin')),
    password_hash text,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, email)
);
CREATE INDEX account_admins_email ON account_admins (email);

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    metadata    JSON NOT NULL DEFAULT '{}',
    max_budget  REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (account_id, domain, id)
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (account_id, domain, lower(name));
CREATE INDEX organizations_list ON organizations (account_id, domain, name, id);

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    org_id      TEXT NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    metadata    JSON NOT NULL DEFAULT '{}',
    max_budget  REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (account_id, domain, id),
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX teams_name_key ON teams (org_id, lower(name));
CREATE INDEX teams_list ON teams (account_id, domain, name, id);
CREATE INDEX teams_org_list ON teams (account_id, domain, org_id, name, id);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain           text NOT NULL CHECK (domain IN ('console', 'copilot')),
    email            text CHECK (email = lower(email)),
    identity_user_id text,
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role             text NOT NULL DEFAULT 'end_user',
    metadata         JSON NOT NULL DEFAULT '{}',
    max_budget       REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (account_id, domain, id)
);
CREATE UNIQUE INDEX users_email_key ON users (account_id, domain, email);
CREATE UNIQUE INDEX users_identity_key ON users (account_id, domain, identity_user_id);
CREATE INDEX users_list ON users (account_id, domain, display_name, id);

CREATE TABLE team_memberships (
    account_id  TEXT NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    team_id     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    role        text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX team_memberships_user ON team_memberships (user_id);

-- A grant's scope is exactly one of: the account, an organization, a team or a user of the same account and domain.
CREATE TABLE model_grants (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot')),
    model_name  text NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
    scope       text NOT NULL CHECK (scope IN ('account', 'org', 'team', 'user')),
    org_id      TEXT,
    team_id     TEXT,
    user_id     TEXT,
    effect      text NOT NULL CHECK (effect IN ('allow', 'deny')),
    created_at  TIMESTAMP NOT NULL,
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
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain       text NOT NULL CHECK (domain IN ('console', 'copilot')),
    feature_code text NOT NULL CHECK (length(feature_code) BETWEEN 1 AND 100),
    scope        text NOT NULL CHECK (scope IN ('account', 'org', 'team', 'user')),
    org_id       TEXT,
    team_id      TEXT,
    user_id      TEXT,
    enabled      BOOLEAN NOT NULL,
    config       JSON NOT NULL DEFAULT '{}',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
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
    id                    TEXT PRIMARY KEY,
    account_id            TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_hash              text NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    key_alias             text,
    masked_key            text NOT NULL,
    domain                text CHECK (domain IN ('console', 'copilot')),
    org_id                TEXT,
    team_id               TEXT,
    user_id               TEXT,
    models                JSON NOT NULL DEFAULT '[]',
    max_budget            REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           REAL CHECK (soft_budget IS NULL OR soft_budget >= 0),
    budget_duration       text,
    budget_reset_at       TIMESTAMP,
    spend                 REAL NOT NULL DEFAULT 0,
    tpm_limit             INTEGER CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             INTEGER CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    max_parallel_requests INTEGER CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    model_max_budget      JSON NOT NULL DEFAULT '{}',
    allowed_routes        JSON NOT NULL DEFAULT '[]',
    metadata              JSON NOT NULL DEFAULT '{}',
    expires_at            TIMESTAMP,
    blocked               BOOLEAN NOT NULL DEFAULT 0,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
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
    id              TEXT PRIMARY KEY,
    account_id      TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    model_name      text NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
    provider_model  text NOT NULL CHECK (length(provider_model) BETWEEN 1 AND 300),
    api_base        text,
    api_version     text,
    credentials     text,
    params          JSON NOT NULL DEFAULT '{}',
    model_info      JSON NOT NULL DEFAULT '{}',
    visible_to_all  BOOLEAN NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK (credentials IS NULL OR credentials LIKE 'enc:%')
);
CREATE INDEX model_deployments_name ON model_deployments (account_id, model_name, id);

-- Budgets by subject: the account, an org, team or user of one domain, a key, a team member, or a model.
CREATE TABLE budgets (
    id                    TEXT PRIMARY KEY,
    account_id            TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    subject               text NOT NULL CHECK (subject IN ('account', 'org', 'team', 'user', 'key', 'team_member', 'model')),
    subject_id            text NOT NULL,
    model_name            text NOT NULL DEFAULT '',
    max_budget            REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           REAL CHECK (soft_budget IS NULL OR soft_budget >= 0),
    budget_duration       text,
    tpm_limit             INTEGER CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             INTEGER CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    max_parallel_requests INTEGER CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    UNIQUE (account_id, subject, subject_id, model_name)
);

-- One row per gateway request. Owner ids are text snapshots: history survives deletes.
CREATE TABLE spend_logs (
    request_id        text PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_hash          text NOT NULL DEFAULT '',
    user_id           text NOT NULL DEFAULT '',
    team_id           text NOT NULL DEFAULT '',
    org_id            text NOT NULL DEFAULT '',
    domain            text NOT NULL DEFAULT '',
    model             text NOT NULL,
    model_group       text NOT NULL DEFAULT '',
    deployment_id     text NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens      INTEGER NOT NULL DEFAULT 0,
    cost              REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
    start_time        TIMESTAMP NOT NULL,
    end_time          TIMESTAMP NOT NULL,
    first_token_time  TIMESTAMP,
    status            text NOT NULL CHECK (status IN ('success', 'failure')),
    cache_hit         BOOLEAN NOT NULL DEFAULT 0,
    metadata          JSON NOT NULL DEFAULT '{}'
);
CREATE INDEX spend_logs_account_time ON spend_logs (account_id, start_time);
CREATE INDEX spend_logs_key_time ON spend_logs (key_hash, start_time);

CREATE TABLE spend_daily (
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day               TEXT NOT NULL,
    key_hash          text NOT NULL DEFAULT '',
    user_id           text NOT NULL DEFAULT '',
    team_id           text NOT NULL DEFAULT '',
    org_id            text NOT NULL DEFAULT '',
    domain            text NOT NULL DEFAULT '',
    model             text NOT NULL,
    requests          INTEGER NOT NULL DEFAULT 0,
    failures          INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost              REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day, key_hash, user_id, team_id, org_id, domain, model)
);

-- The audit log: written in the same transaction as the change it records. No foreign key, so that the
-- record of a hard delete outlives the account.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  TEXT,
    at          TIMESTAMP NOT NULL,
    actor       text NOT NULL,
    auth_method text NOT NULL,
    domain      text NOT NULL CHECK (domain IN ('console', 'copilot', 'iam', 'billing')),
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   text NOT NULL,
    before      JSON,
    after       JSON,
    request_id  text
);
CREATE INDEX audit_log_account ON audit_log (account_id, id);
CREATE INDEX audit_log_account_domain ON audit_log (account_id, domain, id);

