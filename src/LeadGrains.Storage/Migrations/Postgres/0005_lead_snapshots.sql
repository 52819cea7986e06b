-- Lead snapshots move out of the lead row. The row (the dashboard's summary) is still written in
-- every commit that touches the lead; the snapshot only every few events (JournalOptions
-- SnapshotEvery), and an activating grain replays the events after it. With the snapshot in the
-- row, every update rewrote and logged its few hundred bytes: about half of the journal's WAL.
CREATE TABLE lg_lead_snapshots (
    tenant  text COLLATE "C" NOT NULL,
    lead_id text COLLATE "C" NOT NULL,
    version bigint           NOT NULL,  -- the lead version (last seq) the snapshot is at
    state   bytea            NOT NULL,  -- LeadStateCodec bytes
    PRIMARY KEY (tenant, lead_id)
);

INSERT INTO lg_lead_snapshots (tenant, lead_id, version, state)
SELECT tenant, lead_id, version, state FROM lg_leads;

ALTER TABLE lg_leads DROP COLUMN state;
