-- LeadGrains core tables. Every key starts with the tenant: tenants are isolated in every query.

-- The journal: one row per accepted event. The primary key is the exactly-once guarantee:
-- a repeated (tenant, event_id) is dropped by ON CONFLICT DO NOTHING and never counted.
CREATE TABLE lg_events (
    tenant      text        NOT NULL,
    event_id    text        NOT NULL,
    lead_id     text        NOT NULL,
    seq         bigint      NOT NULL,  -- per-lead arrival order assigned by the lead grain (gaps allowed)
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    source      text        NULL,
    campaign    text        NULL,
    properties  text        NULL,      -- the producer's JSON object, verbatim
    PRIMARY KEY (tenant, event_id)
);
CREATE INDEX lg_events_by_lead ON lg_events (tenant, lead_id, seq);

-- One row per lead, written in the same transaction as its events: the dashboard's read model
-- and the snapshot a lead grain activates from (state = LeadStateCodec bytes, version = last seq).
CREATE TABLE lg_leads (
    tenant           text             NOT NULL,
    lead_id          text             NOT NULL,
    version          bigint           NOT NULL,
    stage            text             NOT NULL,
    score            double precision NOT NULL,  -- as of score_as_of
    score_as_of      timestamptz      NOT NULL,
    score_rank       double precision NOT NULL,  -- orders leads by decayed score at any common time
    event_count      integer          NOT NULL,
    first_seen_at    timestamptz      NULL,
    last_activity_at timestamptz      NULL,
    first_source     text             NULL,
    first_campaign   text             NULL,
    last_source      text             NULL,
    last_campaign    text             NULL,
    qualified_at     timestamptz      NULL,
    model_version    text             NOT NULL,
    state            bytea            NOT NULL,
    updated_at       timestamptz      NOT NULL,
    PRIMARY KEY (tenant, lead_id)
) WITH (fillfactor = 80);  -- room on each page for HOT updates
-- Only the stage is indexed, not the score: every append rewrites the score, and an index on it
-- would make each of those updates a non-HOT update with new index entries (measured: about a
-- third of the journal's PostgreSQL time). Lists by stage use this index; a list over all stages
-- is a top-N scan of the tenant's rows (see docs/architecture.md).
CREATE INDEX lg_leads_by_stage ON lg_leads (tenant, stage);

-- The outbox of stage transitions (qualifications among them). stream_position is assigned
-- later, gap-free per tenant, by the stream that publishes them.
CREATE TABLE lg_transitions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant          text             NOT NULL,
    lead_id         text             NOT NULL,
    from_stage      text             NOT NULL,
    to_stage        text             NOT NULL,
    score           double precision NOT NULL,
    threshold       double precision NULL,
    cause_event_id  text             NOT NULL,
    occurred_at     timestamptz      NOT NULL,
    recorded_at     timestamptz      NOT NULL,
    stream_position bigint           NULL
);
CREATE INDEX lg_transitions_by_lead ON lg_transitions (tenant, lead_id, id);
CREATE INDEX lg_transitions_unpublished ON lg_transitions (tenant, id) WHERE stream_position IS NULL;

-- API keys: the secret is stored only as a SHA-256 hash.
CREATE TABLE lg_api_keys (
    key_id      text        PRIMARY KEY,
    tenant      text        NOT NULL,
    name        text        NOT NULL,
    scopes      text        NOT NULL,
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL
);
CREATE INDEX lg_api_keys_by_tenant ON lg_api_keys (tenant);
