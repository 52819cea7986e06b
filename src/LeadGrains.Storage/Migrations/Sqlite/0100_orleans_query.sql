-- The query catalogue of the Orleans ADO.NET providers.
--
-- At start every provider runs `SELECT QueryKey, QueryText FROM OrleansQuery` and from then on
-- executes the stored text with @Name parameters. SQLite matches identifiers case-insensitively;
-- the name is the same as on PostgreSQL, where that fixed SELECT rules out our orleans_ prefix.
-- Each later migration inserts the queries for the tables it creates.
CREATE TABLE orleansquery
(
    querykey  TEXT NOT NULL PRIMARY KEY,
    querytext TEXT NOT NULL
) STRICT;
