-- Lead-list rows are written behind the journal (0009): a flush rewrites every lead its silo's
-- commits touched in the last few seconds, in one statement. With 80% fill a page had room for
-- the new versions of only a few of its rows, so ~70% of a flush's updates were not HOT and each
-- added an entry to both indexes (30-35% HOT over a benchmark run; 90-92% at 50%, and the flush's
-- statement 25-40% cheaper a row: docs/performance-log.md, session 26). Applies to pages written from
-- now on; VACUUM FULL (or pg_repack) rewrites an existing table to it.
ALTER TABLE lg_leads SET (fillfactor = 50);
