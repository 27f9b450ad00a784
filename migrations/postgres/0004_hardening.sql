-- Sessions end on logout: an admin's session epoch is part of the credential version its session tokens carry.
ALTER TABLE account_admins ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

-- Every partition of spend_logs carries the parent's row-level security, so a statement that names a partition
-- directly is held to the tenant wall too (the gateway's later partitions get it in SpendPartitions.ensure).
DO $$
DECLARE part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'spend_logs'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', part);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', part);
        EXECUTE format('CREATE POLICY tenant ON %s USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()))', part);
    END LOOP;
END $$;
