-- LeadGrains core tables for the embedded store; same shape as the PostgreSQL schema.
-- Times are stored as integer UTC ticks (100 ns since 0001-01-01): exact, sortable, no parsing.

CREATE TABLE lg_events (
    tenant      TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    lead_id     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    source      TEXT    NULL,
    campaign    TEXT    NULL,
    properties  TEXT    NULL,
    PRIMARY KEY (tenant, event_id)
) WITHOUT ROWID;
CREATE INDEX lg_events_by_lead ON lg_events (tenant, lead_id, seq);

CREATE TABLE lg_leads (
    tenant           TEXT    NOT NULL,
    lead_id          TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    stage            TEXT    NOT NULL,
    score            REAL    NOT NULL,
    score_as_of      INTEGER NOT NULL,
    score_rank       REAL    NOT NULL,
    event_count      INTEGER NOT NULL,
    first_seen_at    INTEGER NULL,
    last_activity_at INTEGER NULL,
    first_source     TEXT    NULL,
    first_campaign   TEXT    NULL,
    last_source      TEXT    NULL,
    last_campaign    TEXT    NULL,
    qualified_at     INTEGER NULL,
    model_version    TEXT    NOT NULL,
    state            BLOB    NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (tenant, lead_id)
);
CREATE INDEX lg_leads_by_stage ON lg_leads (tenant, stage);

CREATE TABLE lg_transitions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant          TEXT    NOT NULL,
    lead_id         TEXT    NOT NULL,
    from_stage      TEXT    NOT NULL,
    to_stage        TEXT    NOT NULL,
    score           REAL    NOT NULL,
    threshold       REAL    NULL,
    cause_event_id  TEXT    NOT NULL,
    occurred_at     INTEGER NOT NULL,
    recorded_at     INTEGER NOT NULL,
    stream_position INTEGER NULL
);
CREATE INDEX lg_transitions_by_lead ON lg_transitions (tenant, lead_id, id);

CREATE TABLE lg_api_keys (
    key_id      TEXT    PRIMARY KEY,
    tenant      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    scopes      TEXT    NOT NULL,
    secret_hash BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL
);
