-- Grain state for Microsoft.Orleans.Persistence.AdoNet (AddAdoNetGrainStorage, invariant
-- "System.Data.SQLite", which Orleans maps to Microsoft.Data.Sqlite). Needs SQLite 3.37 or later
-- (STRICT tables, RETURNING); the bundled e_sqlite3 is newer.
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
    service_id      TEXT    NOT NULL,
    state_name_hash INTEGER NOT NULL,
    state_name      TEXT    NOT NULL,
    grain_id_hash   INTEGER NOT NULL,
    grain_id_n0     INTEGER NOT NULL,
    grain_id_n1     INTEGER NOT NULL,
    grain_id_string TEXT    NULL,
    payload         BLOB    NULL,
    version         INTEGER NOT NULL,
    -- UTC, 'YYYY-MM-DD HH:MM:SS' (CURRENT_TIMESTAMP).
    modified_at     TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
) STRICT;

-- Lookups: the two hashes are equalities in every query and leave about one row to check.
CREATE INDEX orleans_storage_lookup ON orleans_storage (grain_id_hash, state_name_hash);

-- Uniqueness of the full key. grain_id_string is NULL for plain integer/Guid keys and NULLs are
-- distinct in a unique index, hence one partial index for each case.
CREATE UNIQUE INDEX orleans_storage_key_with_string
    ON orleans_storage (grain_id_hash, state_name_hash, service_id, state_name, grain_id_n0, grain_id_n1, grain_id_string)
    WHERE grain_id_string IS NOT NULL;
CREATE UNIQUE INDEX orleans_storage_key_without_string
    ON orleans_storage (grain_id_hash, state_name_hash, service_id, state_name, grain_id_n0, grain_id_n1)
    WHERE grain_id_string IS NULL;

-- The query texts hold no quotes, so they need no escaping inside these literals. `a IS b` is
-- SQLite's NULL-safe equality.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS @GrainIdExtensionString
'),

-- A NULL version is a first write: insert unless a row exists (ON CONFLICT covers a racing
-- insert). Otherwise update only the row still at the caller's version. Two statements, of which
-- at most one changes a row and returns the new version; the provider reads every result set.
-- The INSERT needs its WHERE for SQLite to parse ON CONFLICT as an upsert clause.
('WriteToStorageKey', '
INSERT INTO orleans_storage
    (service_id, state_name_hash, state_name, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_string, payload, version)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;

UPDATE orleans_storage
SET payload = @PayloadBinary, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NOT NULL
  AND grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
'),

('ClearStorageKey', '
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version
'),

-- Used instead of ClearStorageKey when DeleteStateOnClear = true. The provider treats a returned
-- version equal to the caller's as a conflict, so a delete reports the version it would have had.
('DeleteStorageKey', '
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1
');
