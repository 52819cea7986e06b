-- The journal's two indexes were a third of PostgreSQL's time in a group commit, mostly B-tree
-- key comparisons: every step of a descent into (tenant, lead_id, seq) compared two strings and
-- found the third column by walking past them (a column after a variable-width one has no fixed
-- offset). A lead's history is now found by a fixed-width key: a 64-bit hash of (tenant,
-- lead_id) and seq, two integer compares a step. The hash only narrows the search: readers
-- still filter on tenant and lead_id, so two leads whose hashes meet cost a few more rows read,
-- never a wrong one. hashtextextended is PostgreSQL's own (the one hash partitioning relies on),
-- so the stored key and the one a query computes always agree.
ALTER TABLE lg_events
    ADD COLUMN lead_key bigint GENERATED ALWAYS AS (hashtextextended(lead_id, hashtext(tenant))) STORED;
CREATE INDEX lg_events_by_lead_key ON lg_events (lead_key, seq);
DROP INDEX lg_events_by_lead;

-- The exactly-once key, id first: ids almost always differ, so a comparison ends at the first
-- column instead of comparing the (equal) tenant first. Same columns, same constraint name: ON
-- CONFLICT (tenant, event_id) still names it.
ALTER TABLE lg_events
    DROP CONSTRAINT lg_events_pkey,
    ADD CONSTRAINT lg_events_pkey PRIMARY KEY (event_id, tenant);
