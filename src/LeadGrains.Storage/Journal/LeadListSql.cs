namespace LeadGrains.Storage.Journal;

/// <summary>The lead-row columns and the dashboard list query, the same text on both engines.</summary>
internal static class LeadListSql
{
    /// <summary>The column index of <c>score_rank</c> in <see cref="List"/>'s rows.</summary>
    public const int RankColumn = 15;

    public const string LeadColumns =
        "tenant, lead_id, version, stage, score, score_as_of, event_count, first_seen_at, last_activity_at, " +
        "first_source, first_campaign, last_source, last_campaign, qualified_at, model_version";

    /// <summary>
    /// The upsert of a row written behind the journal or by a repair, on either engine: it wins
    /// only over an older row, so a late writer (a silo that lost the lead in a failover, or a
    /// repair) never takes the list back. Prefixed by the engine's own INSERT of the row.
    /// </summary>
    public const string NewerRowWins = """
        ON CONFLICT (tenant, lead_id) DO UPDATE SET
            version = excluded.version, stage = excluded.stage, score = excluded.score, score_as_of = excluded.score_as_of,
            score_rank = excluded.score_rank, event_count = excluded.event_count, first_seen_at = excluded.first_seen_at,
            last_activity_at = excluded.last_activity_at, first_source = excluded.first_source,
            first_campaign = excluded.first_campaign, last_source = excluded.last_source,
            last_campaign = excluded.last_campaign, qualified_at = excluded.qualified_at,
            model_version = excluded.model_version, updated_at = excluded.updated_at
        WHERE lg_leads.version < excluded.version
        """;

    // Built per filter combination so each shape gets its own plan.
    public static string List(bool byStage, bool byMinRank, bool after) =>
        $"SELECT {LeadColumns}, score_rank FROM lg_leads WHERE tenant = @tenant"
        + (byStage ? " AND stage = @stage" : "")
        + (byMinRank ? " AND score_rank >= @min_rank" : "")
        + (after ? " AND (score_rank, lead_id) < (@after_rank, @after_lead)" : "")
        + " ORDER BY score_rank DESC, lead_id DESC LIMIT @limit";
}
