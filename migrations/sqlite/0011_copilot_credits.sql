-- The copilot product's credits (V1_CONTRACT.md "Copilot budgets", docs/CREDITS.md). Every amount of credits or cost
-- is an integer of micro-units (1 credit = 1,000,000), so sums over millions of ledger rows are exact; the wire
-- speaks decimals. Scopes of allocations and overrides are organizations, teams and users of the copilot tree
-- (foreign keys: deleting one removes its rows) or the account's free-text `pool`.

CREATE TABLE credit_account_allocations (
    account_id      TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    monthly_credits INTEGER NOT NULL CHECK (monthly_credits >= 0),
    overflow_limit  INTEGER NOT NULL CHECK (overflow_limit >= 0),
    credit_factor   REAL NOT NULL CHECK (credit_factor > 0),
    effective_from  TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- One active plan per account, held by the schema (a partial unique index).
CREATE TABLE credit_plans (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) <= 200),
    cycle      text NOT NULL CHECK (length(cycle) <= 50),
    status     text NOT NULL CHECK (status IN ('active', 'inactive')),
    created_by text NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, id)
);
CREATE UNIQUE INDEX credit_plans_one_active ON credit_plans (account_id) WHERE status = 'active';
CREATE INDEX credit_plans_newest ON credit_plans (account_id, created_at);

CREATE TABLE credit_allocations (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL,
    plan_id           TEXT NOT NULL,
    domain            text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type        text NOT NULL CHECK (scope_type IN ('org', 'pool', 'team', 'user')),
    scope_id          text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id            TEXT,
    team_id           TEXT,
    user_id           TEXT,
    allocated_credits INTEGER NOT NULL CHECK (allocated_credits >= 0),
    overflow_cap      INTEGER CHECK (overflow_cap IS NULL OR overflow_cap >= 0),
    source            text NOT NULL CHECK (length(source) <= 50),
    created_by        text NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    UNIQUE (plan_id, scope_type, scope_id),
    FOREIGN KEY (account_id, plan_id) REFERENCES credit_plans (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX credit_allocations_order ON credit_allocations (plan_id, created_at, id);
CREATE INDEX credit_allocations_org ON credit_allocations (org_id);
CREATE INDEX credit_allocations_team ON credit_allocations (team_id);
CREATE INDEX credit_allocations_user ON credit_allocations (user_id);

CREATE TABLE credit_overrides (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL,
    plan_id          TEXT NOT NULL,
    domain           text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type       text NOT NULL CHECK (scope_type IN ('org', 'pool', 'team', 'user')),
    scope_id         text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id           TEXT,
    team_id          TEXT,
    user_id          TEXT,
    override_credits INTEGER NOT NULL CHECK (override_credits >= 0),
    reason           text CHECK (length(reason) <= 2000),
    created_by       text NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    CHECK ((scope_type = 'org') = (org_id IS NOT NULL) AND (scope_type = 'team') = (team_id IS NOT NULL)
        AND (scope_type = 'user') = (user_id IS NOT NULL)),
    FOREIGN KEY (account_id, plan_id) REFERENCES credit_plans (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, org_id) REFERENCES organizations (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, team_id) REFERENCES teams (account_id, domain, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, domain, user_id) REFERENCES users (account_id, domain, id) ON DELETE CASCADE
);
CREATE INDEX credit_overrides_plan ON credit_overrides (plan_id, scope_type, scope_id, created_at);
CREATE INDEX credit_overrides_org ON credit_overrides (org_id);
CREATE INDEX credit_overrides_team ON credit_overrides (team_id);
CREATE INDEX credit_overrides_user ON credit_overrides (user_id);

-- One renewal: what moved where. A cycle start is renewed once per account.
CREATE TABLE credit_cycles (
    id                      TEXT PRIMARY KEY,
    account_id              TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source_plan_id          TEXT NOT NULL,
    new_plan_id             TEXT NOT NULL,
    cycle_start             TIMESTAMP NOT NULL,
    cycle_end               TIMESTAMP NOT NULL,
    rollover_credits        INTEGER NOT NULL CHECK (rollover_credits >= 0),
    overflow_charge_credits INTEGER NOT NULL CHECK (overflow_charge_credits >= 0),
    summary_json            JSON NOT NULL,
    created_by              text NOT NULL,
    created_at              TIMESTAMP NOT NULL,
    CHECK (cycle_end > cycle_start)
);
CREATE INDEX credit_cycles_newest ON credit_cycles (account_id, created_at);

-- The usage ledger: append-only. The ids of the tree are text as clients report them (not checked, as in the
-- original); plan_id is the plan active when the row was written (the cycle it counts against); request_id, when
-- given, records a request once.
CREATE TABLE credit_ledger (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id          TEXT,
    org_id           text CHECK (length(org_id) <= 200),
    team_id          text CHECK (length(team_id) <= 200),
    user_id          text CHECK (length(user_id) <= 200),
    agent_id         text CHECK (length(agent_id) <= 200),
    model_name       text CHECK (length(model_name) <= 200),
    connection_id    text CHECK (length(connection_id) <= 200),
    guardrail_code   text CHECK (length(guardrail_code) <= 200),
    raw_cost         INTEGER NOT NULL CHECK (raw_cost >= 0),
    credit_factor    REAL NOT NULL CHECK (credit_factor > 0),
    credits_incurred INTEGER NOT NULL CHECK (credits_incurred >= 0),
    metadata         JSON NOT NULL DEFAULT '{}',
    request_id       text CHECK (length(request_id) <= 200),
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX credit_ledger_time ON credit_ledger (account_id, created_at);
CREATE UNIQUE INDEX credit_ledger_request ON credit_ledger (account_id, request_id) WHERE request_id IS NOT NULL;

-- Usage per scope and plan, raised in the transaction that appends the ledger rows: reports and admission read
-- O(scopes) rows instead of the ledger. scope_type 'account' holds the account's total; plan_id is '*' for the sum
-- over every plan (what usage by scope reads), '' for rows
-- written while no plan was active.
CREATE TABLE credit_usage (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id     text NOT NULL,
    scope_type  text NOT NULL CHECK (scope_type IN ('account', 'org', 'team', 'user')),
    scope_id    text NOT NULL,
    credits     INTEGER NOT NULL DEFAULT 0,
    raw_cost    INTEGER NOT NULL DEFAULT 0,
    row_count   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, plan_id, scope_type, scope_id)
);
