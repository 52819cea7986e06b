-- The lead list (lg_leads) is written behind the journal: a commit records which leads it
-- changed in one row here, and the silo writes their list rows every few seconds, or when a list
-- is read, deleting the rows that write covers. Rows left by a silo that died are repaired by
-- another from the leads' snapshots and events. owner is the silo's address with its generation.
CREATE TABLE lg_lead_list_pending (
    owner    text COLLATE "C"   NOT NULL,
    seq      bigint             NOT NULL,
    tenants  text[] COLLATE "C" NOT NULL,
    lead_ids text[] COLLATE "C" NOT NULL,
    PRIMARY KEY (owner, seq)
);
