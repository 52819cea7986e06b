-- A commit's pending-list row carries two arrays of up to thousands of tenants and lead ids, past
-- the size PostgreSQL compresses a value at. Its default method, pglz, took about 0.6 ms of CPU
-- per thousand-lead row (1.2% of the machine's CPU under the ingest figure's load); lz4 takes
-- about a tenth of that. The row is deleted within seconds, so its size matters less than the
-- CPU: lz4 stores a thousand lead ids in ~7 kB where pglz took ~5 kB. A server built without
-- lz4 keeps pglz.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE lg_lead_list_pending
            ALTER COLUMN tenants  SET COMPRESSION lz4,
            ALTER COLUMN lead_ids SET COMPRESSION lz4;
    END IF;
END
$$;
