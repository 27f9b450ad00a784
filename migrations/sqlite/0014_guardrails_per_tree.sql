-- Guardrails for both trees: a preset belongs to one tree (`/v1/copilot/guardrails/…` or `/v1/console/guardrails/…`),
-- its code unique per account and tree; an assignment names a preset of its own tree and a scope of that tree (an
-- `account`-scope assignment applies to the keys of both trees). Existing rows are the copilot tree's. SQLite cannot
-- change a table's constraints in place: both tables are rebuilt (assignments set aside first, so dropping the old
-- presets table cascades to nothing).
CREATE TEMPORARY TABLE guardrail_assignments_kept AS SELECT * FROM guardrail_assignments;
DROP TABLE guardrail_assignments;

CREATE TABLE guardrail_presets_tree (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code        text NOT NULL CHECK (length(code) BETWEEN 1 AND 200),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    preset_json JSON NOT NULL DEFAULT '{}',
    created_by  text NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    domain      text NOT NULL DEFAULT 'copilot' CHECK (domain IN ('console', 'copilot')),
    UNIQUE (account_id, domain, code),
    UNIQUE (account_id, domain, id),
    UNIQUE (account_id, id)
);
INSERT INTO guardrail_presets_tree (id, account_id, code, name, preset_json, created_by, created_at, updated_at)
    SELECT id, account_id, code, name, preset_json, created_by, created_at, updated_at FROM guardrail_presets;
DROP TABLE guardrail_presets;
ALTER TABLE guardrail_presets_tree RENAME TO guardrail_presets;
CREATE INDEX guardrail_presets_newest ON guardrail_presets (account_id, created_at);

CREATE TABLE guardrail_assignments (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    preset_id  TEXT NOT NULL,
    domain     text NOT NULL DEFAULT 'copilot'
        CHECK (domain IN ('console', 'copilot') AND (domain = 'copilot' OR scope_type <> 'agent')),
    scope_type text NOT NULL CHECK (scope_type IN ('account', 'agent', 'org', 'team', 'user')),
    scope_id   text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id     TEXT,
    team_id    TEXT,
    user_id    TEXT,
    created_by text NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    FOREIGN KEY (account_id, domain, preset_id) REFERENCES guardrail_presets (account_id, domain, id)
        ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
INSERT INTO guardrail_assignments SELECT id, account_id, preset_id, domain, scope_type, scope_id, org_id, team_id,
    user_id, created_by, created_at FROM guardrail_assignments_kept;
DROP TABLE guardrail_assignments_kept;
CREATE INDEX guardrail_assignments_scope ON guardrail_assignments (account_id, scope_type, scope_id, created_at);
CREATE INDEX guardrail_assignments_preset ON guardrail_assignments (preset_id);
CREATE INDEX guardrail_assignments_org ON guardrail_assignments (org_id);
CREATE INDEX guardrail_assignments_team ON guardrail_assignments (team_id);
CREATE INDEX guardrail_assignments_user ON guardrail_assignments (user_id);
