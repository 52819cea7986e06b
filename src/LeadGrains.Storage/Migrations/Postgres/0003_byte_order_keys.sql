-- Identifier columns compare byte by byte (COLLATE "C"), as they do on SQLite and in the
-- server's ordinal comparisons, so both stores sort and page ids the same way. Ids are not
-- words: a linguistic collation gains nothing for them, and every B-tree step of the journal's
-- inserts paid for it (strcoll instead of memcmp). Only the indexes are rebuilt; rows stay.
ALTER TABLE lg_events
    ALTER COLUMN tenant   TYPE text COLLATE "C",
    ALTER COLUMN event_id TYPE text COLLATE "C",
    ALTER COLUMN lead_id  TYPE text COLLATE "C";

ALTER TABLE lg_leads
    ALTER COLUMN tenant  TYPE text COLLATE "C",
    ALTER COLUMN lead_id TYPE text COLLATE "C",
    ALTER COLUMN stage   TYPE text COLLATE "C";

ALTER TABLE lg_transitions
    ALTER COLUMN tenant  TYPE text COLLATE "C",
    ALTER COLUMN lead_id TYPE text COLLATE "C";

ALTER TABLE lg_kpi_unique
    ALTER COLUMN tenant TYPE text COLLATE "C";

ALTER TABLE lg_kpi_counters
    ALTER COLUMN tenant  TYPE text COLLATE "C",
    ALTER COLUMN counter TYPE text COLLATE "C",
    ALTER COLUMN scope   TYPE text COLLATE "C";

ALTER TABLE lg_metric_reports
    ALTER COLUMN tenant    TYPE text COLLATE "C",
    ALTER COLUMN report_id TYPE text COLLATE "C";
