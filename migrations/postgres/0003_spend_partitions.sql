-- Spend logs partitioned by calendar month (UTC) of start_time, so that retention drops whole months instead of
-- deleting rows one by one. The primary key must hold the partition key: (request_id, start_time). A row replayed
-- from the spill file keeps its start_time, so ON CONFLICT DO NOTHING still records it once.
-- Partitions are named spend_logs_YYYY_MM; the gateway adds the current and the next month's every hour, and rows of
-- a month without one wait in spend_logs_default until it does (they are moved then).
ALTER TABLE spend_logs RENAME TO spend_logs_unpartitioned;
ALTER TABLE spend_logs_unpartitioned RENAME CONSTRAINT spend_logs_pkey TO spend_logs_unpartitioned_pkey;
ALTER INDEX spend_logs_account_time RENAME TO spend_logs_unpartitioned_account_time;
ALTER INDEX spend_logs_key_time RENAME TO spend_logs_unpartitioned_key_time;

CREATE TABLE spend_logs (
    request_id        text NOT NULL,
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
    metadata          jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (request_id, start_time)
) PARTITION BY RANGE (start_time);
CREATE TABLE spend_logs_default PARTITION OF spend_logs DEFAULT;
CREATE INDEX spend_logs_account_time ON spend_logs (account_id, start_time);
CREATE INDEX spend_logs_key_time ON spend_logs (key_hash, start_time);

-- A partition for every month that has rows, and for this month and the next.
DO $$
DECLARE month date;
BEGIN
    FOR month IN
        SELECT DISTINCT date_trunc('month', start_time AT TIME ZONE 'UTC')::date FROM spend_logs_unpartitioned
        UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date
        UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date
    LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF spend_logs FOR VALUES FROM (%L) TO (%L)',
                       'spend_logs_' || to_char(month, 'YYYY_MM'), to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    END LOOP;
END $$;

INSERT INTO spend_logs SELECT * FROM spend_logs_unpartitioned;
DROP TABLE spend_logs_unpartitioned;

ALTER TABLE spend_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE spend_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON spend_logs USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()));

-- Retention deletes by start_time alone in the month at its cutoff (and in the default partition).
CREATE INDEX spend_logs_start_time ON spend_logs (start_time);
