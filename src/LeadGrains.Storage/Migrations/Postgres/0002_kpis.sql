-- KPI counters, exact unique counts, channel reports, targets, threshold events and KGI plans.

-- One row per journal writer (and per silo's report writer). seq numbers the writer's commits
-- that changed counters; a KPI grain remembers the seq it has seen per shard, so a flush it
-- already loaded from here is never added twice.
CREATE TABLE lg_kpi_shards (
    shard integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text   NOT NULL UNIQUE,
    seq   bigint NOT NULL DEFAULT 0
);

-- Additive counters per (counter, scope, period bucket), one row per writer shard so writers
-- never wait on each other's row locks: a KPI that every event touches is not a hot row.
-- A value is the sum over shards. scope is '' (whole tenant), 'campaign:X' or 'source:X';
-- period is 0 day, 1 week, 2 month; bucket is the tenant-local date the bucket starts on.
CREATE TABLE lg_kpi_counters (
    tenant  text             NOT NULL,
    counter text             NOT NULL,
    scope   text             NOT NULL,
    period  smallint         NOT NULL,
    bucket  date             NOT NULL,
    shard   integer          NOT NULL,
    value   double precision NOT NULL,
    PRIMARY KEY (tenant, counter, scope, period, bucket, shard)
) WITH (fillfactor = 70);

-- First occurrences for exact unique counts: key = 128-bit hash of (counter, scope, bucket,
-- identity). A row that goes in is a first occurrence; ON CONFLICT DO NOTHING says it was not.
CREATE TABLE lg_kpi_unique (
    tenant text NOT NULL,
    key    uuid NOT NULL,
    PRIMARY KEY (tenant, key)
);

-- Aggregate channel reports (SNS impressions, email list sizes), idempotent by id like events.
CREATE TABLE lg_metric_reports (
    tenant      text             NOT NULL,
    report_id   text             NOT NULL,
    metric      text             NOT NULL,
    value       double precision NOT NULL,
    occurred_at timestamptz      NOT NULL,
    campaign    text             NULL,
    received_at timestamptz      NOT NULL,
    PRIMARY KEY (tenant, report_id)
);

-- One SMART target per KPI. status is the evaluation threshold events were last published
-- from; status_version makes publishing a crossing exactly-once even if two activations race.
CREATE TABLE lg_kpi_targets (
    tenant         text        NOT NULL,
    kpi            text        NOT NULL,
    initiative     text        NOT NULL,
    target         text        NOT NULL,  -- JSON
    status         text        NULL,      -- JSON
    status_version bigint      NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant, kpi)
);

-- The outbox of KPI-threshold events. stream_position is assigned later by the stream grain.
CREATE TABLE lg_kpi_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant          text             NOT NULL,
    kpi             text             NOT NULL,
    target_id       text             NOT NULL,
    kind            text             NOT NULL,
    as_of           date             NOT NULL,
    value           double precision NULL,
    target          double precision NOT NULL,
    projected       double precision NULL,
    floor           double precision NULL,
    cause           text             NOT NULL,
    recorded_at     timestamptz      NOT NULL,
    stream_position bigint           NULL
);
CREATE INDEX lg_kpi_events_by_kpi ON lg_kpi_events (tenant, kpi, id);
CREATE INDEX lg_kpi_events_unpublished ON lg_kpi_events (tenant, id) WHERE stream_position IS NULL;

-- A tenant's KGI plan (the back-solved funnel), as JSON.
CREATE TABLE lg_kgi_plans (
    tenant     text        PRIMARY KEY,
    plan       text        NOT NULL,
    updated_at timestamptz NOT NULL
);
