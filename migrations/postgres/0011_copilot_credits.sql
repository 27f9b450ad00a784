-- The copilot product's credits (V1_CONTRACT.md "Copilot budgets", docs/CREDITS.md). Every amount of credits or cost
-- is an integer of micro-units (1 credit = 1,000,000), so sums over millions of ledger rows are exact; the wire
-- speaks decimals. Scopes of allocations and overrides are organizations, teams and users of the copilot tree
-- (foreign keys: deleting one removes its rows) or the account's free-text `pool`.

CREATE TABLE credit_account_allocations (
    account_id      uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    monthly_credits bigint NOT NULL CHECK (monthly_credits >= 0),
    overflow_limit  bigint NOT NULL CHECK (overflow_limit >= 0),
    credit_factor   double precision NOT NULL CHECK (credit_factor > 0),
    effective_from  timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- One active plan per account, held by the schema (a partial unique index).
CREATE TABLE credit_plans (
    id         uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) <= 200),
    cycle      text NOT NULL CHECK (length(cycle) <= 50),
    status     text NOT NULL CHECK (status IN ('active', 'inactive')),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (account_id, id)
);
CREATE UNIQUE INDEX credit_plans_one_active ON credit_plans (account_id) WHERE status = 'active';
CREATE INDEX credit_plans_newest ON credit_plans (account_id, created_at);

CREATE TABLE credit_allocations (
    id                uuid PRIMARY KEY,
    account_id        uuid NOT NULL,
    plan_id           uuid NOT NULL,
    domain            text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type        text NOT NULL CHECK (scope_type IN ('org', 'pool', 'team', 'user')),
    scope_id          text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id            uuid,
    team_id           uuid,
    user_id           uuid,
    allocated_credits bigint NOT NULL CHECK (allocated_credits >= 0),
    overflow_cap      bigint CHECK (overflow_cap IS NULL OR overflow_cap >= 0),
    source            text NOT NULL CHECK (length(source) <= 50),
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
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
    id               uuid PRIMARY KEY,
    account_id       uuid NOT NULL,
    plan_id          uuid NOT NULL,
    domain           text NOT NULL DEFAULT 'copilot' CHECK (domain = 'copilot'),
    scope_type       text NOT NULL CHECK (scope_type IN ('org', 'pool', 'team', 'user')),
    scope_id         text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 200),
    org_id           uuid,
    team_id          uuid,
    user_id          uuid,
    override_credits bigint NOT NULL CHECK (override_credits >= 0),
    reason           text CHECK (length(reason) <= 2000),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
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
    id                      uuid PRIMARY KEY,
    account_id              uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source_plan_id          uuid NOT NULL,
    new_plan_id             uuid NOT NULL,
    cycle_start             timestamptz NOT NULL,
    cycle_end               timestamptz NOT NULL,
    rollover_credits        bigint NOT NULL CHECK (rollover_credits >= 0),
    overflow_charge_credits bigint NOT NULL CHECK (overflow_charge_credits >= 0),
    summary_json            jsonb NOT NULL,
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL,
    CHECK (cycle_end > cycle_start)
);
CREATE INDEX credit_cycles_newest ON credit_cycles (account_id, created_at);

-- The usage ledger: append-only. The ids of the tree are text as clients report them (not checked, as in the
-- original); plan_id is the plan active when the row was written (the cycle it counts against); request_id, when
-- given, records a request once.
CREATE TABLE credit_ledger (
    id               uuid PRIMARY KEY,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id          uuid,
    org_id           text CHECK (length(org_id) <= 200),
    team_id          text CHECK (length(team_id) <= 200),
    user_id          text CHECK (length(user_id) <= 200),
    agent_id         text CHECK (length(agent_id) <= 200),
    model_name       text CHECK (length(model_name) <= 200),
    connection_id    text CHECK (length(connection_id) <= 200),
    guardrail_code   text CHECK (length(guardrail_code) <= 200),
    raw_cost         bigint NOT NULL CHECK (raw_cost >= 0),
    credit_factor    double precision NOT NULL CHECK (credit_factor > 0),
    credits_incurred bigint NOT NULL CHECK (credits_incurred >= 0),
    metadata         jsonb NOT NULL DEFAULT '{}',
    request_id       text CHECK (length(request_id) <= 200),
    created_at       timestamptz NOT NULL
);
CREATE INDEX credit_ledger_time ON credit_ledger (account_id, created_at) INCLUDE (credits_incurred);
CREATE UNIQUE INDEX credit_ledger_request ON credit_ledger (account_id, request_id) WHERE request_id IS NOT NULL;

-- Usage per scope and plan, raised in the transaction that appends the ledger rows: reports and admission read
-- O(scopes) rows instead of the ledger. scope_type 'account' holds the account's total; plan_id is '*' for the sum
-- over every plan (what usage by scope reads), '' for rows
-- written while no plan was active.
CREATE TABLE credit_usage (
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id     text NOT NULL,
    scope_type  text NOT NULL CHECK (scope_type IN ('account', 'org', 'team', 'user')),
    scope_id    text NOT NULL,
    credits     bigint NOT NULL DEFAULT 0,
    raw_cost    bigint NOT NULL DEFAULT 0,
    row_count   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, plan_id, scope_type, scope_id)
);

ALTER TABLE credit_account_allocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_account_allocations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_account_allocations
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_plans
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_allocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_allocations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_allocations
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_overrides ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_overrides FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_overrides
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_cycles ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_cycles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_cycles
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_ledger
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
ALTER TABLE credit_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON credit_usage
    USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));
