-- The query catalogue of the Orleans ADO.NET providers.
--
-- At start every provider runs `SELECT QueryKey, QueryText FROM OrleansQuery` (unquoted, so
-- PostgreSQL looks for orleansquery(querykey, querytext)) and from then on executes the stored
-- text with @Name parameters. That fixed SELECT is why this one table cannot carry our usual
-- orleans_ prefix. Each later migration inserts the queries for the tables it creates.
CREATE TABLE orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);
