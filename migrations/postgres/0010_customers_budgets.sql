-- LiteLLM's named budgets (`/budget/*`, LiteLLM_BudgetTable) and customers (`/customer/*`, LiteLLM_EndUserTable):
-- both belong to an account, keyed by the caller's own text id. A customer may name one of its account's budgets.
CREATE TABLE named_budgets (
    account_id            uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    budget_id             text NOT NULL CHECK (length(budget_id) BETWEEN 1 AND 200),
    max_budget            double precision CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           double precision CHECK (soft_budget IS NULL OR soft_budget >= 0),
    max_parallel_requests bigint CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    tpm_limit             bigint CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             bigint CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    model_max_budget      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(model_max_budget) = 'object'),
    budget_duration       text CHECK (length(budget_duration) <= 20),
    created_by            text NOT NULL DEFAULT 'api',
    updated_by            text NOT NULL DEFAULT 'api',
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (account_id, budget_id)
);
ALTER TABLE named_budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE named_budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON named_budgets USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

-- The end users a client names with `user` in its gateway requests. `spend` is the sum of the cost of the spend rows
-- charged to the customer, raised by the spend writer in the batch that records them.
CREATE TABLE end_users (
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    alias      text CHECK (length(alias) <= 200),
    blocked    boolean NOT NULL DEFAULT false,
    spend      double precision NOT NULL DEFAULT 0 CHECK (spend >= 0),
    budget_id  text,
    metadata   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, user_id),
    FOREIGN KEY (account_id, budget_id) REFERENCES named_budgets (account_id, budget_id)
);
CREATE INDEX end_users_budget ON end_users (account_id, budget_id);
ALTER TABLE end_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE end_users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON end_users USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

-- Spend rows name the customer they were charged to ('' for none); the column and the index reach every partition.
ALTER TABLE spend_logs ADD COLUMN end_user text NOT NULL DEFAULT '';
CREATE INDEX spend_logs_end_user_time ON spend_logs (account_id, end_user, start_time);
