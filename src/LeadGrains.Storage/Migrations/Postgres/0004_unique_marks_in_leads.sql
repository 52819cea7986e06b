-- First occurrences for unique counts are decided by each lead from its own marks, kept in the
-- lead's snapshot (lg_leads.state, format 3), instead of by claiming a row per (counter, scope,
-- bucket, identity) here. Snapshots of the earlier format rebuild their marks from lg_events,
-- so nothing in this table is needed any more.
DROP TABLE lg_kpi_unique;
