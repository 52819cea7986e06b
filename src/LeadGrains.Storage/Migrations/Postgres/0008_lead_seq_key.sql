-- The single-writer check of a lead moves onto its events. A lead's grain numbers its events
-- without gaps (a duplicate dropped from a commit no longer leaves a hole), so a second writer
-- of the same lead (a split brain while a silo is being declared dead) gives its first event a
-- number the first writer already stored, and this key fails its commit. It replaces the
-- (lead_key, seq) index, whose reads it serves the same way; tenant and lead_id are compared
-- only when two leads' hashes and sequence numbers are both equal.
CREATE UNIQUE INDEX lg_events_lead_seq ON lg_events (lead_key, seq, tenant, lead_id);
DROP INDEX lg_events_by_lead_key;
