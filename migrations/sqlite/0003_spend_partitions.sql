-- SQLite keeps spend logs in one table (PostgreSQL partitions them by month in its 0003): retention deletes old rows
-- in batches by start_time alone, which this index serves (the others lead with the account or the key).
CREATE INDEX spend_logs_start_time ON spend_logs (start_time);
