-- KPI tables for the embedded store; same shape and meaning as the PostgreSQL schema
-- (see Postgres/0002_kpis.sql for the why). Dates are 'yyyy-MM-dd' text, which sorts as dates;
-- KPI timestamps are ISO-8601 text.

CREATE TABLE lg_kpi_shards (
    shard INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT    NOT NULL UNIQUE,
    seq   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE lg_kpi_counters (
    tenant  TEXT    NOT NULL,
    counter TEXT    NOT NULL,
    scope   TEXT    NOT NULL,
    period  INTEGER NOT NULL,
    bucket  TEXT    NOT NULL,
    shard   INTEGER NOT NULL,
    value   REAL    NOT NULL,
    PRIMARY KEY (tenant, counter, scope, period, bucket, shard)
) WITHOUT ROWID;

CREATE TABLE lg_kpi_unique (
    tenant TEXT NOT NULL,
    key    BLOB NOT NULL,
    PRIMARY KEY (tenant, key)
) WITHOUT ROWID;

CREATE TABLE lg_metric_reports (
    tenant      TEXT    NOT NULL,
    report_id   TEXT    NOT NULL,
    metric      TEXT    NOT NULL,
    value       REAL    NOT NULL,
    occurred_at INTEGER NOT NULL,
    campaign    TEXT    NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, report_id)
) WITHOUT ROWID;

CREATE TABLE lg_kpi_targets (
    tenant         TEXT    NOT NULL,
    kpi            TEXT    NOT NULL,
    initiative     TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    status         TEXT    NULL,
    status_version INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT    NOT NULL,
    PRIMARY KEY (tenant, kpi)
);

CREATE TABLE lg_kpi_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant          TEXT    NOT NULL,
    kpi             TEXT    NOT NULL,
    target_id       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    as_of           TEXT    NOT NULL,
    value           REAL    NULL,
    target          REAL    NOT NULL,
    projected       REAL    NULL,
    floor           REAL    NULL,
    cause           TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    stream_position INTEGER NULL
);
CREATE INDEX lg_kpi_events_by_kpi ON lg_kpi_events (tenant, kpi, id);

CREATE TABLE lg_kgi_plans (
    tenant     TEXT PRIMARY KEY,
    plan       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
