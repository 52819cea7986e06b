-- Lead snapshots move out of the lead row (see the PostgreSQL migration of the same number): the
-- row is written in every commit that touches the lead, the snapshot only every few events.
CREATE TABLE lg_lead_snapshots (
    tenant  TEXT    NOT NULL,
    lead_id TEXT    NOT NULL,
    version INTEGER NOT NULL,
    state   BLOB    NOT NULL,
    PRIMARY KEY (tenant, lead_id)
) WITHOUT ROWID;

INSERT INTO lg_lead_snapshots (tenant, lead_id, version, state)
SELECT tenant, lead_id, version, state FROM lg_leads;

ALTER TABLE lg_leads DROP COLUMN state;
