-- Grain state for Microsoft.Orleans.Persistence.AdoNet (AddAdoNetGrainStorage, invariant "Npgsql").
--
-- One row per (service, state name, grain key). What the provider sends for a grain:
--   GrainTypeString         the state name of [PersistentState("name", ...)], not the grain class:
--                           two grain classes that use the same state name and key share a row,
--                           so every state name must be unique across grain classes.
--   GrainIdN0, GrainIdN1    a Guid key as two longs; an integer key in N1 (N0 = 0); 0, 0 otherwise.
--   GrainIdExtensionString  a string key, or the extension of a compound key; NULL when none.
--   GrainIdHash, GrainTypeHash  32-bit hashes of the grain key and of the state name, there to
--                           narrow the index.
-- Hashes can collide, so every lookup also compares the full values. A string key that parses as
-- a hexadecimal long ("cafe", "0cafe", "CAFE", optionally "+extension") reaches us as that integer
-- key: such keys share a row whatever the schema does, so our grain keys carry a non-hex prefix.
--
-- The version is the grain's ETag. A write or clear only succeeds when the caller's version
-- matches and returns the new version; a mismatch changes nothing and returns no row, which the
-- provider turns into InconsistentStateException. Clearing keeps the row with a NULL payload and
-- a bumped version, so a writer holding the version from before the clear still conflicts.
CREATE TABLE orleans_storage
(
    service_id      text        NOT NULL,
    state_name_hash integer     NOT NULL,
    state_name      text        NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_string text        NULL,
    payload         bytea       NULL,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now()
);

-- Lookups: the two hashes are equalities in every query and leave about one row to check.
CREATE INDEX orleans_storage_lookup ON orleans_storage (grain_id_hash, state_name_hash);

-- Uniqueness of the full key. grain_id_string is NULL for plain integer/Guid keys and a NULL never
-- equals another in a unique index, hence one partial index for each case (this also works on
-- PostgreSQL before 15, which lacks NULLS NOT DISTINCT). They make a racing first write of the
-- same grain fail instead of inserting a second row.
CREATE UNIQUE INDEX orleans_storage_key_with_string
    ON orleans_storage (grain_id_hash, state_name_hash, service_id, state_name, grain_id_n0, grain_id_n1, grain_id_string)
    WHERE grain_id_string IS NOT NULL;
CREATE UNIQUE INDEX orleans_storage_key_without_string
    ON orleans_storage (grain_id_hash, state_name_hash, service_id, state_name, grain_id_n0, grain_id_n1)
    WHERE grain_id_string IS NULL;

-- Result column names are quoted because the provider reads them by these exact names.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- A NULL version is a first write: insert unless a row exists (ON CONFLICT covers a racing
-- insert). Otherwise update only the row still at the caller's version. At most one of the two
-- produces the row with the new version.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage
        (service_id, state_name_hash, state_name, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_string, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE grain_id_hash = @GrainIdHash
      AND state_name_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_string IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated
$q$),

('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear = true. The provider treats a returned
-- version equal to the caller's as a conflict, so a delete reports the version it would have had.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1
$q$);
