-- A lead's events are numbered without gaps, and no two of them share a number (the single-writer
-- check on PostgreSQL; here, with one silo and the row written in the same transaction, a guard).
-- It replaces the by-lead index, whose reads it serves the same way.
CREATE UNIQUE INDEX lg_events_lead_seq ON lg_events (tenant, lead_id, seq);
DROP INDEX lg_events_by_lead;
