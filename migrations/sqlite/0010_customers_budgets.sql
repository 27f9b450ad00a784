-- LiteLLM's named budgets (`/budget/*`, LiteLLM_BudgetTable) and customers (`/customer/*`, LiteLLM_EndUserTable):
-- both belong to an account, keyed by the caller's own text id. A customer may name one of its account's budgets.
CREATE TABLE named_budgets (
    account_id            TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    budget_id             TEXT NOT NULL CHECK (length(budget_id) BETWEEN 1 AND 200),
    max_budget            REAL CHECK (max_budget IS NULL OR max_budget >= 0),
    soft_budget           REAL CHECK (soft_budget IS NULL OR soft_budget >= 0),
    max_parallel_requests INTEGER CHECK (max_parallel_requests IS NULL OR max_parallel_requests >= 0),
    tpm_limit             INTEGER CHECK (tpm_limit IS NULL OR tpm_limit >= 0),
    rpm_limit             INTEGER CHECK (rpm_limit IS NULL OR rpm_limit >= 0),
    model_max_budget      JSON NOT NULL DEFAULT '{}' CHECK (json_type(model_max_budget) = 'object'),
    budget_duration       TEXT CHECK (length(budget_duration) <= 20),
    created_by            TEXT NOT NULL DEFAULT 'api',
    updated_by            TEXT NOT NULL DEFAULT 'api',
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, budget_id)
);

-- The end users a client names with `user` in its gateway requests. `spend` is the sum of the cost of the spend rows
-- charged to the customer, raised by the spend writer in the batch that records them.
CREATE TABLE end_users (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    alias      TEXT CHECK (length(alias) <= 200),
    blocked    BOOLEAN NOT NULL DEFAULT 0,
    spend      REAL NOT NULL DEFAULT 0 CHECK (spend >= 0),
    budget_id  TEXT,
    metadata   JSON NOT NULL DEFAULT '{}' CHECK (json_type(metadata) = 'object'),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, user_id),
    FOREIGN KEY (account_id, budget_id) REFERENCES named_budgets (account_id, budget_id)
);
CREATE INDEX end_users_budget ON end_users (account_id, budget_id);

-- Spend rows name the customer they were charged to ('' for none).
ALTER TABLE spend_logs ADD COLUMN end_user TEXT NOT NULL DEFAULT '';
CREATE INDEX spend_logs_end_user_time ON spend_logs (account_id, end_user, start_time);
