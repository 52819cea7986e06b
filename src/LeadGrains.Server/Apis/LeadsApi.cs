using System.Globalization;
using System.Text;
using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Grains.Leads;
using LeadGrains.Server.Leads;
using LeadGrains.Server.Security;
using LeadGrains.Storage.Journal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadGrains.Server.Apis;

/// <summary>
/// Lead state for dashboards: one lead live from its grain, lists from the store's read model
/// once every silo has written the rows its commits changed.
/// </summary>
public static class LeadsApi
{
    public const int MaxPageSize = 500;

    public sealed record TouchDto(string? Source, string? Campaign);

    public sealed record LeadSummaryDto(
        string LeadId, string Stage, double Score, int EventCount, DateTimeOffset? FirstSeenAt, DateTimeOffset? LastActivityAt,
        DateTimeOffset? QualifiedAt, TouchDto? FirstTouch, TouchDto? LastTouch);

    public sealed record LeadPageDto(IReadOnlyList<LeadSummaryDto> Items, string? NextCursor);

    public sealed record TransitionDto(
        long Id, string From, string To, double Score, double? Threshold, string CauseEventId, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);

    public sealed record TransitionsDto(string LeadId, IReadOnlyList<TransitionDto> Items);

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/v1/leads").RequireAuthorization(Scopes.Read).WithTags("Leads");
        leads.MapGet("/{leadId}", GetLeadAsync).WithName("GetLead").WithSummary("A lead's live score, stage, counts and score explanation");
        leads.MapGet("/", ListLeadsAsync).WithName("ListLeads").WithSummary("Leads by decayed score, optionally by stage and minimum score");
        leads.MapGet("/{leadId}/transitions", GetTransitionsAsync).WithName("GetLeadTransitions").WithSummary("A lead's stage transitions");
        return app;
    }

    public static async Task<Results<Ok<LeadView>, ProblemHttpResult>> GetLeadAsync(
        string leadId, HttpContext context, LeadGrainReferences leads, bool explain = true)
    {
        if (ValidateLeadId(leadId) is { } invalid)
        {
            return invalid;
        }
        var view = await leads.Get(context.Tenant(), leadId).GetAsync(explain);
        return view is null ? Problems.NotFound($"Lead '{leadId}'") : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<LeadPageDto>, ProblemHttpResult>> ListLeadsAsync(
        HttpContext context, ILeadStore store, ClusterLeadList list, IScoringModels models, TimeProvider clock,
        string? stage = null, double? minScore = null, string? sort = null, int? limit = null, string? cursor = null)
    {
        LeadStage? stageFilter = null;
        if (stage is not null)
        {
            if (!LeadStages.TryParse(stage, out var s))
            {
                return Problems.Invalid("stage", $"'stage' must be one of: {string.Join(", ", Enum.GetValues<LeadStage>().Select(x => x.Name()))}.");
            }
            stageFilter = s;
        }
        if (sort is not null and not "score")
        {
            return Problems.Invalid("sort", "'sort' must be 'score' (highest decayed score first).");
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"'limit' must be between 1 and {MaxPageSize}.");
        }
        if (minScore is { } m && !double.IsFinite(m))
        {
            return Problems.Invalid("minScore", "'minScore' must be a finite number.");
        }
        (double, string)? after = null;
        if (cursor is not null)
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                return Problems.Invalid("cursor", "'cursor' is not a cursor this API returned.");
            }
        }

        var tenant = context.Tenant();
        var model = models.For(tenant);
        var now = clock.GetUtcNow();
        var pageSize = limit ?? 50;
        var minRank = minScore is { } min ? ScoreRank.Floor(min, now, model.Decay) : (double?)null;
        await list.FlushAsync();
        var items = await store.ListLeadsAsync(new LeadListQuery(tenant, stageFilter, minRank, pageSize, after), context.RequestAborted);

        var dtos = items.Select(i => Summary(i.Lead, now, model)).ToList();
        var next = items.Count == pageSize ? EncodeCursor(items[^1].Rank, items[^1].Lead.LeadId) : null;
        return TypedResults.Ok(new LeadPageDto(dtos, next));
    }

    public static async Task<Results<Ok<TransitionsDto>, ProblemHttpResult>> GetTransitionsAsync(
        string leadId, HttpContext context, ILeadStore store, LeadGrainReferences leads)
    {
        if (ValidateLeadId(leadId) is { } invalid)
        {
            return invalid;
        }
        var items = await store.ReadTransitionsAsync(context.Tenant(), leadId, context.RequestAborted);
        if (items.Count == 0)
        {
            // The grain, not the list: a lead's list row may not be written yet.
            if (await leads.Get(context.Tenant(), leadId).GetAsync(explain: false) is null)
            {
                return Problems.NotFound($"Lead '{leadId}'");
            }
        }
        return TypedResults.Ok(new TransitionsDto(leadId, items.Select(t => new TransitionDto(
            t.Id, t.From.Name(), t.To.Name(), Math.Round(t.Score, 2), t.Threshold, t.CauseEventId, t.OccurredAt, t.RecordedAt)).ToList()));
    }

    private static LeadSummaryDto Summary(StoredLead l, DateTimeOffset now, ScoringModel model)
    {
        var factor = now.UtcTicks <= l.ScoreAsOf.UtcTicks ? 1.0 : model.Decay.Factor(l.ScoreAsOf.UtcTicks, now.UtcTicks);
        return new LeadSummaryDto(
            l.LeadId, l.Stage.Name(), Math.Round(l.Score * factor, 2), l.EventCount, l.FirstSeenAt, l.LastActivityAt, l.QualifiedAt,
            l.FirstSource is null && l.FirstCampaign is null ? null : new TouchDto(l.FirstSource, l.FirstCampaign),
            l.LastSource is null && l.LastCampaign is null ? null : new TouchDto(l.LastSource, l.LastCampaign));
    }

    internal static ProblemHttpResult? ValidateLeadId(string leadId) =>
        leadId.Length is 0 or > EventLimits.MaxLeadIdLength || leadId.Any(char.IsControl)
            ? Problems.Invalid("leadId", $"'leadId' must be 1 to {EventLimits.MaxLeadIdLength} characters without control characters.")
            : null;

    private static string EncodeCursor(double rank, string leadId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(rank.ToString("R", CultureInfo.InvariantCulture) + "\n" + leadId))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static (double, string)? DecodeCursor(string cursor)
    {
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(s));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline > 0 && double.TryParse(text[..newline], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank)
                ? (rank, text[(newline + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
