namespace LeadGrains.Storage.Journal;

/// <summary>The lead-row columns and the dashboard list query, the same text on both engines.</summary>
internal static class LeadListSql
{
    /// <summary>The column index of <c>score_rank</c> in <see cref="List"/>'s rows.</summary>
    public const int RankColumn = 15;

    public const string LeadColumns =
        "tenant, lead_id, version, stage, score, score_as_of, event_count, first_seen_at, last_activity_at, " +
        "first_source, first_campaign, last_source, last_campaign, qualified_at, model_version";

    // Built per filter combination so each shape gets its own plan.
    public static string List(bool byStage, bool byMinRank, bool after) =>
        $"SELECT {LeadColumns}, score_rank FROM lg_leads WHERE tenant = @tenant"
        + (byStage ? " AND stage = @stage" : "")
        + (byMinRank ? " AND score_rank >= @min_rank" : "")
        + (after ? " AND (score_rank, lead_id) < (@after_rank, @after_lead)" : "")
        + " ORDER BY score_rank DESC, lead_id DESC LIMIT @limit";
}
