-- The copilot product's catalog (V1_CONTRACT.md "Copilot agents, connections, marketplace" and the preset and
-- assignment rows of "Guardrails"; docs/COPILOT_CATALOG.md). Grants name a scope of the copilot tree: an
-- organization, team or user (foreign keys: deleting one removes its grants) or, where cockpit adds it, the whole
-- account. Connection secrets are stored sealed only (`enc:v2:<key id>:…`), with the key id beside them so
-- `cockpit secrets rotate` finds what an older key sealed.

-- Guardrail presets and their assignments (the rows issue "Guardrails" administers and enforces). An agent's
-- mandatory presets are its `agent`-scope assignments; they outlive the agent, as in the original.
CREATE TABLE guardrail_presets (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code        text NOT NULL CHECK (length(code) BETWEEN 1 AND 200),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    preset_json JSON NOT NULL DEFAULT '{}',
    created_by  text NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (account_id, code),
    UNIQUE (account_id, id)
);
CREATE INDEX guardrail_presets_newest ON guardrail_presets (account_id, created_at);

CREATE TABLE guardrail_assignments (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    preset_id  TEXT NOT NULL,
    domain     text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type text NOT NULL CHECK (scope_type IN ('account', 'agent', 'org', 'team', 'user')),
    scope_id   text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id     TEXT,
    team_id    TEXT,
    user_id    TEXT,
    created_by text NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    FOREIGN KEY (account_id, preset_id) REFERENCES guardrail_presets (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX guardrail_assignments_scope ON guardrail_assignments (account_id, scope_type, scope_id, created_at);
CREATE INDEX guardrail_assignments_preset ON guardrail_assignments (preset_id);
CREATE INDEX guardrail_assignments_org ON guardrail_assignments (org_id);
CREATE INDEX guardrail_assignments_team ON guardrail_assignments (team_id);
CREATE INDEX guardrail_assignments_user ON guardrail_assignments (user_id);

CREATE TABLE copilot_agents (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description     text CHECK (length(description) <= 4000),
    definition_json JSON NOT NULL DEFAULT '{}',
    created_by      text NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (account_id, id)
);
CREATE INDEX copilot_agents_newest ON copilot_agents (account_id, created_at);

CREATE TABLE copilot_agent_grants (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    agent_id   TEXT NOT NULL,
    domain     text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type text NOT NULL CHECK (scope_type IN ('account', 'org', 'team', 'user')),
    scope_id   text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id     TEXT,
    team_id    TEXT,
    user_id    TEXT,
    created_by text NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    UNIQUE (agent_id, scope_type, scope_id),
    FOREIGN KEY (account_id, agent_id) REFERENCES copilot_agents (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX copilot_agent_grants_scope ON copilot_agent_grants (account_id, scope_type, scope_id);
CREATE INDEX copilot_agent_grants_org ON copilot_agent_grants (org_id);
CREATE INDEX copilot_agent_grants_team ON copilot_agent_grants (team_id);
CREATE INDEX copilot_agent_grants_user ON copilot_agent_grants (user_id);

CREATE TABLE copilot_connections (
    id                     TEXT PRIMARY KEY,
    account_id             TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    connection_type        text NOT NULL CHECK (connection_type IN ('openapi', 'mcp', 'composio')),
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description            text CHECK (length(description) <= 4000),
    credential_visibility  text NOT NULL CHECK (credential_visibility IN ('use_only', 'self_managed')),
    allow_user_self_manage BOOLEAN NOT NULL DEFAULT 0,
    config_json            JSON NOT NULL DEFAULT '{}',
    secret_sealed          text,
    secret_key_id          text,
    created_by             text NOT NULL,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    CHECK ((secret_sealed IS NULL) = (secret_key_id IS NULL)),
    UNIQUE (account_id, id)
);
CREATE INDEX copilot_connections_newest ON copilot_connections (account_id, created_at);
CREATE INDEX copilot_connections_key ON copilot_connections (secret_key_id) WHERE secret_key_id IS NOT NULL;

CREATE TABLE copilot_connection_grants (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    domain        text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type    text NOT NULL CHECK (scope_type IN ('account', 'org', 'team', 'user')),
    scope_id      text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id        TEXT,
    team_id       TEXT,
    user_id       TEXT,
    can_manage    BOOLEAN NOT NULL DEFAULT 0,
    created_by    text NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    UNIQUE (connection_id, scope_type, scope_id),
    FOREIGN KEY (account_id, connection_id) REFERENCES copilot_connections (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX copilot_connection_grants_scope ON copilot_connection_grants (account_id, scope_type, scope_id);
CREATE INDEX copilot_connection_grants_org ON copilot_connection_grants (org_id);
CREATE INDEX copilot_connection_grants_team ON copilot_connection_grants (team_id);
CREATE INDEX copilot_connection_grants_user ON copilot_connection_grants (user_id);

-- One listing per (account, entity type, entity id): a re-post updates it. Ratings and installations are cockpit's
-- additions: one per user each, so the counters and the average are recomputed from them exactly.
CREATE TABLE marketplace_listings (
    id                 TEXT PRIMARY KEY,
    account_id         TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    entity_type        text NOT NULL CHECK (length(entity_type) BETWEEN 1 AND 100),
    entity_id          text NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 200),
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description        text CHECK (length(description) <= 4000),
    is_published       BOOLEAN NOT NULL,
    is_featured        BOOLEAN NOT NULL,
    is_verified        BOOLEAN NOT NULL,
    pricing_model      text NOT NULL CHECK (length(pricing_model) <= 100),
    version            text NOT NULL CHECK (length(version) <= 100),
    author             text CHECK (length(author) <= 200),
    installation_count INTEGER NOT NULL CHECK (installation_count >= 0),
    rating_avg         REAL NOT NULL CHECK (rating_avg >= 0 AND rating_avg <= 5),
    rating_count       INTEGER NOT NULL CHECK (rating_count >= 0),
    created_by         text NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    UNIQUE (account_id, entity_type, entity_id),
    UNIQUE (account_id, id)
);
CREATE INDEX marketplace_listings_newest ON marketplace_listings (account_id, created_at);

CREATE TABLE marketplace_grants (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    domain         text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type     text NOT NULL CHECK (scope_type IN ('org', 'team', 'user')),
    scope_id       text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id         TEXT,
    team_id        TEXT,
    user_id        TEXT,
    created_by     text NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    UNIQUE (marketplace_id, scope_type, scope_id),
    FOREIGN KEY (account_id, marketplace_id) REFERENCES marketplace_listings (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX marketplace_grants_scope ON marketplace_grants (account_id, scope_type, scope_id);
CREATE INDEX marketplace_grants_org ON marketplace_grants (org_id);
CREATE INDEX marketplace_grants_team ON marketplace_grants (team_id);
CREATE INDEX marketplace_grants_user ON marketplace_grants (user_id);

CREATE TABLE marketplace_installs (
    account_id     TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    domain         text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    user_id        TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (marketplace_id, user_id),
    FOREIGN KEY (account_id, marketplace_id) REFERENCES marketplace_listings (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX marketplace_installs_user ON marketplace_installs (user_id);

CREATE TABLE marketplace_ratings (
    account_id     TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    domain         text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    user_id        TEXT NOT NULL,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (marketplace_id, user_id),
    FOREIGN KEY (account_id, marketplace_id) REFERENCES marketplace_listings (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX marketplace_ratings_user ON marketplace_ratings (user_id);
