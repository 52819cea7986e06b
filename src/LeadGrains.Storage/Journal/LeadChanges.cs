using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;

namespace LeadGrains.Storage.Journal;

/// <summary>What an append changes about its lead: the new state (and its row) and the stage transitions.</summary>
public sealed record LeadChanges(LeadState State, string ModelVersion, Decay Decay, IReadOnlyList<StageTransition> Transitions);
